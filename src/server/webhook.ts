import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { type HookProject, isHookName, parseHook } from './events.js';
import type { PassQueue } from './queue.js';
import type { RecentIds } from './recent-ids.js';
import { type Route, type RoutingRules, routeEvent } from './route.js';

/**
 * `POST /webhook` after the token check: parse → route → drop the bot's own events and repeats → queue, answering
 * 202 before the pass runs. Every answer is JSON, or 204 with the reason in `X-Pingate-Reason`.
 */
export interface DeliveryDeps {
  rules: RoutingRules;
  queue: Pick<PassQueue, 'enqueue'>;
  recentIds: RecentIds;
  /** The bot's GitLab user id; must answer quickly (serve resolves it once at start-up). */
  botUserId?: () => Promise<number>;
  /** The queue key of a hook's project, or undefined when the server does not serve that project. */
  resolveProject: (project: HookProject) => string | undefined;
}

/** Per delivery: `res.locals.requestId` and `res.locals.log` (a child logger carrying it). */
export function deliveryContext(logger: Logger, onAnswer: (status: number) => void): RequestHandler {
  return (request, response, next) => {
    const requestId = randomUUID();
    const log = logger.child({
      requestId,
      event: request.get('x-gitlab-event'),
      eventUuid: request.get('x-gitlab-event-uuid'),
      webhookUuid: request.get('x-gitlab-webhook-uuid'),
    });
    response.locals['requestId'] = requestId;
    response.locals['log'] = log;
    response.setHeader('X-Request-Id', requestId);
    response.on('finish', () => {
      onAnswer(response.statusCode);
      log.info(
        { status: response.statusCode, reason: response.getHeader('X-Pingate-Reason') },
        'webhook answered',
      );
    });
    next();
  };
}

/** Events the server never acts on get 204 before their body is read. */
export const knownEventsOnly: RequestHandler = (request, response, next) => {
  const name = request.get('x-gitlab-event') ?? '';
  if (isHookName(name)) {
    next();
    return;
  }
  ignore(response, name === '' ? 'no X-Gitlab-Event header' : `event "${name}" is not used`);
};

export function handleDelivery(deps: DeliveryDeps): RequestHandler {
  return (request, response, next) => {
    deliver(deps, request, response).catch(next);
  };
}

async function deliver(deps: DeliveryDeps, request: Request, response: Response): Promise<void> {
  const body = readJson(request.body);
  if (!body.ok) {
    response.status(400).json({ error: body.message });
    return;
  }
  const name = request.get('x-gitlab-event') ?? '';
  if (!isHookName(name)) throw new Error(`unchecked event ${name}`);
  const parsed = parseHook(name, body.value);
  if (!parsed.ok) {
    response.status(400).json({ error: parsed.message });
    return;
  }
  if ('ignored' in parsed) {
    ignore(response, parsed.ignored);
    return;
  }
  const route = routeEvent(parsed.event, deps.rules);
  if (route.kind === 'ignore') {
    ignore(response, route.why);
    return;
  }
  const project = deps.resolveProject(route.project);
  if (project === undefined) {
    ignore(response, `project ${route.project.path_with_namespace} is not served here`);
    return;
  }
  const botReason = await notForTheBot(deps, route, response.locals['log'] as Logger);
  if (botReason !== undefined) {
    ignore(response, botReason);
    return;
  }
  const requestId = response.locals['requestId'] as string;
  const deliveryId = request.get('x-gitlab-event-uuid') ?? request.get('idempotency-key');
  if (deliveryId !== undefined && deps.recentIds.seen(deliveryId)) {
    response.status(200).json({ accepted: false, duplicate: true, requestId });
    return;
  }
  const outcome = deps.queue.enqueue(project, { ...route.trigger, requestId });
  if (outcome === 'closed') {
    response.status(503).json({ error: 'shutting down; GitLab will retry' });
    return;
  }
  (response.locals['log'] as Logger).info({ project, why: route.why, queue: outcome }, 'event accepted');
  response.status(202).json({ accepted: true, requestId });
}

type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

/** The raw body as JSON, whatever the Content-Type claimed (GitLab always sends JSON). */
function readJson(body: unknown): JsonBody {
  if (!Buffer.isBuffer(body) || body.length === 0) return { ok: false, message: 'empty body; expected JSON' };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `body is not JSON: ${reason}` };
  }
}

/**
 * The bot's own edits (its dashboard rewrite, its MR updates and merges) are ignored, or every write would start
 * another pass; so are MRs on a bot-looking branch that someone else opened (pingate never touches those). When
 * the bot's id cannot be had, the event goes through: a pass too many is harmless.
 */
async function notForTheBot(deps: DeliveryDeps, route: Route, log: Logger): Promise<string | undefined> {
  if (route.kind !== 'pass' || !deps.botUserId) return undefined;
  if (route.actorId === undefined && route.mergeRequestAuthorId === undefined) return undefined;
  let botId: number;
  try {
    botId = await deps.botUserId();
  } catch (error) {
    log.warn({ err: error }, 'bot user unknown; not filtering the bot’s own events');
    return undefined;
  }
  if (route.actorId === botId) return 'caused by the bot itself';
  if (route.mergeRequestAuthorId !== undefined && route.mergeRequestAuthorId !== botId) {
    return 'merge request not opened by the bot';
  }
  return undefined;
}

function ignore(response: Response, why: string): void {
  response.setHeader('X-Pingate-Reason', why);
  response.status(204).end();
}

/** Our answer to anything thrown: a JSON body with a status, never a stack trace. */
export function jsonErrors(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => {
    const status = httpStatusOf(error);
    const log = (response.locals['log'] as Logger | undefined) ?? logger;
    if (status >= 500) log.error({ err: error }, 'request failed');
    if (response.headersSent) return;
    response.status(status).json({ error: publicMessage(status, error) });
  };
}

function httpStatusOf(error: unknown): number {
  const candidate = (error as { status?: unknown; statusCode?: unknown } | null) ?? {};
  const status = candidate.status ?? candidate.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Body-parser's own messages are safe to show; anything else is summarised. */
function publicMessage(status: number, error: unknown): string {
  if (status === 413) return 'body over 1 MiB';
  const type = (error as { type?: unknown } | null)?.type;
  if (status < 500 && typeof type === 'string' && error instanceof Error) return error.message;
  return status < 500 ? 'bad request' : 'internal error';
}
