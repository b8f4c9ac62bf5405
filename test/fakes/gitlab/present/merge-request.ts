import { mergeBase } from '../git.js';
import { detailedMergeStatus, hasConflicts, headPipeline, headSha, isDraftTitle } from '../merge-requests.js';
import { requireUser, type State, webUrlOf } from '../store.js';
import type { MergeRequest, Project } from '../types.js';
import { presentPipelineBasic } from './ci.js';
import { taskCompletion } from './issue.js';
import { presentUser, presentUserById } from './people.js';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** The MR as GitLab lists it. */
export function presentMergeRequest(state: State, project: Project, mr: MergeRequest) {
  const { detailed_merge_status, ...rest } = presentAllFields(state, project, mr);
  return { ...rest, ...(state.release.detailedMergeStatus ? { detailed_merge_status } : {}) };
}

/**
 * `merge_status` before 15.6 said only whether the branch merges cleanly (or that GitLab is still checking);
 * approvals, threads and pipelines showed in the merge endpoint's refusal, not here.
 */
function legacyMergeStatus(detailed: string, conflicts: boolean): string {
  if (detailed === 'unchecked' || detailed === 'checking') return detailed;
  return conflicts ? 'cannot_be_merged' : 'can_be_merged';
}

function presentAllFields(state: State, project: Project, mr: MergeRequest) {
  const detailed = detailedMergeStatus(project, mr);
  const conflicts = hasConflicts(project, mr);
  const mergedBy = presentUserById(state, mr.mergedById);
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: project.id,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt.toISOString(),
    updated_at: mr.updatedAt.toISOString(),
    merged_by: mergedBy,
    merge_user: mergedBy,
    merged_at: iso(mr.mergedAt),
    closed_by: presentUserById(state, mr.closedById),
    closed_at: iso(mr.closedAt),
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    user_notes_count: mr.notes.filter((note) => !note.system).length,
    upvotes: 0,
    downvotes: 0,
    author: presentUser(state, requireUser(state, mr.authorId)),
    assignees: mr.assigneeIds.map((id) => presentUserById(state, id)),
    assignee: presentUserById(state, mr.assigneeIds[0] ?? null),
    reviewers: mr.reviewerIds.map((id) => presentUserById(state, id)),
    source_project_id: project.id,
    target_project_id: project.id,
    labels: mr.labels,
    draft: isDraftTitle(mr.title),
    work_in_progress: isDraftTitle(mr.title),
    milestone: null,
    merge_when_pipeline_succeeds: false,
    merge_status: legacyMergeStatus(detailed, conflicts),
    detailed_merge_status: detailed,
    sha: headSha(project, mr),
    merge_commit_sha: mr.mergeCommitSha,
    squash_commit_sha: mr.squashCommitSha,
    discussion_locked: null,
    should_remove_source_branch: mr.shouldRemoveSourceBranch,
    force_remove_source_branch: mr.forceRemoveSourceBranch,
    prepared_at: mr.createdAt.toISOString(),
    reference: `!${mr.iid}`,
    references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${project.path}!${mr.iid}` },
    web_url: webUrlOf(state, project, `/-/merge_requests/${mr.iid}`),
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
    squash: mr.squash,
    squash_on_merge: mr.squash,
    task_completion_status: taskCompletion(mr.description),
    has_conflicts: conflicts,
    blocking_discussions_resolved: true,
  };
}

/** GET /merge_requests/:iid adds the head pipeline, diff refs and counts. */
export function presentMergeRequestDetail(state: State, project: Project, mr: MergeRequest) {
  const pipeline = headPipeline(project, mr);
  const head = headSha(project, mr);
  const target = project.branches.get(mr.targetBranch) ?? null;
  return {
    ...presentMergeRequest(state, project, mr),
    subscribed: false,
    changes_count: null,
    latest_build_started_at: null,
    latest_build_finished_at: null,
    first_deployed_to_production_at: null,
    pipeline: pipeline ? presentPipelineBasic(state, project, pipeline) : null,
    head_pipeline: pipeline ? presentPipelineBasic(state, project, pipeline) : null,
    diff_refs: {
      base_sha: target ? (mergeBase(project, target, head) ?? null) : null,
      head_sha: head,
      start_sha: target,
    },
    merge_error: null,
    user: { can_merge: true },
  };
}
