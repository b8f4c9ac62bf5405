/**
 * Settings from a command's flags and the environment. Kept apart from the GitLab client so that `plan`, which
 * never talks to GitLab, does not load gitbeaker (0.1 s of start-up).
 */
import {
  type Flags,
  parseSettings,
  type RequirableSetting,
  requireSettings,
  type Settings,
} from '../config/env.js';

/** Flags every GitLab-facing command shares (SPEC §4). */
export interface GitLabFlags {
  gitlabUrl?: string;
  project?: string[];
  indexUrl?: string;
  osvUrl?: string;
  now?: string;
  cacheDir?: string;
  concurrency?: string;
  logLevel?: string;
  autodiscover?: boolean;
  autodiscoverFilter?: string[];
  shard?: string;
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
    ...(flags.osvUrl ? { osvUrl: flags.osvUrl } : {}),
    ...(flags.now ? { now: flags.now } : {}),
    ...(flags.port ? { port: flags.port } : {}),
    ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
    ...(flags.autodiscover ? { autodiscover: true } : {}),
    ...(flags.autodiscoverFilter?.length ? { autodiscoverFilter: flags.autodiscoverFilter } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
  };
  const settings = parseSettings(given, env);
  requireSettings(settings, required);
  return settings;
}
