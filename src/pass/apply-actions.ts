import type { Logger } from 'pino';
import type { RepoConfig } from '../config/schema.js';
import type { MergeRequest, Platform, ProjectPlatform } from '../platform/types.js';
import { type Action, describeAction } from '../reconcile/actions.js';

export interface ApplyContext {
  platform: Platform;
  project: ProjectPlatform;
  config: RepoConfig;
  defaultBranch: string;
  head: string;
  botEmails: string[];
  logger: Logger;
}

export interface ApplyResult {
  done: string[];
  created: MergeRequest[];
  /** Branches whose head this pass replaced: their gate waits for the new pipeline. */
  rewritten: Set<string>;
  failures: { action: Action; reason: string }[];
}

/**
 * Applies a pass's actions in order. One failing action is reported and the rest go on; every action is safe to
 * repeat, so the next pass finishes whatever an interruption left (branches are force-written on the current head).
 */
export async function applyActions(actions: Action[], context: ApplyContext): Promise<ApplyResult> {
  const result: ApplyResult = { done: [], created: [], rewritten: new Set(), failures: [] };
  const people = await resolvePeople(context, actions);
  for (const action of actions) {
    try {
      const applied = await applyOne(action, context, people);
      if (!applied) continue;
      result.done.push(describeAction(action));
      if (action.kind === 'create' && typeof applied === 'object') result.created.push(applied);
      if (action.kind === 'create' || action.kind === 'rebuild') result.rewritten.add(action.branch.branch);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      context.logger.warn({ action: action.kind, reason }, 'action failed');
      result.failures.push({ action, reason });
    }
  }
  return result;
}

interface People {
  assigneeIds: number[];
  reviewerIds: number[];
}

async function resolvePeople(context: ApplyContext, actions: Action[]): Promise<People> {
  const { assignees, reviewers } = context.config;
  if (!actions.some((a) => a.kind === 'create') || assignees.length + reviewers.length === 0) {
    return { assigneeIds: [], reviewerIds: [] };
  }
  const ids = await context.platform.findUserIds([...assignees, ...reviewers]);
  const known = (names: string[]) => names.flatMap((n) => (ids.has(n) ? [ids.get(n)!] : []));
  return { assigneeIds: known(assignees), reviewerIds: known(reviewers) };
}

/** Returns a truthy value when it wrote something (the new MR for a create). */
async function applyOne(
  action: Action,
  context: ApplyContext,
  people: People,
): Promise<MergeRequest | boolean> {
  const { project } = context;
  switch (action.kind) {
    case 'create': {
      await writeBranch(action, context);
      const mr = await project.createMergeRequest({
        sourceBranch: action.branch.branch,
        targetBranch: context.defaultBranch,
        title: action.title,
        description: action.description,
        labels: action.branch.labels,
        assigneeIds: people.assigneeIds,
        reviewerIds: people.reviewerIds,
        removeSourceBranch: true,
      });
      return mr;
    }
    case 'rebuild':
      await writeBranch(action, context);
      await project.updateMergeRequest(action.mr.iid, {
        title: action.title,
        description: action.description,
      });
      return true;
    case 'retitle':
      await project.updateMergeRequest(action.mr.iid, {
        title: action.title,
        description: action.description,
      });
      return true;
    case 'close':
      await project.updateMergeRequest(action.mr.iid, { stateEvent: 'close' });
      await project.createMergeRequestNote(action.mr.iid, action.comment);
      await project.deleteBranch(action.mr.sourceBranch);
      return true;
    case 'delete-branch':
      return deleteIfOurs(action.name, context);
  }
}

/** A prefixed branch is deleted only when its head commit is the bot's: a person's branch is never touched. */
async function deleteIfOurs(name: string, context: ApplyContext): Promise<boolean> {
  const branch = await context.project.getBranch(name);
  if (!branch) return false;
  if (!(await isBotCommit(branch.commitSha, context))) {
    context.logger.info({ branch: name }, 'leaving a prefixed branch that someone else committed to');
    return false;
  }
  await context.project.deleteBranch(name);
  return true;
}

/**
 * Force-writes the branch as one commit on the default branch's head. It must not exist yet, or its head must be
 * the bot's own commit: a branch someone else committed to is never overwritten.
 */
async function writeBranch(
  action: Extract<Action, { kind: 'create' | 'rebuild' }>,
  context: ApplyContext,
): Promise<void> {
  const name = action.branch.branch;
  const branch = await context.project.getBranch(name);
  if (branch && !(await isBotCommit(branch.commitSha, context))) {
    throw new Error(
      `branch ${name} has commits by someone else; pingate leaves it alone (rename or delete it)`,
    );
  }
  await context.project.commitFiles({
    branch: name,
    startSha: context.head,
    message: action.title,
    actions: action.files,
    force: true,
  });
}

async function isBotCommit(sha: string, context: ApplyContext): Promise<boolean> {
  const commit = await context.project.getCommit(sha);
  const emails = new Set(context.botEmails.map((e) => e.toLowerCase()));
  return emails.has(commit.authorEmail.toLowerCase()) && emails.has(commit.committerEmail.toLowerCase());
}
