/**
 * What a person does in GitLab's UI or with `git push`, for tests. These skip the API's permission checks (a test
 * decides who may act) but keep GitLab's side effects: system notes, pipelines, closed MRs.
 */
import { createIssue, findIssue, updateIssue } from './issues.js';
import {
  closeMergeRequest,
  createMergeRequest,
  findMergeRequest,
  mergeMergeRequest,
  reopenMergeRequest,
} from './merge-requests.js';
import { addNote } from './notes.js';
import { presentIssue, presentNote } from './present/issue.js';
import { presentMergeRequestDetail } from './present/merge-request.js';
import { commitFiles, deleteBranch, type FileActionInput } from './repository.js';
import { type Actor, actorId, type ProjectRef } from './setup.js';
import { requireProject, type State } from './store.js';

export interface PushOptions {
  /** Default: `Update PATHS`. */
  message?: string;
  /** Where a new branch starts; default the default branch. */
  startBranch?: string;
  /** Replace the branch with one commit on `startBranch` (a force push). */
  force?: boolean;
}

/** Commits files to a branch as a `git push` would (null deletes a file); returns the new head sha. */
export function pushCommit(
  state: State,
  as: Actor,
  ref: ProjectRef,
  branch: string,
  files: Record<string, string | null>,
  options: PushOptions = {},
): string {
  const project = requireProject(state, ref);
  const exists = project.branches.has(branch);
  const startBranch = exists && !options.force ? branch : (options.startBranch ?? project.defaultBranch);
  const startHead = project.branches.get(startBranch);
  const base = startHead ? project.commits.get(startHead)!.tree : new Map<string, string>();
  const actions: FileActionInput[] = Object.entries(files).flatMap(([path, content]) => {
    if (content === null) return base.has(path) ? [{ action: 'delete', file_path: path }] : [];
    return [{ action: base.has(path) ? 'update' : 'create', file_path: path, content }];
  });
  const commit = commitFiles(state, project, {
    branch,
    startBranch: project.branches.size > 0 ? startBranch : undefined,
    message: options.message ?? `Update ${Object.keys(files).join(', ')}`,
    actions,
    force: options.force ?? false,
    userId: actorId(as),
  });
  return commit.sha;
}

export function editIssue(state: State, as: Actor, ref: ProjectRef, iid: number, description: string) {
  const project = requireProject(state, ref);
  const issue = updateIssue(state, project, findIssue(project, iid), actorId(as), { description });
  return presentIssue(state, project, issue);
}

export function openIssue(
  state: State,
  as: Actor,
  ref: ProjectRef,
  input: { title: string; description?: string; labels?: string[] },
) {
  const project = requireProject(state, ref);
  return presentIssue(state, project, createIssue(state, project, actorId(as), input));
}

export type NoteTarget = { issue: number } | { mergeRequest: number };

export function noteableFor(state: State, ref: ProjectRef, target: NoteTarget) {
  const project = requireProject(state, ref);
  if ('issue' in target)
    return { project, noteable: { kind: 'Issue', record: findIssue(project, target.issue) } as const };
  const record = findMergeRequest(project, target.mergeRequest);
  return { project, noteable: { kind: 'MergeRequest', record } as const };
}

export function comment(state: State, as: Actor, ref: ProjectRef, target: NoteTarget, body: string) {
  const { project, noteable } = noteableFor(state, ref, target);
  return presentNote(state, project, addNote(state, noteable, actorId(as), body));
}

export function openMergeRequest(
  state: State,
  as: Actor,
  ref: ProjectRef,
  input: {
    sourceBranch: string;
    targetBranch?: string;
    title: string;
    description?: string;
    labels?: string[];
  },
) {
  const project = requireProject(state, ref);
  const mr = createMergeRequest(state, project, actorId(as), {
    ...input,
    targetBranch: input.targetBranch ?? project.defaultBranch,
  });
  return presentMergeRequestDetail(state, project, mr);
}

export function closeMergeRequestAs(state: State, as: Actor, ref: ProjectRef, iid: number) {
  const project = requireProject(state, ref);
  const mr = findMergeRequest(project, iid);
  closeMergeRequest(state, project, mr, actorId(as));
  return presentMergeRequestDetail(state, project, mr);
}

export function reopenMergeRequestAs(state: State, as: Actor, ref: ProjectRef, iid: number) {
  const project = requireProject(state, ref);
  const mr = findMergeRequest(project, iid);
  reopenMergeRequest(state, project, mr, actorId(as));
  return presentMergeRequestDetail(state, project, mr);
}

/** Merges as GitLab's merge button does, with its checks (throws ApiError 401/405/406/409 like the API). */
export function mergeMergeRequestAs(
  state: State,
  as: Actor,
  ref: ProjectRef,
  iid: number,
  options: { sha?: string; removeSourceBranch?: boolean; squash?: boolean } = {},
) {
  const project = requireProject(state, ref);
  const mr = findMergeRequest(project, iid);
  mergeMergeRequest(state, project, mr, actorId(as), {
    sha: options.sha,
    squash: options.squash,
    shouldRemoveSourceBranch: options.removeSourceBranch,
  });
  return presentMergeRequestDetail(state, project, mr);
}

export function deleteBranchAs(state: State, as: Actor, ref: ProjectRef, branch: string): void {
  deleteBranch(state, requireProject(state, ref), branch, actorId(as));
}
