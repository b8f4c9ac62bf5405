import pLimit from 'p-limit';
import type { PassReport, PassRunner, PassTrigger } from '../pass/types.js';

/** Passes of different projects at once in `pingate run` when `--project-concurrency` does not say. */
export const DEFAULT_FLEET_CONCURRENCY = 8;

export interface FleetOptions {
  /** Passes in flight at most. */
  concurrency: number;
  trigger: PassTrigger;
  /** After each pass, in the order they finish. */
  onReport?: (report: PassReport, done: number, total: number) => void;
}

/**
 * One pass per project, `concurrency` at a time, sharing whatever the runner shares (one index client and
 * cache, one GitLab client). A pass that throws, against the runner's contract, is a failed report like any
 * other: one project never stops another. Reports come back in the order the projects were given.
 */
export async function runFleet(
  projects: readonly string[],
  runner: PassRunner,
  options: FleetOptions,
): Promise<PassReport[]> {
  const limit = pLimit(options.concurrency);
  let done = 0;
  return Promise.all(
    projects.map((project) =>
      limit(async () => {
        const report = await runner(project, options.trigger).catch((error: unknown) =>
          crashed(project, error),
        );
        done += 1;
        options.onReport?.(report, done, projects.length);
        return report;
      }),
    ),
  );
}

function crashed(project: string, error: unknown): PassReport {
  return {
    project,
    outcome: 'failed',
    actions: [],
    created: [],
    merged: [],
    gate: [],
    errors: [error instanceof Error ? error.message : String(error)],
    lookups: 0,
    durationMs: 0,
  };
}
