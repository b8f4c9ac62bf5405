/**
 * SPEC §13 (pure): each pin whose current release has advisories moves to the smallest release that fixes every one
 * of them that names a fix and that the conflict check allows, on a branch of its own that neither the schedule nor
 * the MR limits hold back. A pin with no such release is listed as vulnerable and blocked, with why.
 */
import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile, PinEntry } from '../constraints/types.js';
import type { Advisory } from '../osv/types.js';
import { eligibleReleases, type Target } from '../policy/candidates.js';
import type { RequiresDistLookup } from '../policy/conflicts.js';
import { isIgnoredPackage, rulesFor } from '../policy/package-rules.js';
import { releaseAgeStatus } from '../policy/release-age.js';
import { compareVersions } from '../versioning/pep440.js';
import { highestUpdateType } from './assemble-branches.js';
import { type BranchConflictInput, checkBranchConflicts } from './check-branch-conflicts.js';
import type { ChosenUpdate, LookupResult } from './collect-updates.js';
import { fixes, hasFix, mergeAdvisories, type PinAdvisory } from './security-advisories.js';
import { securityBranchName, securityTitle } from './security-names.js';
import type { PackageUpdate, PlannedBranch, VulnerablePin } from './types.js';

export interface SecurityInput {
  config: RepoConfig;
  files: ConstraintsFile[];
  lookup: (file: string, normalizedName: string) => LookupResult | undefined;
  requiresDist: RequiresDistLookup;
  metadata: BranchConflictInput['metadata'];
  onMissing: BranchConflictInput['onMissing'];
  /** Every source's advisories of one pinned release. */
  advisories: (normalizedName: string, version: string) => Advisory[];
  now: Date;
}

export interface SecurityPlan {
  branches: PlannedBranch[];
  vulnerable: VulnerablePin[];
}

/** Fixing releases tried in turn against the conflict check, smallest first, before the pin is called blocked. */
const MAX_TRIED = 20;

export function planSecurity(input: SecurityInput): SecurityPlan {
  const vulnerable: VulnerablePin[] = [];
  const chosen = new Map<string, { pin: VulnerablePin; branch: PlannedBranch }[]>();
  for (const file of input.files) {
    for (const pin of vulnerablePins(input, file)) {
      const decided = decidePin(input, file, pin);
      vulnerable.push(decided.pin);
      if (decided.branch) {
        const list = chosen.get(pin.normalizedName) ?? [];
        list.push({ pin: decided.pin, branch: decided.branch });
        chosen.set(pin.normalizedName, list);
      }
    }
  }
  const branches = [...chosen.values()].map((items) => joinBranch(input.config, items));
  return { branches, vulnerable };
}

interface PinAdvisories {
  entry: PinEntry;
  normalizedName: string;
  advisories: PinAdvisory[];
}

/** One entry per package and pinned version of a file that has advisories; ignored lines are never touched. */
function vulnerablePins(input: SecurityInput, file: ConstraintsFile): PinAdvisories[] {
  const seen = new Set<string>();
  const out: PinAdvisories[] = [];
  for (const entry of file.entries) {
    if (entry.kind !== 'pin' || entry.ignored || isIgnoredPackage(input.config, entry.normalizedName))
      continue;
    const key = `${entry.normalizedName}@${entry.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const advisories = mergeAdvisories(input.advisories(entry.normalizedName, entry.version));
    if (advisories.length > 0) out.push({ entry, normalizedName: entry.normalizedName, advisories });
  }
  return out;
}

function decidePin(
  input: SecurityInput,
  file: ConstraintsFile,
  { entry, advisories }: PinAdvisories,
): { pin: VulnerablePin; branch?: PlannedBranch } {
  const base = {
    file: file.path,
    name: entry.name,
    normalizedName: entry.normalizedName,
    version: entry.version,
    advisories,
  };
  const fixable = advisories.filter(hasFix);
  if (fixable.length === 0) return { pin: { ...base, outcome: { kind: 'no-fix' } } };
  const project = input.lookup(file.path, entry.normalizedName);
  if (!project || project instanceof Error) {
    const reason = `the index could not be asked for its releases (${project?.message ?? 'not looked up'})`;
    return { pin: { ...base, outcome: { kind: 'blocked', reason } } };
  }
  const candidates = fixingReleases(input, entry, project, fixable);
  if (candidates.length === 0) {
    const reason = `no release that pingate may propose fixes ${fixable.map(fixText).join(' and ')}`;
    return { pin: { ...base, outcome: { kind: 'blocked', reason } } };
  }
  let firstBlock: string | undefined;
  for (const target of candidates.slice(0, MAX_TRIED)) {
    const branch = checked(input, candidateBranch(input, file, entry, project.projectUrls, target));
    if (branch.disposition.kind !== 'blocked') {
      const pin: VulnerablePin = {
        ...base,
        outcome: { kind: 'update', branch: branch.branch, to: target.release.version },
      };
      return { pin, branch: { ...branch, vulnerabilities: [pin] } };
    }
    firstBlock ??= `${entry.name} ${target.release.version}: ${branch.disposition.reason}`;
  }
  const reason = `every release that fixes it conflicts with the other pins (${firstBlock})`;
  return { pin: { ...base, outcome: { kind: 'blocked', reason } } };
}

function fixText(advisory: PinAdvisory): string {
  return `${advisory.id} (fixed in ${advisory.fixed.join(', ')})`;
}

/** Releases newer than the pin that §6.1 allows (age aside) and that fix every advisory naming a fix, smallest first. */
function fixingReleases(
  input: SecurityInput,
  entry: PinEntry,
  project: Exclude<LookupResult, Error>,
  fixable: PinAdvisory[],
): Target[] {
  const { config } = input;
  return eligibleReleases({
    current: entry.version,
    releases: project.releases,
    pythonVersions: config.pingate.pythonVersions,
    separateMajorMinor: config.separateMajorMinor,
    now: input.now,
    rulesFor: (type) => rulesFor(config, entry.normalizedName, type),
  })
    .filter((t) => entry.hashes.length === 0 || t.release.files.every((f) => f.sha256))
    .filter((t) => fixable.every((advisory) => fixes(advisory, t.release.version)))
    .sort((a, b) => compareVersions(a.release.version, b.release.version));
}

function candidateBranch(
  input: SecurityInput,
  file: ConstraintsFile,
  entry: PinEntry,
  projectUrls: Record<string, string>,
  target: Target,
): PlannedBranch {
  const { config } = input;
  const alerts = config.vulnerabilityAlerts;
  const update: PackageUpdate = {
    file: file.path,
    name: entry.name,
    normalizedName: entry.normalizedName,
    from: entry.version,
    to: target.release.version,
    updateType: target.updateType,
    releaseDate: target.release.uploadTime,
    sha256: entry.hashes.length > 0 ? digestsOf(target) : undefined,
    projectUrls,
  };
  const age = releaseAgeStatus(target.release.uploadTime, alerts.minimumReleaseAgeMs, input.now);
  return {
    branch: securityBranchName(config.branchPrefix, entry.normalizedName),
    title: securityTitle(entry.name, target.release.version),
    updates: [update],
    updateType: target.updateType,
    disposition: age.eligible
      ? { kind: 'open-mr' }
      : { kind: 'pending-age', ...(age.eligibleAt ? { eligibleAt: age.eligibleAt.toISOString() } : {}) },
    automerge: alerts.automerge,
    automergeSchedule: config.automergeSchedule,
    schedule: [],
    needsApproval: false,
    labels: alerts.labels,
    conflictSummary: 'not checked',
    assignees: alerts.assignees,
    reviewers: alerts.reviewers,
  };
}

/** The branch after the conflict check; a check that could not be made blocks it (fail closed). */
function checked(input: SecurityInput, branch: PlannedBranch): PlannedBranch {
  if (!input.config.pingate.checkConflicts) return branch;
  const result = checkBranchConflicts({ ...input, branches: [branch] });
  const found = result.branches.find((b) => b.branch === branch.branch);
  if (found) return found;
  const reason = result.errored.map((e) => e.reason).join('; ') || 'the conflict check could not be made';
  return { ...branch, disposition: { kind: 'blocked', reason: `not checked: ${reason}` } };
}

function digestsOf(target: Target): string[] | undefined {
  const digests = target.release.files.map((f) => f.sha256).filter((d): d is string => Boolean(d));
  return digests.length > 0 ? [...new Set(digests)].sort() : undefined;
}

/** The pins of one package (several files, or several pinned versions) share one security branch and MR. */
function joinBranch(
  config: RepoConfig,
  items: { pin: VulnerablePin; branch: PlannedBranch }[],
): PlannedBranch {
  if (items.length === 1) return items[0]!.branch;
  const updates = items.flatMap((item) => item.branch.updates);
  const highest = [...updates].sort((a, b) => compareVersions(b.to, a.to))[0]!;
  const waiting = items.map((i) => i.branch.disposition).find((d) => d.kind === 'pending-age');
  return {
    ...items[0]!.branch,
    title: securityTitle(highest.name, highest.to),
    updates,
    updateType: highestUpdateType(updates.map((u) => u.updateType)),
    disposition: waiting ?? { kind: 'open-mr' },
    conflictSummary: [...new Set(items.map((i) => i.branch.conflictSummary))].join('\n'),
    vulnerabilities: items.map((i) => i.pin),
    labels: config.vulnerabilityAlerts.labels,
  };
}

/**
 * Regular updates that a security update already covers (same file, package and pinned version, moving no further)
 * are left out: the security MR goes there first, and a later pass proposes what is newer.
 */
export function withoutSuperseded(chosen: ChosenUpdate[], security: PlannedBranch[]): ChosenUpdate[] {
  const reach = new Map<string, string>();
  for (const branch of security) {
    for (const u of branch.updates) reach.set(`${u.file}\0${u.normalizedName}\0${u.from}`, u.to);
  }
  return chosen.filter(({ update }) => {
    const to = reach.get(`${update.file}\0${update.normalizedName}\0${update.from}`);
    return to === undefined || compareVersions(update.to, to) > 0;
  });
}
