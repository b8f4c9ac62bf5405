/** Webhook payloads as GitLab's "Webhook events" page documents them (the fields pingate and its peers read). */
import { detailedMergeStatus, headPipeline, headSha, isDraftTitle } from '../merge-requests.js';
import { latestJobs, pipelineStatus, pipelineTimes } from '../pipelines.js';
import { requireUser, type State, webUrlOf } from '../store.js';
import type { Commit, Issue, MergeRequest, Pipeline, Project } from '../types.js';
import { commitTime } from './repo.js';

export type Changes = Record<string, { previous: unknown; current: unknown }>;

/** Hook payloads write times as `2025-01-04 10:00:00 UTC`. */
export function hookTime(date: Date | null): string | null {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : null;
}

export function hookUser(state: State, userId: number) {
  const user = requireUser(state, userId);
  return { id: user.id, name: user.name, username: user.username, avatar_url: null, email: '[REDACTED]' };
}

export function hookProject(state: State, project: Project) {
  const web = webUrlOf(state, project);
  const slash = project.path.lastIndexOf('/');
  const ssh = `git@127.0.0.1:${project.path}.git`;
  return {
    id: project.id,
    name: project.path.slice(slash + 1),
    description: null,
    web_url: web,
    avatar_url: null,
    git_ssh_url: ssh,
    git_http_url: `${web}.git`,
    namespace: slash >= 0 ? project.path.slice(0, slash) : '',
    visibility_level: 0,
    path_with_namespace: project.path,
    default_branch: project.branches.size > 0 ? project.defaultBranch : null,
    ci_config_path: null,
    homepage: web,
    url: ssh,
    ssh_url: ssh,
    http_url: `${web}.git`,
  };
}

function hookRepository(state: State, project: Project) {
  const web = webUrlOf(state, project);
  return {
    name: project.path.split('/').at(-1),
    url: `git@127.0.0.1:${project.path}.git`,
    description: null,
    homepage: web,
  };
}

export function hookCommit(state: State, project: Project, commit: Commit) {
  return {
    id: commit.sha,
    message: commit.message,
    title: commit.message.split('\n')[0] ?? '',
    timestamp: commitTime(commit.date),
    url: webUrlOf(state, project, `/-/commit/${commit.sha}`),
    author: { name: commit.authorName, email: commit.authorEmail },
  };
}

const stateIds = { opened: 1, closed: 2, merged: 3, locked: 4 } as const;

export function issuePayload(
  state: State,
  project: Project,
  issue: Issue,
  userId: number,
  action: string,
  changes: Changes,
) {
  return {
    object_kind: 'issue',
    event_type: 'issue',
    user: hookUser(state, userId),
    project: hookProject(state, project),
    repository: hookRepository(state, project),
    object_attributes: {
      id: issue.id,
      iid: issue.iid,
      title: issue.title,
      description: issue.description,
      state: issue.state,
      state_id: stateIds[issue.state],
      action,
      author_id: issue.authorId,
      assignee_ids: issue.assigneeIds,
      assignee_id: issue.assigneeIds[0] ?? null,
      project_id: project.id,
      created_at: hookTime(issue.createdAt),
      updated_at: hookTime(issue.updatedAt),
      updated_by_id: userId,
      closed_at: hookTime(issue.closedAt),
      confidential: issue.confidential,
      url: webUrlOf(state, project, `/-/issues/${issue.iid}`),
      labels: issue.labels.map((title) => ({ title })),
      type: 'Issue',
    },
    labels: issue.labels.map((title) => ({ title })),
    changes,
    assignees: issue.assigneeIds.map((id) => hookUser(state, id)),
  };
}

export function mergeRequestPayload(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  action: string,
  changes: Changes,
  oldrev?: string,
) {
  const head = project.commits.get(headSha(project, mr));
  const side = hookProject(state, project);
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: hookUser(state, userId),
    project: side,
    repository: hookRepository(state, project),
    object_attributes: {
      id: mr.id,
      iid: mr.iid,
      target_branch: mr.targetBranch,
      source_branch: mr.sourceBranch,
      source_project_id: project.id,
      target_project_id: project.id,
      author_id: mr.authorId,
      assignee_ids: mr.assigneeIds,
      assignee_id: mr.assigneeIds[0] ?? null,
      reviewer_ids: mr.reviewerIds,
      title: mr.title,
      description: mr.description,
      created_at: hookTime(mr.createdAt),
      updated_at: hookTime(mr.updatedAt),
      state_id: stateIds[mr.state],
      state: mr.state,
      work_in_progress: isDraftTitle(mr.title),
      draft: isDraftTitle(mr.title),
      merge_status: 'can_be_merged',
      detailed_merge_status: detailedMergeStatus(project, mr),
      merge_commit_sha: mr.mergeCommitSha,
      head_pipeline_id: headPipeline(project, mr)?.id ?? null,
      url: webUrlOf(state, project, `/-/merge_requests/${mr.iid}`),
      source: side,
      target: side,
      last_commit: head ? hookCommit(state, project, head) : null,
      labels: mr.labels.map((title) => ({ title })),
      action,
      ...(oldrev ? { oldrev } : {}),
    },
    labels: mr.labels.map((title) => ({ title })),
    changes,
    assignees: mr.assigneeIds.map((id) => hookUser(state, id)),
    reviewers: mr.reviewerIds.map((id) => hookUser(state, id)),
  };
}

export function pipelinePayload(state: State, project: Project, pipeline: Pipeline) {
  const times = pipelineTimes(pipeline);
  const commit = project.commits.get(pipeline.sha);
  const jobs = latestJobs(pipeline);
  return {
    object_kind: 'pipeline',
    object_attributes: {
      id: pipeline.id,
      iid: pipeline.iid,
      name: null,
      ref: pipeline.ref,
      tag: false,
      sha: pipeline.sha,
      before_sha: '0000000000000000000000000000000000000000',
      source: pipeline.source,
      status: pipelineStatus(pipeline),
      detailed_status: pipelineStatus(pipeline),
      stages: [...new Set(jobs.map((job) => job.stage))],
      created_at: hookTime(pipeline.createdAt),
      finished_at: hookTime(times.finishedAt),
      duration: null,
      queued_duration: null,
      variables: [],
      url: webUrlOf(state, project, `/-/pipelines/${pipeline.id}`),
    },
    merge_request: null,
    user: pipeline.userId === null ? null : hookUser(state, pipeline.userId),
    project: hookProject(state, project),
    commit: commit ? hookCommit(state, project, commit) : null,
    source_pipeline: null,
    builds: jobs.map((job) => ({
      id: job.id,
      stage: job.stage,
      name: job.name,
      status: job.status,
      created_at: hookTime(job.createdAt),
      started_at: hookTime(job.startedAt),
      finished_at: hookTime(job.finishedAt),
      duration: null,
      queued_duration: null,
      failure_reason: job.status === 'failed' ? 'script_failure' : null,
      when: job.status === 'manual' ? 'manual' : 'on_success',
      manual: job.status === 'manual',
      allow_failure: job.allowFailure,
      user: pipeline.userId === null ? null : hookUser(state, pipeline.userId),
      runner: null,
      artifacts_file: { filename: null, size: null },
      environment: null,
    })),
  };
}

const zeroSha = '0000000000000000000000000000000000000000';

/** A Push Hook; `after` null for a deleted branch. `commits` newest last, at most 20 as GitLab sends. */
export function pushPayload(
  state: State,
  project: Project,
  input: { branch: string; before: string | null; after: string | null; userId: number; commits: Commit[] },
) {
  const user = requireUser(state, input.userId);
  const shown = input.commits.slice(0, 20).reverse();
  return {
    object_kind: 'push',
    event_name: 'push',
    before: input.before ?? zeroSha,
    after: input.after ?? zeroSha,
    ref: `refs/heads/${input.branch}`,
    ref_protected: input.branch === project.defaultBranch && project.settings.protectDefaultBranch,
    checkout_sha: input.after,
    user_id: user.id,
    user_name: user.name,
    user_username: user.username,
    user_email: '',
    user_avatar: null,
    project_id: project.id,
    project: hookProject(state, project),
    repository: hookRepository(state, project),
    commits: shown.map((commit) => ({
      ...hookCommit(state, project, commit),
      ...fileLists(project, commit),
    })),
    total_commits_count: input.commits.length,
  };
}

function fileLists(project: Project, commit: Commit) {
  const parent = commit.parents[0] ? project.commits.get(commit.parents[0])?.tree : undefined;
  const before = parent ?? new Map<string, string>();
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  for (const [path, content] of commit.tree) {
    if (!before.has(path)) added.push(path);
    else if (before.get(path) !== content) modified.push(path);
  }
  for (const path of before.keys()) if (!commit.tree.has(path)) removed.push(path);
  return { added, modified, removed };
}
