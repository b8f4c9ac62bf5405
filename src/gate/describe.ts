/** The gate's state in a few words: the dashboard's Open item and the `pingate run` line ("!12: pipeline running"). */
import type { GateDecision } from './types.js';

/** How many job names a one-line description lists before "and N more". */
const MAX_NAMES = 5;

export function describeGate(decision: GateDecision): string {
  switch (decision.state) {
    case 'automerge-off':
      return 'automerge off';
    case 'outside-automerge-schedule':
      return 'waiting for automerge schedule';
    case 'not-open':
      return 'not open';
    case 'draft':
      return 'draft: not merged';
    case 'foreign-commits':
      return 'changed by someone else: not merged';
    case 'waiting-for-pipeline':
      return 'waiting for a pipeline';
    case 'pipeline-running':
      return describeRunning(decision.pipeline?.status);
    case 'pipeline-failed':
      return describePipelineFailed(decision);
    case 'required-jobs-failed':
      return `installation tests failed: ${names(decision.failedJobs.filter((j) => j.required).map((j) => j.name))}`;
    case 'required-jobs-missing':
      return decision.missingJobs.length > 0
        ? `installation tests missing: ${names(decision.missingJobs)}`
        : 'no job ran in the pipeline';
    case 'not-mergeable':
      return `not mergeable: ${decision.mergeability.label}`;
    case 'ready':
      return 'ready to merge';
  }
}

function describeRunning(pipelineStatus: string | undefined): string {
  if (pipelineStatus === 'manual') return 'pipeline waiting for a manual job';
  // The pipeline had passed but a required job is running again (a retry).
  if (pipelineStatus === 'success') return 'installation tests running';
  return 'pipeline running';
}

function describePipelineFailed(decision: GateDecision): string {
  const status = decision.pipeline?.status;
  const ended = status === 'canceled' || status === 'canceling' || status === 'skipped' ? status : 'failed';
  const text = `pipeline ${ended === 'canceling' ? 'canceled' : ended}`;
  return decision.failedJobs.length > 0 ? `${text}: ${names(decision.failedJobs.map((j) => j.name))}` : text;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}
