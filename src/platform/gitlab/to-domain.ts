import type {
  Branch,
  Commit,
  Issue,
  Job,
  Member,
  MergeRequest,
  Note,
  Pipeline,
  ProjectInfo,
  User,
} from '../types.js';
import { readChecklistNote } from './checklist-note.js';
import { toMergeability, toNeedsRebase } from './merge-status.js';
import { roleOf } from './roles.js';
import type {
  GitLabBranch,
  GitLabCommit,
  GitLabCompare,
  GitLabFile,
  GitLabIssue,
  GitLabJob,
  GitLabMember,
  GitLabMergeRequest,
  GitLabNote,
  GitLabPipeline,
  GitLabProject,
  GitLabTreeEntry,
  GitLabUser,
} from './schema.js';

/** GitLab payloads (already validated) to pingate's domain types. Pure. */

export function toUser(user: GitLabUser): User {
  const emails = [user.commit_email, user.email, user.public_email].filter((e): e is string => Boolean(e));
  return { id: user.id, username: user.username, emails: [...new Set(emails)] };
}

/** `defaultBranch` is '' for an empty repository, which has none. */
export function toProject(project: GitLabProject): ProjectInfo {
  const levels = [project.permissions?.project_access, project.permissions?.group_access]
    .map((access) => access?.access_level)
    .filter((level): level is number => level !== undefined);
  return {
    id: project.id,
    path: project.path_with_namespace,
    defaultBranch: project.default_branch ?? '',
    webUrl: project.web_url,
    ...(levels.length > 0 ? { role: roleOf(Math.max(...levels)) } : {}),
  };
}

export function decodeFile(file: GitLabFile): string {
  return file.encoding === 'base64' || file.encoding === undefined
    ? Buffer.from(file.content, 'base64').toString('utf8')
    : file.content;
}

export function toBranch(branch: GitLabBranch): Branch {
  return { name: branch.name, commitSha: branch.commit.id };
}

export function toCommit(commit: GitLabCommit): Commit {
  return {
    sha: commit.id,
    authorEmail: commit.author_email,
    authorName: commit.author_name,
    committerEmail: commit.committer_email,
    parentShas: commit.parent_ids ?? [],
    createdAt: commit.created_at,
    title: commit.title,
    ...(commit.message != null ? { message: commit.message } : {}),
  };
}

export function changedPaths(compare: GitLabCompare): string[] {
  return [...new Set(compare.diffs.flatMap((diff) => [diff.old_path, diff.new_path]))];
}

/** Regular files only: a symlink (mode 120000) reads as its target's name, a submodule (`commit`) as nothing. */
export function filePaths(entries: readonly GitLabTreeEntry[]): string[] {
  const files = entries.filter((entry) => entry.type === 'blob' && entry.mode !== '120000');
  return [...new Set(files.map((entry) => entry.path))].sort();
}

export function toMergeRequest(mr: GitLabMergeRequest): MergeRequest {
  return {
    iid: mr.iid,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    // `work_in_progress` before `draft` existed; `draft_status` where the flag is missing but the status says so.
    draft: Boolean(mr.draft ?? mr.work_in_progress) || mr.detailed_merge_status === 'draft_status',
    sourceBranch: mr.source_branch,
    targetBranch: mr.target_branch,
    sha: mr.sha,
    authorId: mr.author.id,
    createdAt: mr.created_at,
    closedBy: mr.closed_by ? { id: mr.closed_by.id } : null,
    mergedAt: mr.merged_at ?? null,
    mergeCommitSha: mr.merge_commit_sha ?? mr.squash_commit_sha ?? null,
    webUrl: mr.web_url,
    mergeability: toMergeability(mr),
    ...toNeedsRebase(mr),
    labels: mr.labels,
  };
}

export function toPipeline(pipeline: GitLabPipeline): Pipeline {
  return {
    id: pipeline.id,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    webUrl: pipeline.web_url,
    createdAt: pipeline.created_at,
    ...(pipeline.source != null ? { source: pipeline.source } : {}),
  };
}

/**
 * Marks every attempt that a later one replaced. GitLab flags them `retried` on some versions only, so
 * a job also counts as retried when the pipeline has a newer job (higher id) of the same name.
 */
export function toJobs(jobs: GitLabJob[]): Job[] {
  const latest = new Map<string, number>();
  for (const job of jobs) latest.set(job.name, Math.max(latest.get(job.name) ?? job.id, job.id));
  return jobs.map((job) => ({
    id: job.id,
    name: job.name,
    status: job.status,
    allowFailure: job.allow_failure,
    webUrl: job.web_url,
    retried: job.retried === true || latest.get(job.name) !== job.id,
    createdAt: job.created_at,
  }));
}

export function toIssue(issue: GitLabIssue): Issue {
  return {
    iid: issue.iid,
    title: issue.title,
    description: issue.description,
    authorId: issue.author.id,
    state: issue.state,
    webUrl: issue.web_url,
    updatedAt: issue.updated_at,
    labels: issue.labels,
  };
}

export function toNote(note: GitLabNote): Note {
  const checklistItem = note.system ? readChecklistNote(note.body) : undefined;
  return {
    id: note.id,
    body: note.body,
    authorId: note.author.id,
    authorUsername: note.author.username,
    system: note.system,
    createdAt: note.created_at,
    ...(checklistItem ? { checklistItem } : {}),
  };
}

export function toMember(member: GitLabMember): Member {
  return { id: member.id, username: member.username, role: roleOf(member.access_level) };
}
