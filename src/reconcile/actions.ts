import type { PlannedBranch } from '../plan/types.js';
import type { FileAction, MergeRequest } from '../platform/types.js';
import type { RebaseReason } from './rebase-when.js';

/**
 * Every write a pass makes (SPEC §6): computed by pure deciders from what the pass read, carried out in order by the
 * one applier (`pass/apply-actions.ts`), which owns dry run, the write-retry policy and the record of each outcome.
 */
export type Action =
  | { kind: 'create'; branch: PlannedBranch; files: FileAction[]; title: string; description: string }
  | {
      kind: 'rebuild';
      mr: MergeRequest;
      branch: PlannedBranch;
      files: FileAction[];
      title: string;
      description: string;
      why: 'newer release' | 'the freeze changed' | RebaseReason;
    }
  | { kind: 'retitle'; mr: MergeRequest; title: string; description: string }
  | { kind: 'close'; mr: MergeRequest; comment: string }
  | { kind: 'delete-branch'; name: string }
  | RollbackAction
  | MergeAction
  | CommentAction
  | { kind: 'create-dashboard'; title: string; description: string; labels: string[] }
  | UpdateDashboardAction;

/** SPEC §9: a branch restoring the constraints files as of `sha`, and its MR. */
export interface RollbackAction {
  kind: 'open-rollback';
  sha: string;
  branch: string;
  title: string;
  description: string;
  files: FileAction[];
}

/** SPEC §6.4: merge with the head the gate checked, so a head that moved in between is never merged. */
export interface MergeAction {
  kind: 'merge';
  mr: MergeRequest;
  sha: string;
}

/**
 * A note on an MR or an issue. `marker` is hidden text only this note carries: the applier looks for it before it
 * writes (and before it repeats a write that may have happened), so the note is never posted twice.
 */
export interface CommentAction {
  kind: 'comment';
  on: 'merge-request' | 'issue';
  iid: number;
  body: string;
  marker?: string;
  /** Why, for the run output: `gate failed on a1b2c3d4`, `un-tick refused boxes`. */
  about: string;
}

/**
 * The dashboard's new text. The applier re-reads the issue just before writing and carries over every tick a person
 * made meanwhile that is not in `handled` (SPEC §7), so a tick is never lost to the rewrite.
 */
export interface UpdateDashboardAction {
  kind: 'update-dashboard';
  iid: number;
  description: string;
  /** Marker ids this pass acted on (or refused): their ticks are not carried over. */
  handled: string[];
}

export type ActionKind = Action['kind'];

/** One line per action, for `--dry-run` and the run summary. */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'create':
      return `create MR "${action.title}" from ${action.branch.branch} (${action.files.map((f) => f.filePath).join(', ')})`;
    case 'rebuild':
      return `rebuild ${action.branch.branch} for !${action.mr.iid} (${action.why})`;
    case 'retitle':
      return `update the title/description of !${action.mr.iid}`;
    case 'close':
      return `close !${action.mr.iid} (${action.mr.sourceBranch}): no longer needed`;
    case 'delete-branch':
      return `delete branch ${action.name}`;
    case 'open-rollback':
      return `open "${action.title}" from ${action.branch}`;
    case 'merge':
      return `merge !${action.mr.iid} (head ${action.sha.slice(0, 8)})`;
    case 'comment':
      return `comment on ${action.on === 'issue' ? '#' : '!'}${action.iid} (${action.about})`;
    case 'create-dashboard':
      return 'create the dashboard';
    case 'update-dashboard':
      return 'update the dashboard';
  }
}
