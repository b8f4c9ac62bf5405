import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile, PinEntry } from '../constraints/types.js';
import { eligibleReleases } from '../policy/candidates.js';
import {
  type ConflictIndex,
  type ConflictResult,
  checkUpdate,
  prepareConflictIndex,
  type RequiresDistLookup,
} from '../policy/conflicts.js';
import { rulesFor } from '../policy/package-rules.js';
import { releaseAgeStatus } from '../policy/release-age.js';
import { compareVersions, updateType } from '../versioning/pep440.js';
import { highestUpdateType } from './assemble-branches.js';
import type { LookupResult } from './collect-updates.js';
import type { PackageUpdate, PlannedBranch } from './types.js';

export interface BranchConflictInput {
  branches: PlannedBranch[];
  files: ConstraintsFile[];
  config: RepoConfig;
  requiresDist: RequiresDistLookup;
  lookup: (file: string, normalizedName: string) => LookupResult | undefined;
  now: Date;
}

interface FileContext {
  file: ConstraintsFile;
  pins: PinEntry[];
  index: ConflictIndex;
  candidates: (normalizedName: string) => string[];
}

/**
 * SPEC §6.2 for every branch: blocks what pip could not install, and pulls in the other pin's newer release
 * where that satisfies both. A branch whose updates all travel as companions of another branch is dropped.
 */
export function checkBranchConflicts(input: BranchConflictInput): {
  branches: PlannedBranch[];
  notPinned: string[];
} {
  const contexts = new Map(input.files.map((file) => [file.path, fileContext(input, file)]));
  const checked = input.branches.map((branch) => checkBranch(branch, contexts, input));
  const branches = dropCarried(checked).map(({ ownUpdates: _, ...branch }) => branch);
  const notPinned = [...contexts.values()].flatMap(({ file, index }) =>
    index.notPinned.map((n) => `${file.path}: ${n.requiredBy} requires ${n.requirement} (not pinned)`),
  );
  return { branches, notPinned: [...new Set(notPinned)] };
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
  return { file, pins, index: prepareConflictIndex(pins, input.requiresDist, pythonVersions), candidates };
}

function checkBranch(
  branch: PlannedBranch,
  contexts: Map<string, FileContext>,
  input: BranchConflictInput,
): PlannedBranch & { ownUpdates: number } {
  const ownUpdates = branch.updates.length;
  const reasons: string[] = [];
  const companions: PackageUpdate[] = [];
  const notes: string[] = [];
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
    if (result.blocked.length === 0) companions.push(...companionUpdates(result, context, input));
    notes.push(...summaryNotes(result));
  }
  const disposition =
    reasons.length > 0 ? { kind: 'blocked' as const, reason: reasons.join('; ') } : branch.disposition;
  return {
    ...withCompanions(branch, companions, input.config),
    disposition,
    conflictSummary: conflictSummary(reasons, companions, notes, input.config.pingate.pythonVersions),
    ownUpdates,
  };
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
