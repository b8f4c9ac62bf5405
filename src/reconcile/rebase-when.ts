import type { RepoConfig } from '../config/schema.js';
import type { PinEntry } from '../constraints/types.js';
import type { MrMetadata } from '../mr/metadata.js';
import type { ServedPair } from '../pass/snapshot.js';
import type { MergeRequest } from '../platform/types.js';
import { normalizeName } from '../versioning/normalize.js';

/** Renovate's `rebaseWhen`: when an open bot MR is rebuilt on the default branch's new head. */
export type RebaseWhen = RepoConfig['rebaseWhen'];

/** What `rebaseWhen` comes to for one MR once Renovate's `auto` and `automerging` are resolved. */
export type RebaseRule = 'never' | 'conflicted' | 'behind-base-branch';

export type RebaseReason =
  | 'rebase requested'
  | 'default branch moved on'
  | 'conflicts with the default branch';

export interface RebaseFacts {
  /** A ticked rebase box (on the MR or the dashboard): always rebuilds. */
  ticked: boolean;
  /** The MR was built on a commit that is no longer the default branch's head. */
  behind: boolean;
  /** Its change no longer applies cleanly on that head (see `conflictsWithHead`). */
  conflicted: boolean;
  /** `automerge` is on for this MR (after packageRules). */
  automerge: boolean;
  /** GitLab merges it only once it is rebased on its target (fast-forward or semi-linear merge method). */
  mustBeUpToDate: boolean;
}

/**
 * Renovate's `auto`: `behind-base-branch` when the MR is automerged or the project merges only up-to-date branches,
 * `conflicted` otherwise. `automerging`: `behind-base-branch` when automerged, `never` otherwise.
 */
export function rebaseRule(
  when: RebaseWhen,
  facts: Pick<RebaseFacts, 'automerge' | 'mustBeUpToDate'>,
): RebaseRule {
  switch (when) {
    case 'auto':
      return facts.automerge || facts.mustBeUpToDate ? 'behind-base-branch' : 'conflicted';
    case 'automerging':
      return facts.automerge ? 'behind-base-branch' : 'never';
    default:
      return when;
  }
}

/**
 * Why the MR is rebuilt on the new head, or undefined to leave it. Only a branch that is behind can conflict: one
 * built on the head is never rebuilt for a conflict the host has not re-checked yet, so a pass stays idempotent.
 */
export function rebaseReason(when: RebaseWhen, facts: RebaseFacts): RebaseReason | undefined {
  if (facts.ticked) return 'rebase requested';
  if (!facts.behind) return undefined;
  const rule = rebaseRule(when, facts);
  if (rule === 'never') return undefined;
  if (facts.conflicted) return 'conflicts with the default branch';
  return rule === 'behind-base-branch' ? 'default branch moved on' : undefined;
}

/**
 * Whether the MR's change no longer applies cleanly on the head: GitLab says the branch conflicts with its target,
 * or (known without asking, since pingate's change is computed) the head no longer pins a package the MR moves at
 * the version the MR moves it from, so the very line the MR changes was changed by the default branch.
 */
export function conflictsWithHead(
  mr: MergeRequest,
  meta: MrMetadata | undefined,
  pairs: ServedPair[],
): boolean {
  if (mr.needsRebase === 'conflicts') return true;
  return (meta?.updates ?? []).some((update) => !pinnedAt(pairs, update.file, update.name, update.from));
}

function pinnedAt(pairs: ServedPair[], file: string, name: string, version: string): boolean {
  const pair = pairs.find((p) => p.served.constraintsFile === file);
  const normalized = normalizeName(name);
  return (pair?.file.entries ?? []).some(
    (e): e is PinEntry => e.kind === 'pin' && e.normalizedName === normalized && e.version === version,
  );
}
