import type { PlannedBranch } from '../plan/types.js';
import type { FileAction, MergeRequest } from '../platform/types.js';

/** A write a pass makes; computed from the difference between desired and actual state, applied in order. */
export type Action =
  | { kind: 'create'; branch: PlannedBranch; files: FileAction[]; title: string; description: string }
  | {
      kind: 'rebuild';
      mr: MergeRequest;
      branch: PlannedBranch;
      files: FileAction[];
      title: string;
      description: string;
      why: 'newer release' | 'rebase requested' | 'default branch changed a served file';
    }
  | { kind: 'retitle'; mr: MergeRequest; title: string; description: string }
  | { kind: 'close'; mr: MergeRequest; comment: string }
  | { kind: 'delete-branch'; name: string };

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
  }
}
