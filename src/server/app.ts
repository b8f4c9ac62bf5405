import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import { type Logger, pino } from 'pino';
import type { Secret } from '../config/secret.js';
import type { PassRunner } from '../pass/types.js';
import type { HookProject } from './events.js';
import { createServerMetrics, type ServerMetrics } from './pingate-metrics.js';
import { createPassQueue, type PassQueue } from './queue.js';
import { createRecentIds } from './recent-ids.js';
import { defaultRoutingRules, type RoutingRules } from './route.js';
import { requireGitLabToken } from './verify.js';
import { deliveryContext, handleDelivery, jsonErrors, knownEventsOnly } from './webhook.js';

/** The webhook server of `pingate serve` (SPEC §8), with the pass runner injected. */
export interface ServerOptions {
  runPass: PassRunner;
  webhookSecret: Secret | string;
  /** The bot's user id, to ignore its own events; without it nothing is filtered. Must answer quickly. */
  botUserId?: () => Promise<number>;
  /** Default: starts with `pingate/`. */
  isBotBranch?: RoutingRules['isBotBranch'];
  /** Default: `Dependency Dashboard`. */
  dashboardTitle?: string;
  /** Default: `renovate.json` and any `.txt`, `.yml`, `.yaml` file. */
  isWatchedPath?: RoutingRules['isWatchedPath'];
  /** Projects served, by id or path; empty: every project whose webhook reaches the server (a group hook). */
  projects?: readonly string[];
  /**
   * This replica's part of the projects, by GitLab project id (`PINGATE_SHARD`): a hook of a project of another
   * shard is answered 204 and left to the replica that owns it. Default: every project.
   */
  inShard?: (projectId: number) => boolean;
  /** Passes of different projects at once (default 4). */
  concurrency?: number;
  logger?: Logger;
  metrics?: ServerMetrics;
  /** Delivery ids remembered to drop repeats (default 10,000). */
  recentDeliveries?: number;
}

export interface PingateServer {
  app: Express;
  queue: PassQueue;
  metrics: ServerMetrics;
  /** Resolves once listening; `port` 0 picks a free one. */
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops accepting (health 503, webhooks 503), closes the listener, waits for the passes in hand. */
  close(): Promise<void>;
  readonly closing: boolean;
}

export const BODY_LIMIT = '1mb';
const DEFAULT_RECENT_DELIVERIES = 10_000;

export function createServer(options: ServerOptions): PingateServer {
  const logger = options.logger ?? pino({ level: 'silent' });
  const metrics = options.metrics ?? createServerMetrics();
  const queue = createPassQueue({
    runPass: options.runPass,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    logger,
    onReport: (report) => metrics.recordPass(report),
    onCrash: () => metrics.recordCrashedPass(),
  });
  metrics.observeQueue(queue);
  const state = { closing: false, server: undefined as Server | undefined };
  const app = buildApp(options, { logger, metrics, queue, isClosing: () => state.closing });

  return {
    app,
    queue,
    metrics,
    get closing() {
      return state.closing;
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        const server = app.listen(port, host, (error?: Error) => {
          if (error) {
            reject(error);
            return;
          }
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
        state.server = server;
      });
    },
    async close() {
      state.closing = true;
      const server = state.server;
      const closed = server
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      server?.closeIdleConnections();
      await queue.close();
      server?.closeAllConnections();
      await closed;
    },
  };
}

interface AppParts {
  logger: Logger;
  metrics: ServerMetrics;
  queue: PassQueue;
  isClosing: () => boolean;
}

function buildApp(options: ServerOptions, parts: AppParts): Express {
  const defaults = defaultRoutingRules();
  const rules: RoutingRules = {
    isBotBranch: options.isBotBranch ?? defaults.isBotBranch,
    dashboardTitle: options.dashboardTitle ?? defaults.dashboardTitle,
    isWatchedPath: options.isWatchedPath ?? defaults.isWatchedPath,
  };
  const app = express();
  app.disable('x-powered-by');
  app.post(
    '/webhook',
    deliveryContext(parts.logger, (status) => parts.metrics.recordResponse(status)),
    refuseWhileClosing(parts.isClosing),
    requireGitLabToken(options.webhookSecret),
    knownEventsOnly,
    // Raw bytes for any content type: express.json would leave the body undefined for a wrong one.
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    handleDelivery({
      rules,
      queue: parts.queue,
      recentIds: createRecentIds(options.recentDeliveries ?? DEFAULT_RECENT_DELIVERIES),
      ...(options.botUserId ? { botUserId: options.botUserId } : {}),
      resolveProject: projectResolver(options.projects ?? [], options.inShard),
    }),
  );
  app.get('/healthz', (_request, response) => {
    if (parts.isClosing()) response.status(503).json({ status: 'shutting down' });
    else response.status(200).json({ status: 'ok' });
  });
  // Express 5 passes a rejected promise to the JSON error handler.
  app.get('/metrics', async (_request, response) => {
    const text = await parts.metrics.registry.render();
    response.type(parts.metrics.registry.contentType).send(text);
  });
  app.use((_request, response) => {
    response.status(404).json({ error: 'not found: use POST /webhook, GET /healthz or GET /metrics' });
  });
  app.use(jsonErrors(parts.logger));
  return app;
}

function refuseWhileClosing(isClosing: () => boolean): RequestHandler {
  return (_request, response, next) => {
    if (!isClosing()) {
      next();
      return;
    }
    response.setHeader('Connection', 'close');
    response.status(503).json({ error: 'shutting down; GitLab will retry' });
  };
}

/**
 * A hook's project as the queue knows it: the configured spelling (id or path), so that webhook and scheduled
 * passes of one project share a queue slot. With no projects configured, every project is served by its path.
 */
export function projectResolver(
  projects: readonly string[],
  inShard: (projectId: number) => boolean = () => true,
): (project: HookProject) => string | undefined {
  return (project) => {
    if (!inShard(project.id)) return undefined;
    if (projects.length === 0) return project.path_with_namespace;
    const path = project.path_with_namespace.toLowerCase();
    return projects.find((entry) => entry === String(project.id) || entry.toLowerCase() === path);
  };
}
