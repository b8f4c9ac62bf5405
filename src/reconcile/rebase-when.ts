import { createHash } from 'node:crypto';
import type { RepoConfig } from '../config/schema.js';
import type { PinEntry } from '../constraints/types.js';
import type { MrMetadata } from '../mr/metadata.js';
import type { ServedPair } from '../pass/snapshot.js';
import type { MergeRequest } from '../platform/types.js';
import { normalizeName } from '../versioning/normalize.js';

/** Renovate's `rebaseWhen`: when an open bot MR is rebuilt on the default branch's new head. */
export type RebaseWhen = RepoConfig['rebaseWhen'];

/**
 * What `rebaseWhen` comes to for one MR once `auto` and `automerging` are resolved. `served-files`: when the default
 * branch changed a served constraints or yaml file, or the MR conflicts (SPEC §6.3, what `auto` means here).
 */
export type RebaseRule = 'never' | 'conflicted' | 'served-files' | 'behind-base-branch';

export type RebaseReason =
  | 'rebase requested'
  | 'default branch moved on'
  | 'default branch changed a served file'
  | 'conflicts with the default branch';

export interface RebaseFacts {
  /** A ticked rebase box (on the MR or the dashboard): always rebuilds. */
  ticked: boolean;
  /** The MR was built on a commit that is no longer the default branch's head. */
  behind: boolean;
  /** The served constraints or yaml files on the head are not those the MR was built on (`servedMoved`). */
  servedMoved: boolean;
  /** Its change no longer applies cleanly on that head (see `conflictsWithHead`). */
  conflicted: boolean;
  /** `automerge` is on for this MR (after packageRules). */
  automerge: boolean;
  /** GitLab merges it only once it is rebased on its target (fast-forward or semi-linear merge method). */
  mustBeUpToDate: boolean;
}

/**
 * `auto` (the default): SPEC §6.3, an MR is rebuilt when the default branch changed a served file (a constraints or
 * yaml file) or when it conflicts; `behind-base-branch` when GitLab merges only up-to-date branches (fast-forward or
 * semi-linear). Renovate's own `auto` rebases an automerged MR on every new commit of the default branch; pingate's
 * gate tests the MR's exact head, and its MR changes only the served files, so a commit elsewhere reruns every open
 * MR's pipeline for nothing. `automerging`: `behind-base-branch` when automerged, `never` otherwise.
 */
export function rebaseRule(
  when: RebaseWhen,
  facts: Pick<RebaseFacts, 'automerge' | 'mustBeUpToDate'>,
): RebaseRule {
  switch (when) {
    case 'auto':
      return facts.mustBeUpToDate ? 'behind-base-branch' : 'served-files';
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
  if (rule === 'served-files') return facts.servedMoved ? 'default branch changed a served file' : undefined;
  return rule === 'behind-base-branch' ? 'default branch moved on' : undefined;
}

/** What the served files on a commit are, in one digest: their paths, constraints texts and yaml texts. */
export function servedDigest(pairs: readonly ServedPair[]): string {
  const hash = createHash('sha256');
  for (const pair of pairs) {
    hash.update(
      `${pair.served.constraintsFile}\0${pair.file.text}\0${pair.served.yamlFile}\0${pair.yamlText ?? ''}\0`,
    );
  }
  return hash.digest('base64url').slice(0, 24);
}

/** Whether the head's served files differ from those the MR was built on; an MR that did not record them: yes. */
export function servedMoved(meta: MrMetadata, pairs: readonly ServedPair[]): boolean {
  return meta.served === undefined || meta.served !== servedDigest(pairs);
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
