import type { Logger } from 'pino';
import type { Settings } from '../config/env.js';
import { createLogger } from '../logging/logger.js';
import type { OsvClient } from '../osv/client.js';
import { osvClientFor } from '../osv/create.js';
import { type IndexPool, indexPoolFor } from '../pass/index-pool.js';
import { createGitLabPlatform } from '../platform/gitlab/client.js';
import type { Platform } from '../platform/types.js';
import { commandSettings, type GitLabFlags } from './command-settings.js';

export type { GitLabFlags };

export interface GitLabContext {
  settings: Settings;
  platform: Platform;
  indexes: IndexPool;
  osv: OsvClient;
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
    osv: osvClientFor(settings),
    now: () => fixed ?? new Date(),
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
