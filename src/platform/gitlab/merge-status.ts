import type { Mergeability, MergeabilityKind } from '../types.js';

/**
 * GitLab's word on merging an MR, as the neutral `Mergeability` (see its kinds in ../types.ts).
 *
 * GitLab 15.6+ sends `detailed_merge_status`; older releases only `merge_status` (whether the branch merges
 * cleanly), `has_conflicts`, `blocking_discussions_resolved` and `draft` / `work_in_progress`. Any value not
 * listed is `needs-person`: never merged, never reported as a failed update.
 */

type Entry = [MergeabilityKind, string];

const DETAILED: Record<string, Entry> = {
  mergeable: ['ready', 'mergeable'],
  unchecked: ['transient', 'GitLab has not checked it yet'],
  checking: ['transient', 'GitLab is checking it'],
  preparing: ['transient', 'GitLab is preparing it'],
  approvals_syncing: ['transient', 'approvals syncing'],
  merge_time: ['transient', 'held until its merge time'],
  // GitLab has not yet caught up with the pipeline the gate just read as passed (or counts another head pipeline).
  ci_still_running: ['transient', 'GitLab still sees a pipeline running'],
  ci_must_pass: ['transient', 'GitLab does not yet count the pipeline as passed'],
  // While the MR reads as opened: the same kind of lag.
  not_open: ['transient', 'GitLab reports it not open'],
  not_approved: ['needs-person', 'needs approval'],
  requested_changes: ['needs-person', 'changes requested'],
  discussions_not_resolved: ['needs-person', 'unresolved threads'],
  draft_status: ['needs-person', 'draft'],
  blocked_status: ['needs-person', 'blocked by another merge request'],
  merge_request_blocked: ['needs-person', 'blocked by another merge request'],
  external_status_checks: ['needs-person', 'external status checks have not passed'],
  status_checks_must_pass: ['needs-person', 'external status checks have not passed'],
  jira_association_missing: ['needs-person', 'needs a Jira issue'],
  security_policy_violations: ['needs-person', 'blocked by a security policy'],
  security_policy_pipeline_check: ['needs-person', 'blocked by a security policy'],
  locked_paths: ['needs-person', 'changes locked paths'],
  locked_lfs_files: ['needs-person', 'changes locked LFS files'],
  title_regex: ['needs-person', 'title does not match the project rule'],
  title_not_matching: ['needs-person', 'title does not match the project rule'],
  conflict: ['broken', 'has conflicts'],
  need_rebase: ['broken', 'needs a rebase'],
  broken_status: ['broken', 'source branch cannot be merged'],
  commits_status: ['broken', 'source branch is missing or has no commits'],
};

/** `merge_status`, before 15.6: only whether the branch merges cleanly. */
const LEGACY: Record<string, Entry> = {
  can_be_merged: ['ready', 'mergeable'],
  cannot_be_merged: ['broken', 'has conflicts'],
  unchecked: ['transient', 'GitLab has not checked it yet'],
  checking: ['transient', 'GitLab is checking it'],
  cannot_be_merged_recheck: ['transient', 'GitLab is checking it again'],
  cannot_be_merged_rechecking: ['transient', 'GitLab is checking it again'],
};

export interface MergeStatusFields {
  detailed_merge_status?: string | null;
  merge_status?: string | null;
  has_conflicts?: boolean | null;
  blocking_discussions_resolved?: boolean | null;
  draft?: boolean | null;
  work_in_progress?: boolean | null;
}

export function toMergeability(mr: MergeStatusFields): Mergeability {
  if (mr.detailed_merge_status) return lookUp(DETAILED, mr.detailed_merge_status);
  return legacyMergeability(mr);
}

/**
 * `conflicts` where GitLab says the branch does not merge cleanly: `detailed_merge_status` `conflict` (15.6+), or
 * `has_conflicts` / `merge_status` `cannot_be_merged` (every release; 15.6+ shows a conflict behind an earlier
 * check such as `not_approved` only there); `behind` for 15.6+'s `need_rebase` (fast-forward and semi-linear
 * projects). A `mergeable` MR has neither, and while GitLab is still checking (`unchecked`) neither is known.
 */
export function toNeedsRebase(mr: MergeStatusFields): { needsRebase?: 'conflicts' | 'behind' } {
  if (mr.detailed_merge_status === 'mergeable') return {};
  const conflicts =
    mr.detailed_merge_status === 'conflict' ||
    mr.has_conflicts === true ||
    mr.merge_status === 'cannot_be_merged';
  if (conflicts) return { needsRebase: 'conflicts' };
  return mr.detailed_merge_status === 'need_rebase' ? { needsRebase: 'behind' } : {};
}

function legacyMergeability(mr: MergeStatusFields): Mergeability {
  const status = mr.merge_status ?? '';
  if (mr.draft || mr.work_in_progress) return { kind: 'needs-person', label: 'draft', hostStatus: status };
  if (mr.has_conflicts) return { kind: 'broken', label: 'has conflicts', hostStatus: status };
  const found = lookUp(LEGACY, status);
  if (found.kind === 'ready' && mr.blocking_discussions_resolved === false) {
    return { kind: 'needs-person', label: 'unresolved threads', hostStatus: status };
  }
  return found;
}

function lookUp(table: Record<string, Entry>, status: string): Mergeability {
  const entry = Object.hasOwn(table, status) ? table[status] : undefined;
  if (!entry) return { kind: 'needs-person', label: status || 'no merge status', hostStatus: status };
  const [kind, label] = entry;
  return { kind, label, hostStatus: status };
}
