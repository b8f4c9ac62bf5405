/**
 * Which projects one `pingate run` serves: those named (`--project`, `PINGATE_PROJECTS`, `CI_PROJECT_PATH`), plus,
 * with `--autodiscover`, every project the bot may open MRs in that `--autodiscover-filter` keeps; then only the
 * slice `--shard I/N` owns, by GitLab project id. Named projects are resolved to ids first (their start-up check,
 * which the pass would make anyway), a few at a time.
 */
import pLimit from 'p-limit';
import { PlatformUnavailableError } from '../errors.js';
import { PlatformError } from '../platform/errors.js';
import type { ProjectInfo } from '../platform/types.js';
import { compileProjectFilter } from './autodiscover-filter.js';
import type { RememberingPlatform } from './remember-access.js';
import { type Shard, shardOf, shardOfUnresolved } from './shard.js';

export interface SelectOptions {
  projects: readonly string[];
  autodiscover: boolean;
  filters: readonly string[];
  shard?: Shard;
  /** Start-up checks in flight at most. */
  concurrency: number;
}

export interface Selection {
  /** As the user named them (a path or an id), then discovered ones by path; each project once. */
  projects: string[];
  /** Projects left to the other shards. */
  otherShards: number;
  warnings: string[];
}

export async function selectProjects(
  platform: RememberingPlatform,
  options: SelectOptions,
): Promise<Selection> {
  const filter = compileProjectFilter(options.filters, '--autodiscover-filter');
  const discovered = options.autodiscover ? await discover(platform) : [];
  const kept = discovered.filter((info) => filter.matches(info.path));
  const limit = pLimit(options.concurrency);
  const named = await Promise.all(
    options.projects.map((ref) => limit(async () => ({ ref, id: await idOf(platform, ref) }))),
  );
  const seen = new Set<number>();
  const chosen: string[] = [];
  let otherShards = 0;
  for (const { ref, id } of [...named, ...kept.map((info) => ({ ref: info.path, id: info.id }))]) {
    if (id !== undefined && seen.has(id)) continue;
    if (id !== undefined) seen.add(id);
    if (options.shard && sliceOf(ref, id, options.shard.total) !== options.shard.index) {
      otherShards += 1;
      continue;
    }
    chosen.push(ref);
  }
  const warnings = [...filter.warnings];
  if (!options.autodiscover && options.filters.length > 0) {
    warnings.push('--autodiscover-filter is ignored without --autodiscover');
  }
  return { projects: chosen, otherShards, warnings };
}

function sliceOf(ref: string, id: number | undefined, total: number): number {
  return id === undefined ? shardOfUnresolved(ref, total) : shardOf(id, total);
}

/** The project's id, or undefined when its check failed (the pass of the shard that owns it reports why). */
async function idOf(platform: RememberingPlatform, ref: string): Promise<number | undefined> {
  try {
    return (await platform.assertAccess(ref)).project.id;
  } catch {
    return undefined;
  }
}

/** The bot's member projects, each remembered as checked; a listing GitLab refuses or fails is exit 3. */
async function discover(platform: RememberingPlatform): Promise<ProjectInfo[]> {
  try {
    const [user, projects] = await Promise.all([platform.currentUser(), platform.listMemberProjects()]);
    for (const project of projects) platform.seed({ user, project });
    return projects;
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    throw new PlatformUnavailableError(`--autodiscover could not list the bot's projects: ${error.message}`, {
      cause: error,
    });
  }
}
