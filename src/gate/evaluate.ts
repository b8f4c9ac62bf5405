/**
 * The merge gate (SPEC §6.4): a pure function of the MR, its commits, pipelines and jobs, the config and the
 * schedule match. Checks run in the order that gives the most useful reason:
 *   1. the MR itself and the people around it (not open, automerge off, someone else's commits, draft): skip;
 *   2. the pipeline for the current head (none, running, failed, required jobs failed or missing);
 *   3. GitLab's merge check when it needs a person or the branch is broken, before the schedule, since those
 *      say what to do; then `automergeSchedule`; then GitLab's transient checks;
 *   4. otherwise merge, with `sha` = the head that was checked.
 */
import { isDraftTitle } from '../mr/person-edits.js';
import {
  checkRequiredJobs,
  latestAttempts,
  pipelineBreakers,
  type RequiredJobsCheck,
} from './required-jobs.js';
import { pipelineProgress } from './statuses.js';
import type {
  GateCommit,
  GateDecision,
  GateFailedJob,
  GateInput,
  GateJob,
  GatePipeline,
  GateState,
  GateVerdict,
} from './types.js';
import { jobList, shortSha } from './wording.js';

/** A decision before the fields every decision shares are filled in. */
interface Outcome {
  verdict: GateVerdict;
  state: GateState;
  reason: string;
  failedJobs?: GateFailedJob[];
  missingJobs?: string[];
}

export function evaluateGate(input: GateInput): GateDecision {
  const pipeline = latestPipelineFor(input.pipelines, input.mr.sha);
  const latest = latestAttempts(input.jobs);
  const required = checkRequiredJobs(latest, input.requiredJobs);
  const outcome = decide(input, pipeline, latest, required);
  return {
    failedJobs: [],
    missingJobs: [],
    ...outcome,
    checkedSha: input.mr.sha,
    pipeline: pipeline ? { id: pipeline.id, status: pipeline.status, webUrl: pipeline.webUrl } : null,
    mergeability: input.mr.mergeability,
  };
}

/** The newest pipeline on exactly this commit: highest id (ids only grow), then newest `createdAt`. */
export function latestPipelineFor(pipelines: readonly GatePipeline[], sha: string): GatePipeline | undefined {
  let best: GatePipeline | undefined;
  for (const pipeline of pipelines) {
    if (pipeline.sha !== sha) continue;
    if (!best || pipeline.id > best.id || (pipeline.id === best.id && pipeline.createdAt > best.createdAt)) {
      best = pipeline;
    }
  }
  return best;
}

function decide(
  input: GateInput,
  pipeline: GatePipeline | undefined,
  latest: GateJob[],
  required: RequiredJobsCheck,
): Outcome {
  const mrOutcome = checkMergeRequest(input);
  if (mrOutcome) return mrOutcome;
  if (!pipeline) {
    const reason = `no pipeline has run on the head commit ${shortSha(input.mr.sha)} yet`;
    return { verdict: 'wait', state: 'waiting-for-pipeline', reason };
  }
  return (
    checkPipeline(pipeline, latest, required, input.requiredJobs.length === 0) ??
    checkMergeability(input, pipeline, required)
  );
}

function checkMergeRequest({ mr, commits, botEmails, automerge }: GateInput): Outcome | undefined {
  if (mr.state === 'unknown') {
    return { verdict: 'skip', state: 'not-open', reason: 'the MR is in a state pingate does not know' };
  }
  if (mr.state !== 'opened') return { verdict: 'skip', state: 'not-open', reason: `the MR is ${mr.state}` };
  if (!automerge)
    return { verdict: 'skip', state: 'automerge-off', reason: 'automerge is off for this update' };
  const foreign = foreignCommits(commits, botEmails);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((c) => `${shortSha(c.sha)} (${foreignEmail(c, botEmails)})`);
    const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : '';
    return {
      verdict: 'skip',
      state: 'foreign-commits',
      reason: `changed by someone other than the bot, so never merged automatically: ${shown.join(', ')}${more}`,
    };
  }
  // The title too: where the host's draft flag is missing or late, a person's `Draft:` still holds the merge.
  if (mr.draft || isDraftTitle(mr.title ?? '')) {
    return { verdict: 'skip', state: 'draft', reason: 'the MR is marked as a draft' };
  }
  return undefined;
}

/**
 * A commit is the bot's only when both its author and its committer are the bot: a person who rebases or amends
 * the bot's commit becomes its committer. No bot emails at all means no commit is the bot's.
 */
export function foreignCommits(commits: readonly GateCommit[], botEmails: readonly string[]): GateCommit[] {
  const bot = new Set(botEmails.map(normaliseEmail));
  return commits.filter(
    (c) => !bot.has(normaliseEmail(c.authorEmail)) || !bot.has(normaliseEmail(c.committerEmail)),
  );
}

function foreignEmail(commit: GateCommit, botEmails: readonly string[]): string {
  const bot = new Set(botEmails.map(normaliseEmail));
  return bot.has(normaliseEmail(commit.authorEmail)) ? commit.committerEmail : commit.authorEmail;
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPipeline(
  pipeline: GatePipeline,
  latest: GateJob[],
  required: RequiredJobsCheck,
  noRequiredJobs: boolean,
): Outcome | undefined {
  const name = `pipeline #${pipeline.id}`;
  switch (pipelineProgress(pipeline.status)) {
    case 'in-progress':
      return {
        verdict: 'wait',
        state: 'pipeline-running',
        reason: `${name} is ${pipeline.status.replaceAll('_', ' ')}`,
      };
    case 'manual':
      return {
        verdict: 'wait',
        state: 'pipeline-running',
        reason: `${name} is waiting for a manual job to be started`,
      };
    case 'unknown':
      // Never merged and never reported as a failure: a status this code does not know yet.
      return {
        verdict: 'wait',
        state: 'pipeline-running',
        reason: `${name} has the unknown status "${pipeline.status}"`,
      };
    case 'finished':
      return unsuccessfulPipeline(pipeline, latest, required);
    case 'success':
      return successfulPipeline(pipeline, latest, required, noRequiredJobs);
  }
}

function unsuccessfulPipeline(
  pipeline: GatePipeline,
  latest: GateJob[],
  required: RequiredJobsCheck,
): Outcome {
  const others = pipelineBreakers(latest).filter((job) => !required.matched.has(job.name));
  const missing = missingText(required.missing);
  if (required.failed.length > 0) {
    const also = others.length > 0 ? `; other failed jobs: ${jobList(others)}` : '';
    return {
      verdict: 'failed',
      state: 'required-jobs-failed',
      reason: `installation tests failed: ${jobList(required.failed)}${also}${missing}`,
      failedJobs: [
        ...required.failed.map((j) => failedJob(j, true)),
        ...others.map((j) => failedJob(j, false)),
      ],
      missingJobs: required.missing,
    };
  }
  const ended =
    pipeline.status === 'failed' ? 'failed' : pipeline.status === 'skipped' ? 'was skipped' : 'was canceled';
  const jobs = others.length > 0 ? `: ${jobList(others)}` : '';
  return {
    verdict: 'failed',
    state: 'pipeline-failed',
    reason: `pipeline #${pipeline.id} ${ended}${jobs}${missing}`,
    failedJobs: others.map((j) => failedJob(j, false)),
    missingJobs: required.missing,
  };
}

function successfulPipeline(
  pipeline: GatePipeline,
  latest: GateJob[],
  required: RequiredJobsCheck,
  noRequiredJobs: boolean,
): Outcome | undefined {
  // The pipeline reads as passed, yet a required job is on its way again (a retry): its result decides.
  if (required.running.length > 0) {
    const reason = `installation tests still running: ${jobList(required.running)}`;
    return { verdict: 'wait', state: 'pipeline-running', reason };
  }
  if (required.failed.length > 0) {
    return {
      verdict: 'failed',
      state: 'required-jobs-failed',
      reason: `installation tests failed: ${jobList(required.failed)}${missingText(required.missing)}`,
      failedJobs: required.failed.map((j) => failedJob(j, true)),
      missingJobs: required.missing,
    };
  }
  if (required.missing.length > 0) {
    const reason = `no job of pipeline #${pipeline.id} matched the installation tests: ${required.missing.join(', ')}`;
    return { verdict: 'failed', state: 'required-jobs-missing', reason, missingJobs: required.missing };
  }
  if (noRequiredJobs && !latest.some((job) => job.status === 'success')) {
    const reason = `pipeline #${pipeline.id} passed without any job running, so nothing was tested`;
    return { verdict: 'failed', state: 'required-jobs-missing', reason };
  }
  return undefined;
}

function checkMergeability(input: GateInput, pipeline: GatePipeline, required: RequiredJobsCheck): Outcome {
  const { kind, label, hostStatus } = input.mr.mergeability;
  const notMergeable = `GitLab reports the MR not mergeable (${hostStatus || 'no status'}): ${label}`;
  if (kind === 'broken') return { verdict: 'failed', state: 'not-mergeable', reason: notMergeable };
  if (kind === 'needs-person') return { verdict: 'wait', state: 'not-mergeable', reason: notMergeable };
  if (!input.inAutomergeSchedule) {
    const passed = required.matched.size > 0 ? 'the installation tests passed' : 'the pipeline passed';
    const reason = `${passed}; waiting for automergeSchedule to allow merging`;
    return { verdict: 'wait', state: 'outside-automerge-schedule', reason };
  }
  if (kind === 'transient') return { verdict: 'wait', state: 'not-mergeable', reason: notMergeable };
  const tests = required.matched.size > 0 ? ` with ${[...required.matched].sort().join(', ')}` : '';
  return {
    verdict: 'merge',
    state: 'ready',
    reason: `pipeline #${pipeline.id} passed${tests} on ${shortSha(input.mr.sha)} and GitLab reports the MR mergeable`,
  };
}

function failedJob(job: GateJob, isRequired: boolean): GateFailedJob {
  return {
    name: job.name,
    status: job.status,
    webUrl: job.webUrl,
    allowFailure: job.allowFailure,
    required: isRequired,
  };
}

function missingText(missing: readonly string[]): string {
  return missing.length > 0 ? `; no job matched ${missing.join(', ')}` : '';
}
