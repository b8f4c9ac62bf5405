/**
 * GitLab's pipeline and job statuses, sorted into what the gate needs to know.
 * Pipelines and jobs share most values: created, waiting_for_resource, preparing, waiting_for_callback, pending,
 * running, scheduled (a delayed job), manual, success, failed, canceling, canceled, skipped.
 */

export type PipelineProgress = 'success' | 'in-progress' | 'manual' | 'finished' | 'unknown';

/** Statuses after which a pipeline or job starts (or resumes) without anyone acting. */
const IN_PROGRESS = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'waiting_for_callback',
  'pending',
  'running',
  'scheduled',
]);

/** Statuses that will not change unless someone retries. `canceling` only ever ends as `canceled`. */
const FINISHED_UNSUCCESSFUL = new Set(['failed', 'canceling', 'canceled', 'skipped']);

/**
 * `manual` on a pipeline: it is blocked on a manual job that a person may still start, so it is neither running
 * nor finished. An unknown status (GitLab adds some now and then) is never taken as success.
 */
export function pipelineProgress(status: string): PipelineProgress {
  if (status === 'success') return 'success';
  if (IN_PROGRESS.has(status)) return 'in-progress';
  if (status === 'manual') return 'manual';
  if (FINISHED_UNSUCCESSFUL.has(status)) return 'finished';
  return 'unknown';
}

/** A job still on its way to a result. `manual` is not: nothing runs it unless a person does. */
export function jobInProgress(status: string): boolean {
  return IN_PROGRESS.has(status);
}
