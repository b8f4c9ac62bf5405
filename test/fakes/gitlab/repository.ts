import { ApiError, badRequest, forbidden, notFound, paramError } from './errors.js';
import { mergeRequestEvent, pushEvent } from './events.js';
import { log, resolveRef, writeCommit } from './git.js';
import { closeMergeRequest } from './merge-requests.js';
import { addNote } from './notes.js';
import { onNewCommit } from './pipelines.js';
import { accessLevelOf, now, requireUser, type State } from './store.js';
import { AccessLevel, type Commit, type Project } from './types.js';

export interface FileActionInput {
  action?: unknown;
  file_path?: unknown;
  previous_path?: unknown;
  content?: unknown;
  encoding?: unknown;
}

export interface CommitFilesInput {
  branch: string;
  startBranch?: string;
  startSha?: string;
  message: string;
  actions: FileActionInput[];
  force: boolean;
  authorName?: string;
  authorEmail?: string;
  userId: number;
}

/** Pushing needs Developer; the protected default branch needs Maintainer (GitLab's default protection). */
export function assertCanPush(project: Project, userId: number, branch: string): void {
  const level = accessLevelOf(project, userId);
  if (level < AccessLevel.developer) throw forbidden();
  const isProtected = project.settings.protectDefaultBranch && branch === project.defaultBranch;
  if (isProtected && level < AccessLevel.maintainer)
    throw forbidden('You are not allowed to push into this branch');
}

function startCommit(project: Project, input: CommitFilesInput): Commit | undefined {
  if (input.startSha !== undefined) {
    const commit = /^[0-9a-f]{7,40}$/.test(input.startSha) ? resolveRef(project, input.startSha) : undefined;
    if (!commit) throw badRequest('Invalid start SHA');
    return commit;
  }
  const startBranch = input.startBranch ?? input.branch;
  const head = project.branches.get(startBranch);
  if (head) return project.commits.get(head);
  if (project.branches.size > 0)
    throw badRequest('You can only create or edit files when you are on a branch');
  return undefined;
}

function decode(content: unknown, encoding: unknown): string {
  const text = typeof content === 'string' ? content : '';
  return encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
}

/** Applies the Commits API actions to a tree, with GitLab's refusals. */
export function applyActions(tree: Map<string, string>, actions: FileActionInput[]): void {
  actions.forEach((action, index) => {
    const path = action.file_path;
    if (typeof path !== 'string' || path === '') throw paramError(`actions[${index}][file_path] is missing`);
    const exists = tree.has(path);
    switch (action.action) {
      case 'create':
        if (exists) throw badRequest('A file with this name already exists');
        tree.set(path, decode(action.content, action.encoding));
        return;
      case 'update':
        if (!exists) throw badRequest("A file with this name doesn't exist");
        tree.set(path, decode(action.content, action.encoding));
        return;
      case 'delete':
        if (!exists) throw badRequest("A file with this name doesn't exist");
        tree.delete(path);
        return;
      case 'move':
        moveFile(tree, action, path);
        return;
      case 'chmod':
        if (!exists) throw badRequest("A file with this name doesn't exist");
        return;
      default:
        throw paramError(`actions[${index}][action] does not have a valid value`);
    }
  });
}

function moveFile(tree: Map<string, string>, action: FileActionInput, path: string): void {
  const previous = action.previous_path;
  if (typeof previous !== 'string' || !tree.has(previous))
    throw badRequest("A file with this name doesn't exist");
  if (tree.has(path)) throw badRequest('A file with this name already exists');
  const content =
    action.content === undefined || action.content === null
      ? tree.get(previous)!
      : decode(action.content, action.encoding);
  tree.delete(previous);
  tree.set(path, content);
}

/** POST /repository/commits: one commit of file actions on a branch, creating or (with force) replacing it. */
export function commitFiles(state: State, project: Project, input: CommitFilesInput): Commit {
  if (input.startBranch !== undefined && input.startSha !== undefined) {
    throw paramError('start_branch, start_sha are mutually exclusive');
  }
  const start = startCommit(project, input);
  const differentBranch =
    input.startSha !== undefined || (input.startBranch ?? input.branch) !== input.branch;
  if (project.branches.has(input.branch) && differentBranch && !input.force) {
    throw badRequest(
      `A branch called '${input.branch}' already exists. Switch to that branch in order to make changes`,
    );
  }
  const tree = new Map(start?.tree ?? []);
  applyActions(tree, input.actions);
  const user = requireUser(state, input.userId);
  const commit = writeCommit(project, {
    parents: start ? [start.sha] : [],
    tree,
    message: input.message,
    authorName: input.authorName ?? user.name,
    authorEmail: input.authorEmail ?? user.email,
    committerName: user.name,
    committerEmail: user.email,
    date: now(state),
  });
  moveBranch(state, project, input.branch, commit.sha, input.userId);
  return commit;
}

/**
 * Points a branch at a commit, as a push does: open MRs from the branch get GitLab's "added N commits" system note,
 * and the test's pipeline script runs for the new head.
 */
export function moveBranch(
  state: State,
  project: Project,
  branch: string,
  sha: string,
  userId: number,
): void {
  const previous = project.branches.get(branch);
  if (previous === sha) return;
  // A new branch brings the commits the default branch lacks, as GitLab lists them for a push.
  const base =
    previous ?? (branch === project.defaultBranch ? undefined : project.branches.get(project.defaultBranch));
  project.branches.set(branch, sha);
  const added = log(project, sha, base ? { exclude: base } : {});
  pushEvent(state, project, { branch, before: previous ?? null, after: sha, userId, commits: added });
  for (const mr of project.mergeRequests) {
    if (mr.state !== 'opened' || mr.sourceBranch !== branch) continue;
    mr.sha = sha;
    mr.updatedAt = now(state);
    addNote(state, { kind: 'MergeRequest', record: mr }, userId, addedCommitsNote(added), true);
    mergeRequestEvent(state, project, mr, userId, 'update', {}, previous);
  }
  onNewCommit(state, project, sha, branch, userId);
}

function addedCommitsNote(commits: Commit[]): string {
  const noun = commits.length === 1 ? 'commit' : 'commits';
  const items = commits.map(
    (commit) => `<li>${commit.sha.slice(0, 8)} - ${commit.message.split('\n')[0]}</li>`,
  );
  return `added ${commits.length} ${noun}\n\n<ul>${items.join('')}</ul>`;
}

/** DELETE /repository/branches/:branch. GitLab then closes the open MRs whose source branch it was. */
export function deleteBranch(state: State, project: Project, branch: string, userId: number): void {
  const previous = project.branches.get(branch);
  if (!previous) throw notFound('Branch');
  if (branch === project.defaultBranch) throw new ApiError(405, { message: 'Cannot remove HEAD branch' });
  project.branches.delete(branch);
  pushEvent(state, project, { branch, before: previous, after: null, userId, commits: [] });
  for (const mr of project.mergeRequests) {
    if (mr.state === 'opened' && mr.sourceBranch === branch) closeMergeRequest(state, project, mr, userId);
  }
}
