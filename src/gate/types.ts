/**
 * The merge gate's inputs and its decision: plain data. The GitLab adapter (src/platform/types.ts) uses the same
 * field names, so a snapshot read from GitLab can be handed to the gate as it is.
 */

import type { Mergeability, MergeRequestState } from '../platform/types.js';

export interface GateMergeRequest {
  iid: number;
  state: MergeRequestState;
  draft: boolean;
  /** A draft marker at its start holds the merge as the draft flag does. */
  title?: string;
  /** The MR's current head commit. */
  sha: string;
  /** Whether the host would merge it now (its own wording is mapped to this by the platform adapter). */
  mergeability: Mergeability;
  sourceBranch: string;
  webUrl: string;
}

/** One commit of the MR's source branch that is not on the target branch. */
export interface GateCommit {
  sha: string;
  authorEmail: string;
  committerEmail: string;
}

export interface GatePipeline {
  id: number;
  sha: string;
  /** GitLab's pipeline status: `created`, `pending`, `running`, `success`, `failed`, `canceled`, `manual`, … */
  status: string;
  webUrl: string;
  /** ISO-8601. */
  createdAt: string;
}

export interface GateJob {
  id: number;
  name: string;
  /** GitLab's job status: `success`, `failed`, `skipped`, `manual`, `canceled`, `running`, `pending`, … */
  status: string;
  allowFailure: boolean;
  webUrl: string;
  /** ISO-8601. */
  createdAt: string;
  /** GitLab's flag on an attempt that was retried; the gate goes by the highest id instead. */
  retried?: boolean;
}

export interface GateInput {
  mr: GateMergeRequest;
  commits: GateCommit[];
  /** Emails the bot commits with; a commit whose author or committer is not one of these is someone else's. */
  botEmails: string[];
  /** Pipelines of the MR's branch in any order; may include pipelines of older heads. */
  pipelines: GatePipeline[];
  /** Jobs of the latest pipeline for `mr.sha`, retried attempts included. */
  jobs: GateJob[];
  /** `automerge` for this MR's update, after packageRules. */
  automerge: boolean;
  /** Whether now is inside `automergeSchedule`; the caller matches the schedule against the clock. */
  inAutomergeSchedule: boolean;
  /** `pingate.requiredJobs`: exact job names or `/regex/flags`. */
  requiredJobs: string[];
}

/**
 * merge: every condition holds; merge with `sha: checkedSha`.
 * wait: something that resolves without anyone acting (a pipeline, the schedule, GitLab's own checks).
 * failed: the installation tests (or the pipeline, or GitLab's merge check) failed for this head; comment once.
 * skip: a person's choice holds the MR (automerge off, draft, closed, someone else's commits); stand aside.
 */
export type GateVerdict = 'merge' | 'wait' | 'failed' | 'skip';

export type GateState =
  | 'automerge-off'
  | 'outside-automerge-schedule'
  | 'not-open'
  | 'draft'
  | 'foreign-commits'
  | 'waiting-for-pipeline'
  | 'pipeline-running'
  | 'pipeline-failed'
  | 'required-jobs-failed'
  | 'required-jobs-missing'
  | 'not-mergeable'
  | 'ready';

export interface GateFailedJob {
  name: string;
  status: string;
  webUrl: string;
  allowFailure: boolean;
  /** Matched by a `requiredJobs` entry (an installation test), as opposed to another job that failed the pipeline. */
  required: boolean;
}

export interface GateDecision {
  verdict: GateVerdict;
  state: GateState;
  /** One human sentence saying why. */
  reason: string;
  failedJobs: GateFailedJob[];
  /** `requiredJobs` entries that matched no job of the pipeline. */
  missingJobs: string[];
  /** The head that was checked: the `sha` to pass when merging. */
  checkedSha: string;
  /** The latest pipeline for the head, when there is one. */
  pipeline: { id: number; status: string; webUrl: string } | null;
  /** The host's word on merging it, as it was read. */
  mergeability: Mergeability;
}
