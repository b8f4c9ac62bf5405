import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile } from '../constraints/types.js';
import { type ConflictResult, checkUpdate, type RequiresDistLookup } from '../policy/conflicts.js';
import { rulesFor } from '../policy/package-rules.js';
import type { MissingLookup, SetVerdict } from '../resolver/types.js';
import { updateType } from '../versioning/pep440.js';
import { highestUpdateType } from './assemble-branches.js';
import type { LookupResult } from './collect-updates.js';
import { type FileContext, fileContext } from './conflict-context.js';
import type { MetadataLookup } from './resolver-source.js';
import type { ErroredPackage, FileFreeze, PackageUpdate, PlannedBranch } from './types.js';
import { releaseFact, updateKey, type VerdictMemo } from './verdict-memo.js';

export interface BranchConflictInput {
  branches: PlannedBranch[];
  files: ConstraintsFile[];
  config: RepoConfig;
  requiresDist: RequiresDistLookup;
  /** The same metadata with the errors of failed look-ups, for the resolver (which fails closed on them). */
  metadata: MetadataLookup;
  lookup: (file: string, normalizedName: string) => LookupResult | undefined;
  now: Date;
  /** Told each look-up the resolver needed and did not have (fetch it, then plan again). */
  onMissing: (file: string, lookup: MissingLookup) => void;
  /** Verdicts of earlier passes that the pins alone decided (`verdict-memo.ts`); absent: every verdict is made. */
  memo?: VerdictMemo;
}

/**
 * SPEC §6.2 for every branch: blocks what pip could not install, and pulls in the other pin's newer release
 * where that satisfies both. A branch whose updates all travel as companions of another branch is dropped.
 */
export function checkBranchConflicts(input: BranchConflictInput): {
  branches: PlannedBranch[];
  notPinned: string[];
  /** Updates held because a look-up the check needs could not be made (SPEC §6.2: never "no conflict"). */
  errored: ErroredPackage[];
  /** SPEC §12: per file, the pins that would complete the freeze (computed when asked: a solve per Python). */
  freeze: () => FileFreeze[];
  /**
   * Some file's pins reach a package no line pins: through a requirement (`notPinned`), or through an extra a
   * package asks of a pin, which `notPinned` does not list.
   */
  incomplete: boolean;
} {
  const contexts = new Map(input.files.map((file) => [file.path, fileContext(input, file)]));
  const checked = input.branches.map((branch) => checkBranch(branch, contexts, input));
  const errored = checked.flatMap((branch) => branch.errored);
  const branches = dropCarried(checked.filter((branch) => branch.errored.length === 0)).map(
    ({ ownUpdates: _, errored: _e, ...branch }) => branch,
  );
  const notPinned = [...contexts.values()].flatMap(({ file, facts }) =>
    facts().notPinned.map((n) => `${file.path}: ${n.requiredBy} requires ${n.requirement} (not pinned)`),
  );
  // A file whose pins reach no package that no line pins has nothing to freeze, and no solve to pay for.
  const freeze = () =>
    [...contexts.values()].map((c) =>
      c.facts().closed ? { file: c.file.path, pins: [], problems: [] } : c.frozen(),
    );
  const incomplete = [...contexts.values()].some((c) => !c.facts().closed);
  return { branches, notPinned: [...new Set(notPinned)], errored, freeze, incomplete };
}

/**
 * Drops a branch whose every update another kept branch already moves (its own updates travelling there as
 * companions). Checked from the last branch back, against the branches still kept, so that two branches that pull
 * each other in (the new boto3 needs the new botocore, and the old boto3 refuses it) keep the first one rather
 * than losing both, and no update that some branch carried is lost.
 */
function dropCarried<T extends PlannedBranch>(checked: T[]): T[] {
  const keyOf = (u: PackageUpdate) => `${u.file}\0${u.normalizedName}@${u.to}`;
  const keysOf = new Map(checked.map((branch) => [branch, new Set(branch.updates.map(keyOf))]));
  // How many kept branches move each update: counting keeps this linear in the number of branches.
  const carriers = new Map<string, number>();
  for (const keys of keysOf.values()) for (const key of keys) carriers.set(key, (carriers.get(key) ?? 0) + 1);
  const kept = new Set(checked);
  for (const branch of [...checked].reverse()) {
    const keys = keysOf.get(branch)!;
    if (![...keys].every((key) => carriers.get(key)! > 1)) continue;
    kept.delete(branch);
    for (const key of keys) carriers.set(key, carriers.get(key)! - 1);
  }
  return checked.filter((branch) => kept.has(branch));
}

function checkBranch(
  branch: PlannedBranch,
  contexts: Map<string, FileContext>,
  input: BranchConflictInput,
): PlannedBranch & { ownUpdates: number; errored: ErroredPackage[] } {
  const ownUpdates = branch.updates.length;
  const reasons: string[] = [];
  const companions: PackageUpdate[] = [];
  const notes: string[] = [];
  const held: string[] = [];
  for (const [path, context] of contexts) {
    const mine = branch.updates.filter((u) => u.file === path);
    if (mine.length === 0) continue;
    const memoKey = updateMemoKey(context, mine, input);
    // Judged before to install with the pins alone, from the same facts: nothing to add, nothing to block.
    if (memoKey && input.memo?.isClean(memoKey)) continue;
    const result = checkUpdate(
      {
        pins: context.pins,
        updates: mine.map((u) => ({ normalizedName: u.normalizedName, from: u.from, to: u.to })),
        requiresDist: input.requiresDist,
        pythonVersions: input.config.pingate.pythonVersions,
        candidates: context.candidates,
        file: path,
      },
      context.index(),
    );
    reasons.push(...result.blocked.map((r) => r.message));
    if (result.unknown.length > 0)
      held.push(`the requirements of ${result.unknown.join(', ')} could not be read`);
    if (result.blocked.length > 0 || result.unknown.length > 0) {
      notes.push(...summaryNotes(result));
      continue;
    }
    const mineWith = [...mine, ...companionUpdates(result, context, input)];
    companions.push(...mineWith.slice(mine.length));
    // A verdict with companions is not kept: which companions are offered depends on the clock (a release's age).
    const verdict = context.verdict(
      mineWith.map((u) => ({ normalizedName: u.normalizedName, from: u.from, to: u.to })),
      mineWith.length === mine.length ? memoKey : undefined,
    );
    applyVerdict(verdict, reasons, held);
    notes.push(...summaryNotes(result));
    if (memoKey && isClean(result, verdict)) input.memo?.addClean(memoKey);
  }
  if (held.length > 0 && reasons.length === 0) {
    const reason = `the conflict check could not be made: ${held.join('; ')}`;
    const errored = branch.updates.map((u) => ({
      file: u.file,
      name: u.name,
      normalizedName: u.normalizedName,
      version: u.from,
      reason,
    }));
    return { ...branch, ownUpdates, errored };
  }
  const disposition =
    reasons.length > 0 ? { kind: 'blocked' as const, reason: reasons.join('; ') } : branch.disposition;
  return {
    ...withCompanions(branch, companions, input.config),
    disposition,
    conflictSummary: conflictSummary(reasons, companions, notes, input.config.pingate.pythonVersions),
    ownUpdates,
    errored: [],
  };
}

/**
 * The key of one file's share of an update in the verdict memo: undefined (not remembered) when a moved package's
 * page is not at hand, so that what its release says cannot be part of the key.
 */
function updateMemoKey(
  context: FileContext,
  mine: readonly PackageUpdate[],
  input: BranchConflictInput,
): string | undefined {
  if (!context.memoKey) return undefined;
  const moves = [];
  for (const u of mine) {
    const project = input.lookup(context.file.path, u.normalizedName);
    if (project === undefined || project instanceof Error) return undefined;
    const fact = releaseFact(project.releases.find((r) => r.version === u.to));
    moves.push({ normalizedName: u.normalizedName, from: u.from, to: u.to, fact });
  }
  return updateKey(context.memoKey, moves);
}

/** A verdict the pins alone decided, with nothing blocked, held, pulled in or left to packages no line pins. */
function isClean(result: ConflictResult, verdict: SetVerdict): boolean {
  return (
    result.blocked.length === 0 &&
    result.companions.length === 0 &&
    result.unknown.length === 0 &&
    result.notPinned.length === 0 &&
    verdict.kind === 'installable' &&
    verdict.pinsOnly
  );
}

/** The resolver's verdict into the branch's reasons (blocked) or what holds it (errored). */
function applyVerdict(verdict: SetVerdict, reasons: string[], held: string[]): void {
  if (verdict.kind === 'conflict') reasons.push(...verdict.reasons);
  if (verdict.kind === 'bound') reasons.push(verdict.reason);
  if (verdict.kind === 'unknown') held.push(...verdict.missing.map(describeMissing));
}

function describeMissing(missing: MissingLookup): string {
  const what = missing.version
    ? `the requirements of ${missing.normalizedName} ${missing.version}`
    : `the releases of ${missing.normalizedName}`;
  return missing.error ? `${what} could not be fetched (${missing.error})` : `${what} were not fetched`;
}

/**
 * Companions join a branch with the rules of their own update (packageRules by name and update type): a major
 * companion keeps a minor branch from automerging, or makes it wait for approval, when the rules say so for majors.
 */
function withCompanions(
  branch: PlannedBranch,
  companions: PackageUpdate[],
  config: RepoConfig,
): PlannedBranch {
  if (companions.length === 0) return branch;
  const rules = companions.map((c) => rulesFor(config, c.normalizedName, c.updateType));
  return {
    ...branch,
    updates: [...branch.updates, ...companions],
    updateType: highestUpdateType([branch.updateType, ...companions.map((c) => c.updateType)]),
    automerge: branch.automerge && rules.every((r) => r.automerge),
    needsApproval: branch.needsApproval || rules.some((r) => r.dependencyDashboardApproval),
    labels: [...new Set([...branch.labels, ...rules.flatMap((r) => r.labels)])],
  };
}

function companionUpdates(
  result: ConflictResult,
  context: FileContext,
  input: BranchConflictInput,
): PackageUpdate[] {
  return result.companions.flatMap((move) => {
    const pin = context.pins.find((p) => p.normalizedName === move.normalizedName && p.version === move.from);
    const project = input.lookup(context.file.path, move.normalizedName);
    if (!pin || !project || project instanceof Error) return [];
    const release = project.releases.find((r) => r.version === move.to);
    const digests = release?.files.map((f) => f.sha256).filter((d): d is string => d !== undefined);
    return [
      {
        file: context.file.path,
        name: pin.name,
        normalizedName: pin.normalizedName,
        from: move.from,
        to: move.to,
        updateType: updateType(move.from, move.to),
        releaseDate: release?.uploadTime,
        sha256: pin.hashes.length > 0 ? [...new Set(digests)].sort() : undefined,
        projectUrls: project.projectUrls,
      },
    ];
  });
}

function summaryNotes(result: ConflictResult): string[] {
  const notes = result.notPinned.map(
    (n) => `${n.requiredBy} requires ${n.requirement}, which is not pinned.`,
  );
  if (result.unknown.length > 0) notes.push(`Not checked (no metadata): ${result.unknown.join(', ')}.`);
  return notes;
}

function conflictSummary(
  reasons: string[],
  companions: PackageUpdate[],
  notes: string[],
  pythons: string[],
): string {
  if (reasons.length > 0) return `Blocked: ${reasons.join('; ')}.`;
  const where = pythons.length > 0 ? ` on Python ${pythons.join(', ')}` : '';
  const lines = [`pip can install the updated set${where}: every requirement between the pins is met.`];
  if (companions.length > 0) {
    lines.push(
      `Moved together so that both are satisfied: ${companions.map((c) => `${c.name} ${c.from} → ${c.to}`).join(', ')}.`,
    );
  }
  return [...lines, ...notes].join('\n');
}
