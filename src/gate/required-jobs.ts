import { jobPatternMatches } from './job-pattern.js';
import { jobInProgress } from './statuses.js';
import type { GateJob } from './types.js';

export interface RequiredJobsCheck {
  /** Latest attempts matched by some entry that did not end `success` and are not still on their way. */
  failed: GateJob[];
  /** Latest attempts matched by some entry that are still running, pending, … */
  running: GateJob[];
  /** Entries that matched no job at all. */
  missing: string[];
  /** Names of every job some entry matched. */
  matched: Set<string>;
}

/**
 * The latest attempt of each job name: the highest id. GitLab's `retried` flag is not trusted on its own, since a
 * snapshot can be read while a retry is being created.
 */
export function latestAttempts(jobs: readonly GateJob[]): GateJob[] {
  const byName = new Map<string, GateJob>();
  for (const job of jobs) {
    const seen = byName.get(job.name);
    if (!seen || job.id > seen.id) byName.set(job.name, job);
  }
  return [...byName.values()].sort(compareByName);
}

/**
 * Each entry must match at least one job; every job it matches counts by its latest attempt, which must be
 * `success`. Skipped, manual, canceled and failed-but-allowed-to-fail are all "not success".
 */
export function checkRequiredJobs(
  latest: readonly GateJob[],
  requiredJobs: readonly string[],
): RequiredJobsCheck {
  const matched = new Set<string>();
  const missing: string[] = [];
  for (const entry of requiredJobs) {
    const hits = latest.filter((job) => jobPatternMatches(entry, job.name));
    if (hits.length === 0) missing.push(entry);
    for (const job of hits) matched.add(job.name);
  }
  const required = latest.filter((job) => matched.has(job.name));
  return {
    failed: required.filter((job) => job.status !== 'success' && !jobInProgress(job.status)),
    running: required.filter((job) => jobInProgress(job.status)),
    missing,
    matched,
  };
}

/** Jobs that make a pipeline fail: failed or canceled, and not allowed to fail. */
export function pipelineBreakers(latest: readonly GateJob[]): GateJob[] {
  return latest.filter(
    (job) =>
      (job.status === 'failed' && !job.allowFailure) ||
      job.status === 'canceled' ||
      job.status === 'canceling',
  );
}

function compareByName(a: GateJob, b: GateJob): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}
