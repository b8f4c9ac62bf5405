import { ApiError, conflict, methodNotAllowed, notFound, unauthorized, unprocessable } from './errors.js';
import { type Changes, mergeRequestEvent } from './events.js';
import { conflictsBetween, log, mergeBase, mergeTrees, requireCommit, writeCommit } from './git.js';
import { pipelineStatus } from './pipelines.js';
import { deleteBranch, moveBranch } from './repository.js';
import { accessLevelOf, nextId, now, requireUser, type State } from './store.js';
import { AccessLevel, type MergeRequest, type Pipeline, type Project } from './types.js';

export interface CreateMergeRequestInput {
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description?: string;
  labels?: string[];
  assigneeIds?: number[];
  reviewerIds?: number[];
  removeSourceBranch?: boolean;
  squash?: boolean;
}

export function isDraftTitle(title: string): boolean {
  return /^\s*(\[draft\]|\(draft\)|draft:|draft\s-|\[wip\]|wip:)/i.test(title);
}

export function findMergeRequest(project: Project, iid: number): MergeRequest {
  const mr = project.mergeRequests.find((candidate) => candidate.iid === iid);
  if (!mr) throw notFound();
  return mr;
}

function duplicateOf(project: Project, mr: { sourceBranch: string; targetBranch: string; id?: number }) {
  return project.mergeRequests.find(
    (other) =>
      other.state === 'opened' &&
      other.id !== mr.id &&
      other.sourceBranch === mr.sourceBranch &&
      other.targetBranch === mr.targetBranch,
  );
}

function assertBranches(project: Project, source: string, target: string): void {
  if (source === target) throw unprocessable(["You can't use same project/branch for source and target"]);
  const missing = [source, target].filter((branch) => !project.branches.has(branch));
  if (missing.length > 0) {
    const which = missing[0] === source ? 'Source' : 'Target';
    throw unprocessable([`${which} branch "${missing[0]}" does not exist`]);
  }
}

/** Users that may be assigned: existing members of the project (GitLab drops the others silently). */
export function eligibleUsers(project: Project, ids: number[] | undefined): number[] {
  return [...new Set(ids ?? [])].filter((id) => accessLevelOf(project, id) > 0);
}

export function createMergeRequest(
  state: State,
  project: Project,
  authorId: number,
  input: CreateMergeRequestInput,
) {
  assertBranches(project, input.sourceBranch, input.targetBranch);
  const duplicate = duplicateOf(project, input);
  if (duplicate)
    throw conflict([`Another open merge request already exists for this source branch: !${duplicate.iid}`]);
  const at = now(state);
  const mr: MergeRequest = {
    id: nextId(state, 'mergeRequest'),
    iid: project.nextMergeRequestIid++,
    title: input.title,
    description: input.description ?? '',
    sourceBranch: input.sourceBranch,
    targetBranch: input.targetBranch,
    state: 'opened',
    authorId,
    assigneeIds: eligibleUsers(project, input.assigneeIds),
    reviewerIds: eligibleUsers(project, input.reviewerIds),
    labels: normaliseLabels(input.labels ?? []),
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedById: null,
    mergedAt: null,
    mergedById: null,
    mergeCommitSha: null,
    squashCommitSha: null,
    sha: project.branches.get(input.sourceBranch)!,
    mergedCommits: null,
    forceRemoveSourceBranch: input.removeSourceBranch ?? false,
    shouldRemoveSourceBranch: null,
    squash: input.squash ?? false,
    mergeabilityOverride: null,
    notes: [],
  };
  project.mergeRequests.push(mr);
  mergeRequestEvent(state, project, mr, authorId, 'open');
  return mr;
}

/** GitLab keeps label titles unique and lists them sorted. */
export function normaliseLabels(labels: string[]): string[] {
  return [...new Set(labels.map((label) => label.trim()).filter((label) => label !== ''))].sort();
}

const stateIds = { opened: 1, closed: 2, merged: 3, locked: 4 } as const;

/** Closes an open MR; `changes` are other edits made in the same request, for the hook. */
export function closeMergeRequest(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  changes: Changes = {},
) {
  if (mr.state !== 'opened') return;
  const at = now(state);
  Object.assign(mr, { state: 'closed', closedAt: at, closedById: userId, updatedAt: at });
  mergeRequestEvent(state, project, mr, userId, 'close', {
    ...changes,
    state_id: { previous: 1, current: 2 },
  });
}

/** GitLab refuses to reopen an MR while another open one has the same branches. */
export function assertCanReopen(project: Project, mr: MergeRequest): void {
  const duplicate = mr.state === 'closed' ? duplicateOf(project, mr) : undefined;
  if (duplicate)
    throw conflict([`Another open merge request already exists for this source branch: !${duplicate.iid}`]);
}

export function reopenMergeRequest(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  changes: Changes = {},
) {
  if (mr.state !== 'closed') return;
  assertCanReopen(project, mr);
  mr.sha = project.branches.get(mr.sourceBranch) ?? mr.sha;
  Object.assign(mr, { state: 'opened', closedAt: null, closedById: null, updatedAt: now(state) });
  mergeRequestEvent(state, project, mr, userId, 'reopen', {
    ...changes,
    state_id: { previous: 2, current: 1 },
  });
}

/** The head commit: the branch's, while the MR is open and the branch exists. */
export function headSha(project: Project, mr: MergeRequest): string {
  return mr.state === 'opened' ? (project.branches.get(mr.sourceBranch) ?? mr.sha) : mr.sha;
}

/** The latest pipeline of the source branch for the head commit. */
export function headPipeline(project: Project, mr: MergeRequest): Pipeline | undefined {
  const sha = headSha(project, mr);
  return project.pipelines
    .filter((pipeline) => pipeline.sha === sha && pipeline.ref === mr.sourceBranch)
    .at(-1);
}

export function hasConflicts(project: Project, mr: MergeRequest): boolean {
  const target = project.branches.get(mr.targetBranch);
  if (mr.state !== 'opened' || !target || !project.branches.has(mr.sourceBranch)) return false;
  return conflictsBetween(project, target, headSha(project, mr)).length > 0;
}

/** GitLab's `detailed_merge_status`, from the checks this fake models. */
export function detailedMergeStatus(project: Project, mr: MergeRequest): string {
  if (mr.state !== 'opened') return 'not_open';
  if (isDraftTitle(mr.title)) return 'draft_status';
  if (!project.branches.has(mr.sourceBranch) || !project.branches.has(mr.targetBranch))
    return 'broken_status';
  if (mr.mergeabilityOverride) return mr.mergeabilityOverride;
  if (hasConflicts(project, mr)) return 'conflict';
  if (project.settings.onlyAllowMergeIfPipelineSucceeds) {
    const pipeline = headPipeline(project, mr);
    const status = pipeline ? pipelineStatus(pipeline) : undefined;
    if (status !== 'success') {
      const running = ['created', 'pending', 'running', 'preparing', 'waiting_for_resource'];
      return status && running.includes(status) ? 'ci_still_running' : 'ci_must_pass';
    }
  }
  return 'mergeable';
}

export interface MergeInput {
  sha?: string;
  mergeCommitMessage?: string;
  squash?: boolean;
  shouldRemoveSourceBranch?: boolean;
}

/** PUT /merge: GitLab's checks in its order (401, 405, 406, 409), then a merge commit on the target branch. */
export function mergeMergeRequest(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  input: MergeInput,
) {
  if (accessLevelOf(project, userId) < AccessLevel.developer) throw unauthorized();
  const status = detailedMergeStatus(project, mr);
  if (status === 'conflict') throw new ApiError(406, { message: 'Branch cannot be merged' });
  if (status !== 'mergeable') throw methodNotAllowed();
  const head = headSha(project, mr);
  if (input.sha !== undefined && input.sha !== head) {
    throw conflict(`SHA does not match HEAD of source branch: ${head}`);
  }
  const target = project.branches.get(mr.targetBranch)!;
  mr.mergedCommits = log(project, head, { exclude: target }).map((commit) => commit.sha);
  const squash = input.squash ?? mr.squash;
  const merged = writeMergeCommit(state, project, mr, userId, {
    target,
    head,
    squash,
    message: input.mergeCommitMessage,
  });
  const at = now(state);
  Object.assign(mr, {
    state: 'merged',
    sha: head,
    mergedAt: at,
    mergedById: userId,
    updatedAt: at,
    mergeCommitSha: merged.mergeCommit,
    squashCommitSha: merged.squashCommit,
    squash,
    shouldRemoveSourceBranch: input.shouldRemoveSourceBranch ?? null,
  });
  mergeRequestEvent(state, project, mr, userId, 'merge', {
    state_id: { previous: stateIds.opened, current: stateIds.merged },
  });
  moveBranch(state, project, mr.targetBranch, merged.mergeCommit, userId);
  if (input.shouldRemoveSourceBranch ?? mr.forceRemoveSourceBranch)
    deleteBranch(state, project, mr.sourceBranch, userId);
  return mr;
}

function writeMergeCommit(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  input: { target: string; head: string; squash: boolean; message: string | undefined },
): { mergeCommit: string; squashCommit: string | null } {
  const user = requireUser(state, userId);
  const base = mergeBase(project, input.target, input.head);
  const baseTree = base ? requireCommit(project, base).tree : new Map<string, string>();
  const people = {
    authorName: user.name,
    authorEmail: user.email,
    committerName: user.name,
    committerEmail: user.email,
  };
  let theirs = input.head;
  let squashCommit: string | null = null;
  if (input.squash) {
    const squashed = writeCommit(project, {
      ...people,
      parents: base ? [base] : [],
      tree: requireCommit(project, input.head).tree,
      message: mr.title,
      date: now(state),
    });
    theirs = squashed.sha;
    squashCommit = squashed.sha;
  }
  const result = mergeTrees(
    baseTree,
    requireCommit(project, input.target).tree,
    requireCommit(project, theirs).tree,
  );
  const message =
    input.message ??
    `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'\n\n${mr.title}\n\nSee merge request ${project.path}!${mr.iid}`;
  const commit = writeCommit(project, {
    ...people,
    parents: [input.target, theirs],
    tree: result.tree,
    message,
    date: now(state),
  });
  return { mergeCommit: commit.sha, squashCommit };
}
