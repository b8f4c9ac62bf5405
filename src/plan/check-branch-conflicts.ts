import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile, PinEntry } from '../constraints/types.js';
import { eligibleReleases } from '../policy/candidates.js';
import {
  type ConflictIndex,
  type ConflictResult,
  checkUpdate,
  parseLine,
  prepareConflictIndex,
  type RequiresDistLookup,
} from '../policy/conflicts.js';
import { rulesFor } from '../policy/package-rules.js';
import { releaseAgeStatus } from '../policy/release-age.js';
import { createJudge, type Judge } from '../resolver/judge.js';
import type { MissingLookup, SetVerdict } from '../resolver/types.js';
import { compareVersions, updateType } from '../versioning/pep440.js';
import { parseRequirement, type Requirement } from '../versioning/requirement.js';
import { highestUpdateType } from './assemble-branches.js';
import type { LookupResult } from './collect-updates.js';
import type { FreezeInput } from './freeze.js';
import { freezeOfFile } from './freeze-plan.js';
import { type MetadataLookup, resolverSource } from './resolver-source.js';
import type { ErroredPackage, FileFreeze, PackageUpdate, PlannedBranch } from './types.js';

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
}

interface FileContext {
  file: ConstraintsFile;
  pins: PinEntry[];
  index: ConflictIndex;
  judge: Judge;
  /** What `computeFreeze` needs for this file. */
  freeze: FreezeInput;
  candidates: (normalizedName: string) => string[];
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
} {
  const contexts = new Map(input.files.map((file) => [file.path, fileContext(input, file)]));
  const checked = input.branches.map((branch) => checkBranch(branch, contexts, input));
  const errored = checked.flatMap((branch) => branch.errored);
  const branches = dropCarried(checked.filter((branch) => branch.errored.length === 0)).map(
    ({ ownUpdates: _, errored: _e, ...branch }) => branch,
  );
  const notPinned = [...contexts.values()].flatMap(({ file, index }) =>
    index.notPinned.map((n) => `${file.path}: ${n.requiredBy} requires ${n.requirement} (not pinned)`),
  );
  const freeze = () => [...contexts.values()].map((c) => freezeOfFile(c.file.path, c.freeze));
  return { branches, notPinned: [...new Set(notPinned)], errored, freeze };
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

function fileContext(input: BranchConflictInput, file: ConstraintsFile): FileContext {
  const pins = file.entries.filter((e): e is PinEntry => e.kind === 'pin');
  const { pythonVersions } = input.config.pingate;
  const candidates = (normalizedName: string): string[] => {
    const project = input.lookup(file.path, normalizedName);
    const pin = pins.find((p) => p.normalizedName === normalizedName);
    if (!project || project instanceof Error || !pin || pin.ignored) return [];
    return (
      eligibleReleases({
        current: pin.version,
        releases: project.releases,
        pythonVersions,
        separateMajorMinor: input.config.separateMajorMinor,
        now: input.now,
        rulesFor: (type) => rulesFor(input.config, normalizedName, type),
      })
        // A companion is proposed like any update: not younger than minimumReleaseAge (SPEC §6.1), and for a
        // hashed pin only with a digest for every file (SPEC §2.3).
        .filter(
          (t) => releaseAgeStatus(t.release.uploadTime, t.rules.minimumReleaseAgeMs, input.now).eligible,
        )
        .filter((t) => pin.hashes.length === 0 || t.release.files.every((f) => f.sha256))
        .map((t) => t.release.version)
        .sort((a, b) => compareVersions(b, a))
    );
  };
  const index = prepareConflictIndex(pins, input.requiresDist, pythonVersions);
  const source = resolverSource(
    (name) => input.lookup(file.path, name),
    input.metadata,
    (lookup) => input.onMissing(file.path, lookup),
    // The pin-to-pin check and the resolver read the same Requires-Dist lines: each is parsed once.
    (line) => parseLine(index, line),
  );
  // A pin whose own page could not be had is Errored already; holding every other update on it too would let one
  // flaky package stop the whole file, so the search leaves it out (README: what the check does not see).
  const judged = pins.filter((pin) => !(input.lookup(file.path, pin.normalizedName) instanceof Error));
  const freeze: FreezeInput = { pins: judged, constraints: rangeLines(file), pythonVersions, source };
  const judge = createJudge(freeze);
  return {
    freeze,
    file,
    pins,
    index,
    judge,
    candidates,
  };
}

/** The file's range lines (`pkg>=1,<2 ; marker`) as requirements: pip applies them to what it installs. */
function rangeLines(file: ConstraintsFile): Requirement[] {
  return file.entries.flatMap((entry) => {
    if (entry.kind !== 'requirement') return [];
    try {
      const marker = entry.markerText ? ` ; ${entry.markerText}` : '';
      return [parseRequirement(`${entry.name}${entry.specifier}${marker}`)];
    } catch {
      return [];
    }
  });
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
    const result = checkUpdate(
      {
        pins: context.pins,
        updates: mine.map((u) => ({ normalizedName: u.normalizedName, from: u.from, to: u.to })),
        requiresDist: input.requiresDist,
        pythonVersions: input.config.pingate.pythonVersions,
        candidates: context.candidates,
        file: path,
      },
      context.index,
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
    const verdict = context.judge.judge(
      mineWith.map((u) => ({ normalizedName: u.normalizedName, from: u.from, to: u.to })),
    );
    applyVerdict(verdict, reasons, held);
    notes.push(...summaryNotes(result));
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
