import type { Commit, FileAction, MergeRequest } from '../platform/types.js';
import type { Applied } from './apply-actions.js';
import type { WriteContext } from './apply-one.js';
import { writeWithRetry } from './write-retry.js';

export interface BranchWrite {
  branch: string;
  message: string;
  files: FileAction[];
}

/**
 * Force-writes the branch as one commit on the default branch's head. It must not exist yet, or its head must be
 * the bot's own commit: a branch someone else committed to is never overwritten. A write that may have happened is
 * found again as the bot's commit with this message on the head.
 */
export async function writeBranch(context: WriteContext, write: BranchWrite): Promise<Commit> {
  const { project } = context;
  const branch = await project.getBranch(write.branch);
  if (branch && !isBotCommit(await project.getCommit(branch.commitSha), context.botEmails)) {
    throw new Error(
      `branch ${write.branch} has commits by someone else; pingate leaves it alone (rename or delete it)`,
    );
  }
  return writeWithRetry(
    () =>
      project.commitFiles({
        branch: write.branch,
        startSha: context.head,
        message: write.message,
        actions: write.files,
        force: true,
      }),
    () => findWrittenCommit(context, write),
    context.policy,
  );
}

async function findWrittenCommit(context: WriteContext, write: BranchWrite): Promise<Commit | undefined> {
  const branch = await context.project.getBranch(write.branch);
  if (!branch) return undefined;
  const commit = await context.project.getCommit(branch.commitSha);
  const sameMessage =
    (commit.message ?? commit.title).trim() === write.message.trim() || commit.title === write.message;
  const onHead = commit.parentShas.length === 1 && commit.parentShas[0] === context.head;
  return sameMessage && onHead && isBotCommit(commit, context.botEmails) ? commit : undefined;
}

/** The bot's open MR from `branch`, if one exists (an MR create that may have happened is found again so). */
export async function findOpenMergeRequest(
  context: WriteContext,
  branch: string,
): Promise<MergeRequest | undefined> {
  const mrs = await context.project.listMergeRequests({ authorId: context.botId });
  return mrs.find(
    (mr) => mr.state === 'opened' && mr.sourceBranch === branch && mr.targetBranch === context.defaultBranch,
  );
}

/** A prefixed branch is deleted only when its head commit is the bot's: a person's branch is never touched. */
export async function deleteIfOurs(context: WriteContext, name: string): Promise<Applied> {
  const { project } = context;
  const branch = await project.getBranch(name);
  if (!branch) return { status: 'unchanged', reason: 'already gone' };
  if (!isBotCommit(await project.getCommit(branch.commitSha), context.botEmails)) {
    context.logger.info({ branch: name }, 'leaving a prefixed branch that someone else committed to');
    return { status: 'unchanged', reason: 'someone else committed to it' };
  }
  await writeWithRetry(() => project.deleteBranch(name), undefined, context.policy);
  return { status: 'done' };
}

/** A commit is the bot's only when both its author and its committer are the bot. */
export function isBotCommit(commit: Commit, botEmails: readonly string[]): boolean {
  const emails = new Set(botEmails.map((e) => e.toLowerCase()));
  return emails.has(commit.authorEmail.toLowerCase()) && emails.has(commit.committerEmail.toLowerCase());
}
