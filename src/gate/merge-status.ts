/**
 * GitLab's `detailed_merge_status`, sorted by what the gate does about it once the pipeline has passed.
 *
 * - `ready`: `mergeable`.
 * - `transient` (wait): GitLab is still working it out, or it resolves by itself: `unchecked`, `checking`,
 *   `preparing`, `approvals_syncing`, `merge_time`; and `ci_still_running` / `ci_must_pass`, which here mean GitLab
 *   has not yet caught up with the pipeline the gate just read as passed (or counts a different head pipeline).
 *   `not_open` while the MR reads as opened is the same kind of lag.
 * - `needs-person` (wait, no comment): a project rule holds the MR until a person acts (approval, threads, another
 *   MR, external checks, policies, locked files). The tests passed; this is not a failure of the update.
 * - `broken` (failed, one comment per head): the branch itself cannot be merged as it is (conflicts, a rebase
 *   needed under fast-forward merges, a missing or empty source branch). Someone must rebase or retry.
 * Any value not listed is `needs-person`: never merged, never reported as a test failure.
 */

export type MergeStatusClass = 'ready' | 'transient' | 'needs-person' | 'broken';

interface MergeStatusInfo {
  kind: MergeStatusClass;
  /** Short words for the dashboard and the reason ("not mergeable: needs approval"). */
  label: string;
}

const MERGE_STATUSES = new Map<string, MergeStatusInfo>(
  Object.entries({
    mergeable: { kind: 'ready', label: 'mergeable' },
    unchecked: { kind: 'transient', label: 'GitLab has not checked it yet' },
    checking: { kind: 'transient', label: 'GitLab is checking it' },
    preparing: { kind: 'transient', label: 'GitLab is preparing it' },
    approvals_syncing: { kind: 'transient', label: 'approvals syncing' },
    merge_time: { kind: 'transient', label: 'held until its merge time' },
    ci_still_running: { kind: 'transient', label: 'GitLab still sees a pipeline running' },
    ci_must_pass: { kind: 'transient', label: 'GitLab does not yet count the pipeline as passed' },
    not_open: { kind: 'transient', label: 'GitLab reports it not open' },
    not_approved: { kind: 'needs-person', label: 'needs approval' },
    requested_changes: { kind: 'needs-person', label: 'changes requested' },
    discussions_not_resolved: { kind: 'needs-person', label: 'unresolved threads' },
    draft_status: { kind: 'needs-person', label: 'draft' },
    blocked_status: { kind: 'needs-person', label: 'blocked by another merge request' },
    merge_request_blocked: { kind: 'needs-person', label: 'blocked by another merge request' },
    external_status_checks: { kind: 'needs-person', label: 'external status checks have not passed' },
    status_checks_must_pass: { kind: 'needs-person', label: 'external status checks have not passed' },
    jira_association_missing: { kind: 'needs-person', label: 'needs a Jira issue' },
    security_policy_violations: { kind: 'needs-person', label: 'blocked by a security policy' },
    security_policy_pipeline_check: { kind: 'needs-person', label: 'blocked by a security policy' },
    locked_paths: { kind: 'needs-person', label: 'changes locked paths' },
    locked_lfs_files: { kind: 'needs-person', label: 'changes locked LFS files' },
    title_regex: { kind: 'needs-person', label: 'title does not match the project rule' },
    title_not_matching: { kind: 'needs-person', label: 'title does not match the project rule' },
    conflict: { kind: 'broken', label: 'has conflicts' },
    need_rebase: { kind: 'broken', label: 'needs a rebase' },
    broken_status: { kind: 'broken', label: 'source branch cannot be merged' },
    commits_status: { kind: 'broken', label: 'source branch is missing or has no commits' },
  } satisfies Record<string, MergeStatusInfo>),
);

export function classifyMergeStatus(status: string): MergeStatusInfo {
  return MERGE_STATUSES.get(status) ?? { kind: 'needs-person', label: status || 'no merge status' };
}
