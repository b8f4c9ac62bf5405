import type { Logger } from 'pino';
import {
  type Flags,
  parseSettings,
  type RequirableSetting,
  requireSettings,
  type Settings,
} from '../config/env.js';
import { createLogger } from '../logging/logger.js';
import { createGitLabPlatform } from '../platform/gitlab/client.js';
import type { Platform } from '../platform/types.js';
import { type IndexPool, indexPoolFor } from '../workers/index-pool.js';

/** Flags every GitLab-facing command shares (SPEC §4). */
export interface GitLabFlags {
  gitlabUrl?: string;
  project?: string[];
  indexUrl?: string;
  now?: string;
  cacheDir?: string;
  concurrency?: string;
  logLevel?: string;
}

export interface GitLabContext {
  settings: Settings;
  platform: Platform;
  indexes: IndexPool;
  logger: Logger;
  now: () => Date;
}

/** Settings from flags and environment (a flag beats its variable), then the clients built from them. */
export function gitlabContext(flags: GitLabFlags, env: NodeJS.ProcessEnv = process.env): GitLabContext {
  const settings = commandSettings(flags, env, ['token', 'projects']);
  const logger = createLogger(settings.logLevel);
  const fixed = settings.now;
  return {
    settings,
    logger,
    platform: createGitLabPlatform({ url: settings.gitlabUrl, token: settings.token!.reveal(), logger }),
    indexes: indexPoolFor(settings, Boolean(flags.indexUrl ?? env.PIP_INDEX_URL), logger),
    now: () => fixed ?? new Date(),
  };
}

/** Settings from the flags a command was given and the environment, with the values that command requires. */
export function commandSettings(
  flags: GitLabFlags & { port?: string },
  env: NodeJS.ProcessEnv,
  required: readonly RequirableSetting[],
): Settings {
  const given: Partial<Flags> = {
    ...(flags.gitlabUrl ? { gitlabUrl: flags.gitlabUrl } : {}),
    ...(flags.project?.length ? { project: flags.project } : {}),
    ...(flags.indexUrl ? { indexUrl: flags.indexUrl } : {}),
    ...(flags.now ? { now: flags.now } : {}),
    ...(flags.port ? { port: flags.port } : {}),
    ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
  };
  const settings = parseSettings(given, env);
  requireSettings(settings, required);
  return settings;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
