import { carryOverTicks } from '../dashboard/carry-over.js';
import type { PlannedBranch } from '../plan/types.js';
import type { MergeRequest } from '../platform/types.js';
import type { Action, CommentAction } from '../reconcile/actions.js';
import type { Applied, ApplyContext, People } from './apply-actions.js';
import { deleteIfOurs, findOpenMergeRequest, writeBranch } from './branch-writes.js';
import { type RetryPolicy, writeWithRetry } from './write-retry.js';

export interface WriteContext extends ApplyContext {
  policy: RetryPolicy;
  /** The ids of the configured people, or of a branch's own (security MRs: `vulnerabilityAlerts`). */
  people: (own?: { assignees: string[]; reviewers: string[] }) => Promise<People>;
}

/** One action's writes, each under the retry policy with its own "did it already happen?" re-read. */
export async function applyOne(action: Action, context: WriteContext): Promise<Applied> {
  const { project, policy } = context;
  switch (action.kind) {
    case 'create':
    case 'open-rollback': {
      const branch = action.kind === 'create' ? action.branch.branch : action.branch;
      await writeBranch(context, { branch, message: action.title, files: action.files });
      return { status: 'done', mr: await openMergeRequest(context, action, branch) };
    }
    case 'rebuild':
      await writeBranch(context, {
        branch: action.branch.branch,
        // pingate's own title: the MR's may carry a person's draft marker or wording.
        message: action.branch.title,
        files: action.files,
      });
      await updateMergeRequest(context, action.mr.iid, action.title, action.description);
      return { status: 'done' };
    case 'retitle':
      await updateMergeRequest(context, action.mr.iid, action.title, action.description);
      return { status: 'done' };
    case 'close':
      await comment(context, closeComment(action.mr.iid, action.comment));
      await writeWithRetry(
        () => project.updateMergeRequest(action.mr.iid, { stateEvent: 'close' }),
        undefined,
        policy,
      );
      await writeWithRetry(() => project.deleteBranch(action.mr.sourceBranch), undefined, policy);
      return { status: 'done' };
    case 'delete-branch':
      return deleteIfOurs(context, action.name);
    case 'merge':
      return { status: 'done', mr: await merge(context, action.mr.iid, action.sha) };
    case 'comment':
      return comment(context, action);
    case 'create-dashboard': {
      const input = { title: action.title, description: action.description, labels: action.labels };
      await writeWithRetry(
        () => project.createIssue(input),
        () => findDashboard(context, action.title),
        policy,
      );
      return { status: 'done' };
    }
    case 'update-dashboard':
      return writeWithRetry(() => updateDashboard(context, action), undefined, policy);
  }
}

async function openMergeRequest(
  context: WriteContext,
  action: Extract<Action, { kind: 'create' | 'open-rollback' }>,
  branch: string,
): Promise<MergeRequest> {
  const people =
    action.kind === 'create'
      ? await context.people(ownPeople(action.branch))
      : { assigneeIds: [], reviewerIds: [] };
  const input = {
    sourceBranch: branch,
    targetBranch: context.defaultBranch,
    title: action.title,
    description: action.description,
    ...(action.kind === 'create' ? { labels: action.branch.labels } : {}),
    ...people,
    removeSourceBranch: true,
  };
  return writeWithRetry(
    () => context.project.createMergeRequest(input),
    () => findOpenMergeRequest(context, branch),
    context.policy,
  );
}

function ownPeople(branch: PlannedBranch): { assignees: string[]; reviewers: string[] } | undefined {
  if (!branch.assignees && !branch.reviewers) return undefined;
  return { assignees: branch.assignees ?? [], reviewers: branch.reviewers ?? [] };
}

/** A PUT of the same fields is safe to repeat: no re-read needed. */
async function updateMergeRequest(context: WriteContext, iid: number, title: string, description: string) {
  await writeWithRetry(
    () => context.project.updateMergeRequest(iid, { title, description }),
    undefined,
    context.policy,
  );
}

/** A merge that may have happened is re-read: merged → done; still open → merged again with the same `sha`. */
async function merge(context: WriteContext, iid: number, sha: string): Promise<MergeRequest> {
  const { project } = context;
  return writeWithRetry(
    () => project.mergeMergeRequest(iid, { sha }),
    async () => {
      const mr = await project.getMergeRequest(iid);
      return mr.state === 'merged' ? mr : undefined;
    },
    context.policy,
  );
}

/** A note with a marker is written once: it is looked for before the first write and before a repeat. */
async function comment(context: WriteContext, action: CommentAction): Promise<Applied> {
  const { project } = context;
  const list = () =>
    action.on === 'issue' ? project.listIssueNotes(action.iid) : project.listMergeRequestNotes(action.iid);
  const existing = async () => {
    const notes = await list();
    if (action.marker) return notes.find((n) => n.body.includes(action.marker!));
    // Without a marker: the bot's newest note on it, when it is this very text.
    const own = notes.filter((n) => n.authorId === context.botId).sort((a, b) => b.id - a.id)[0];
    return own?.body === action.body ? own : undefined;
  };
  if (action.marker && (await existing()))
    return { status: 'unchanged', reason: 'the note is already there' };
  const write = () =>
    action.on === 'issue'
      ? project.createIssueNote(action.iid, action.body)
      : project.createMergeRequestNote(action.iid, action.body);
  await writeWithRetry(write, existing, context.policy);
  return { status: 'done' };
}

const CLOSE_MARKER = '<!-- pingate-closed -->';

function closeComment(iid: number, body: string): CommentAction {
  return {
    kind: 'comment',
    on: 'merge-request',
    iid,
    body: `${CLOSE_MARKER}\n${body}`,
    marker: CLOSE_MARKER,
    about: 'closing it',
  };
}

async function findDashboard(context: WriteContext, title: string) {
  const issues = await context.project.findIssues({ authorId: context.botId, title });
  return issues.filter((i) => i.state === 'opened').sort((a, b) => b.iid - a.iid)[0];
}

/**
 * Re-reads the issue just before writing and keeps every tick made meanwhile that this pass did not act on (SPEC §7).
 * Safe to repeat as a whole, so a try that may have written is simply tried again.
 */
async function updateDashboard(
  context: WriteContext,
  action: Extract<Action, { kind: 'update-dashboard' }>,
): Promise<Applied> {
  const latest = await context.project.getIssue(action.iid);
  const final = carryOverTicks(action.description, latest.description, new Set(action.handled));
  if (final === latest.description && latest.state === 'opened') {
    return { status: 'unchanged', reason: 'the dashboard already reads so' };
  }
  await context.project.updateIssue(action.iid, {
    description: final,
    ...(latest.state !== 'opened' ? { stateEvent: 'reopen' as const } : {}),
  });
  return { status: 'done' };
}
