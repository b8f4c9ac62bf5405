import { parseConstraints } from '../constraints/parse.js';
import { BadInputError } from '../errors.js';
import { pairActions } from '../mr/commit-content.js';
import { REBASE_CHECK } from '../mr/description.js';
import { metadataComment } from '../mr/metadata.js';
import { ownBlock } from '../mr/person-edits.js';
import { NotFoundError } from '../platform/errors.js';
import type { FileAction, MergeRequest, ProjectPlatform } from '../platform/types.js';
import type { RollbackAction } from '../reconcile/actions.js';
import type { RepoSnapshot } from './snapshot.js';
import { commitSource } from './sources.js';

export interface RollbackPlan {
  sha: string;
  branch: string;
  title: string;
  description: string;
  files: FileAction[];
}

/**
 * SPEC §9: an MR restoring every served constraints file as of `ref`, with its yaml regenerated. Throws
 * BadInputError (exit 2) when the ref does not exist or has no constraints file; undefined when nothing differs.
 */
export async function planRollback(
  project: ProjectPlatform,
  snapshot: RepoSnapshot,
  head: string,
  ref: string,
): Promise<RollbackPlan | undefined> {
  const commit = await project.getCommit(ref).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new BadInputError(`cannot roll back: ${ref} is not a commit of this project`);
    throw error;
  });
  const source = commitSource(project, commit.sha);
  const files: FileAction[] = [];
  let found = 0;
  for (const pair of snapshot.pairs) {
    const old = await source.read(pair.served.constraintsFile);
    if (old === undefined) continue;
    found += 1;
    parseConstraints(old, pair.served.constraintsFile);
    files.push(...pairActions(pair, old));
  }
  if (found === 0) {
    const names = snapshot.pairs.map((p) => p.served.constraintsFile).join(', ');
    throw new BadInputError(
      `cannot roll back: ${ref} (${commit.sha.slice(0, 8)}) has no ${names || 'constraints file'}`,
    );
  }
  if (files.length === 0) return undefined;
  const short = commit.sha.slice(0, 8);
  const date = commit.createdAt.slice(0, 10);
  const title = `Roll back constraints to ${short} (${date})`;
  const content = [
    `This MR restores ${snapshot.pairs.map((p) => `\`${p.served.constraintsFile}\``).join(', ')} as of ${commit.sha} (${date}) and regenerates the yaml file(s).`,
    '',
    'It goes through the same merge gate as every bot MR: the installation tests must pass on its head commit.',
    '',
    '---',
    '',
    `- [ ] ${REBASE_CHECK}If you want to rebase or retry this MR, tick this box`,
    '',
    metadataComment({ updates: [], base: head, rollbackTo: commit.sha, title }),
  ].join('\n');
  const description = `${ownBlock(content)}\n`;
  return {
    sha: commit.sha,
    branch: `${snapshot.config.branchPrefix}rollback-${short}`,
    title,
    description,
    files,
  };
}

/** The rollback's write (pure): none when its MR is already open, since ticking again must not open a second. */
export function rollbackAction(plan: RollbackPlan, mrs: readonly MergeRequest[]): RollbackAction | undefined {
  const existing = mrs.find((mr) => mr.state === 'opened' && mr.sourceBranch === plan.branch);
  if (existing) return undefined;
  return { kind: 'open-rollback', ...plan };
}
