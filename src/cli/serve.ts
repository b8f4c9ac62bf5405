/** `pingate serve`: the webhook server plus the built-in schedule (SPEC §8), until SIGTERM or SIGINT. */
import type { EventEmitter } from 'node:events';
import { Command } from 'commander';
import type { Logger } from 'pino';
import { DEFAULT_INDEX_URL } from '../config/defaults.js';
import type { Settings } from '../config/env.js';
import { BadInputError, PlatformUnavailableError } from '../errors.js';
import { rememberAccess } from '../fleet/remember-access.js';
import { selectProjects } from '../fleet/select-projects.js';
import { formatShard, inShard, type Shard } from '../fleet/shard.js';
import { createLogger } from '../logging/logger.js';
import { osvClientFor } from '../osv/create.js';
import { indexPoolFor } from '../pass/index-pool.js';
import { createPassRunner } from '../pass/run-pass.js';
import type { PassRunner } from '../pass/types.js';
import { ForbiddenError, UnavailableError } from '../platform/errors.js';
import { createGitLabPlatform, normalizeUrl } from '../platform/gitlab/client.js';
import type { Platform } from '../platform/types.js';
import { createServer } from '../server/app.js';
import { createServerMetrics } from '../server/pingate-metrics.js';
import { DEFAULT_PROJECT_CONCURRENCY } from '../server/queue.js';
import { DEFAULT_BRANCH_PREFIX, DEFAULT_DASHBOARD_TITLE } from '../server/route.js';
import { compileCron, DEFAULT_CRON, startSchedule } from '../server/schedule.js';
import { commandSettings } from './command-settings.js';
import type { CommandFactory } from './commands.js';
import { collect } from './gitlab-context.js';
import { reportHostVersion } from './host-version.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  cron?: string;
  project?: string[];
  gitlabUrl?: string;
  indexUrl?: string;
  cacheDir?: string;
  concurrency?: string;
  projectConcurrency?: string;
  branchPrefix?: string;
  dashboardTitle?: string;
  logLevel?: string;
  shard?: string;
  /** A pass over every scheduled project as soon as the server listens, then on `--cron`. */
  passAtStart?: boolean;
}

/** What `runServe` takes from its surroundings; tests pass their own. */
export interface ServeEnvironment {
  env: NodeJS.ProcessEnv;
  /** Where SIGTERM and SIGINT arrive (the process). */
  signals: Pick<EventEmitter, 'on' | 'removeListener'>;
  stdout: (text: string) => void;
  /** Builds the pass runner; default: the real one over GitLab and the package index. */
  buildRunner?: (parts: RunnerParts) => PassRunner;
  platform?: Pick<Platform, 'currentUser' | 'hostVersion'>;
}

export interface RunnerParts {
  settings: Settings;
  platform: Platform;
  logger: Logger;
  indexUrlGiven: boolean;
}

const EXAMPLES = `
Environment: GITLAB_TOKEN and PINGATE_WEBHOOK_SECRET are required; PINGATE_PROJECTS (comma-separated) lists the
projects of the hourly schedule; GITLAB_URL, PIP_INDEX_URL, PORT, LOG_LEVEL as for the other commands.
With no project given, webhooks of any project are served (a group webhook) and the schedule runs nothing.
PINGATE_SHARD=I/N (or --shard): several replicas behind one hook URL each serve the projects of their slice, by
GitLab project id; a hook of another slice's project is answered 204.

Example:
  GITLAB_TOKEN=glpat-… PINGATE_WEBHOOK_SECRET=… pingate serve --project group/service --port 8080
`;

export const serveCommand: CommandFactory = (setExitCode) =>
  new Command('serve')
    .description('webhook server plus the built-in hourly schedule; runs until SIGTERM')
    .option('--port <n>', 'port to listen on (PORT; default 8080)')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--cron <expression>', `schedule of passes over every project, 5 fields, UTC`, DEFAULT_CRON)
    .option(
      '--pass-at-start',
      'also run the scheduled passes once as soon as the server listens (e.g. after a deploy), then on --cron',
    )
    .option(
      '--project <id-or-path>',
      'project to serve, repeatable (PINGATE_PROJECTS, else CI_PROJECT_PATH)',
      collect,
    )
    .option('--shard <i/n>', 'serve only slice I of N of the projects, by project id (PINGATE_SHARD)')
    .option('--gitlab-url <url>', 'GitLab base URL (GITLAB_URL, else CI_SERVER_URL, else https://gitlab.com)')
    .option('--index-url <url>', `package index (PIP_INDEX_URL; default ${DEFAULT_INDEX_URL})`)
    .option('--osv-url <url>', 'OSV API for advisories (PINGATE_OSV_URL; default https://api.osv.dev)')
    .option('--cache-dir <dir>', 'HTTP cache for index responses (PINGATE_CACHE_DIR)')
    .option(
      '--concurrency <n>',
      'index requests in flight per host (default: 100 streams over HTTP/2, 50 connections over HTTP/1.1)',
    )
    .option(
      '--project-concurrency <n>',
      `passes of different projects at once (default ${DEFAULT_PROJECT_CONCURRENCY})`,
    )
    .option('--branch-prefix <prefix>', `branches of bot MRs, for routing webhooks`, DEFAULT_BRANCH_PREFIX)
    .option(
      '--dashboard-title <title>',
      `dashboard issue title, for routing webhooks`,
      DEFAULT_DASHBOARD_TITLE,
    )
    .option('--log-level <level>', 'JSON logs on stderr (LOG_LEVEL; default info)')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: ServeFlags) => {
      setExitCode(
        await runServe(flags, {
          env: process.env,
          signals: process,
          stdout: (text) => process.stdout.write(text),
        }),
      );
    });

/** Serves until the first SIGTERM or SIGINT, then finishes the passes in hand and returns 0. */
export async function runServe(flags: ServeFlags, around: ServeEnvironment): Promise<number> {
  const settings = serveSettings(flags, around.env);
  const cron = flags.cron ?? DEFAULT_CRON;
  compileCron(cron).stop();
  const projectConcurrency = positiveInteger(flags.projectConcurrency, '--project-concurrency');
  const logger = createLogger(settings.logLevel);
  const platform = createGitLabPlatform({ url: settings.gitlabUrl, token: settings.token!.reveal(), logger });
  const botId = await botUserId(around.platform ?? platform, settings.gitlabUrl);
  await reportHostVersion(around.platform ?? platform, logger, around.stdout);
  const parts = {
    settings,
    platform,
    logger,
    indexUrlGiven: Boolean(flags.indexUrl ?? around.env.PIP_INDEX_URL),
  };
  const shard = settings.shard;
  const server = createServer({
    runPass: (around.buildRunner ?? buildPassRunner)(parts),
    ...(shard ? { inShard: (id: number) => inShard(shard, id) } : {}),
    webhookSecret: settings.webhookSecret!,
    botUserId: () => Promise.resolve(botId),
    isBotBranch: (branch) => branch.startsWith(flags.branchPrefix ?? DEFAULT_BRANCH_PREFIX),
    dashboardTitle: flags.dashboardTitle ?? DEFAULT_DASHBOARD_TITLE,
    projects: settings.projects,
    ...(projectConcurrency !== undefined ? { concurrency: projectConcurrency } : {}),
    logger,
    metrics: createServerMetrics({ processMetrics: true }),
  });
  const signals = watchSignals(around.signals);
  const host = flags.host ?? '0.0.0.0';
  let url: string;
  try {
    ({ url } = await server.listen(settings.port, host));
  } catch (error) {
    signals.stop();
    throw listenError(error, host, settings.port);
  }
  const schedule = startSchedule({
    cron,
    projects: settings.projects,
    queue: server.queue,
    logger,
    ...(shard ? { select: (projects) => projectsOfShard(platform, projects, shard) } : {}),
  });
  if (flags.passAtStart) schedule.tick();
  logger.info(
    { url, projects: settings.projects, cron, botId, shard: shard && formatShard(shard) },
    'serving',
  );
  around.stdout(`pingate serve: listening on ${url}, webhook ${url}/webhook\n`);
  const received = await signals.first;
  logger.info({ signal: received }, 'shutting down: finishing the passes in hand');
  schedule.stop();
  await server.close();
  signals.stop();
  logger.info('stopped');
  return 0;
}

function serveSettings(flags: ServeFlags, env: NodeJS.ProcessEnv): Settings {
  return commandSettings(flags, env, ['webhookSecret', 'token']);
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new BadInputError(
      `cannot listen on ${host}:${port} (${code}): choose another --port or --host`,
      undefined,
      {
        cause: error,
      },
    );
  }
  return error;
}

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new BadInputError(`${flag} must be a whole number of at least 1, found ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * The real runner. Each pass gets its own index clients (the on-disk cache is shared), so that the look-ups a
 * report counts are that pass's own even while passes of several projects run side by side.
 */
export function buildPassRunner({ settings, platform, logger, indexUrlGiven }: RunnerParts): PassRunner {
  const fixed = settings.now;
  // One OSV client for every pass: records it fetched stay in memory (and in the cache) between passes.
  const osv = osvClientFor(settings);
  return async (project, trigger) => {
    const indexes = indexPoolFor(settings, indexUrlGiven, logger);
    try {
      const run = createPassRunner({
        platform,
        indexes,
        osv,
        now: () => fixed ?? new Date(),
        dryRun: false,
        logger,
      });
      return await run(project, trigger);
    } finally {
      await indexes.close();
    }
  };
}

/** The scheduled projects this replica owns: each resolved to its id (a few reads per tick). */
async function projectsOfShard(
  platform: Platform,
  projects: readonly string[],
  shard: Shard,
): Promise<string[]> {
  const selection = await selectProjects(rememberAccess(platform), {
    projects,
    autodiscover: false,
    filters: [],
    shard,
    concurrency: 4,
  });
  return selection.projects;
}

/** The bot's id, read once at start-up: a refused token or an unreachable GitLab is exit 3 now, not later. */
async function botUserId(platform: Pick<Platform, 'currentUser'>, gitlabUrl: string): Promise<number> {
  try {
    return (await platform.currentUser()).id;
  } catch (error) {
    const host = normalizeUrl(gitlabUrl);
    if (error instanceof ForbiddenError) {
      throw new PlatformUnavailableError(`GITLAB_TOKEN refused by ${host}: it needs the api scope`, {
        cause: error,
      });
    }
    if (error instanceof UnavailableError) {
      throw new PlatformUnavailableError(`cannot reach GitLab at ${host}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * The first SIGTERM or SIGINT starts a graceful shutdown; a second one while it waits ends the process at once,
 * passes or not, with exit code 1.
 */
function watchSignals(signals: ServeEnvironment['signals']): {
  first: Promise<NodeJS.Signals>;
  stop(): void;
} {
  const names: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  let received = false;
  let resolveFirst: (name: NodeJS.Signals) => void = () => {};
  const first = new Promise<NodeJS.Signals>((resolve) => {
    resolveFirst = resolve;
  });
  const handlers = names.map((name) => {
    const handler = (): void => {
      if (received) process.exit(1);
      received = true;
      resolveFirst(name);
    };
    signals.on(name, handler);
    return [name, handler] as const;
  });
  return {
    first,
    stop: () => {
      for (const [name, handler] of handlers) signals.removeListener(name, handler);
    },
  };
}
