import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile, PinEntry } from '../constraints/types.js';
import { type BucketChoice, chooseTargets, supportsPythons, type Target } from '../policy/candidates.js';
import { isIgnoredPackage, rulesFor } from '../policy/package-rules.js';
import type { PageLink } from '../pypi/page-link.js';
import type { Project } from '../pypi/types.js';
import { pythonsOfLines } from '../resolver/pythons.js';
import type { MarkerExpression } from '../versioning/markers.js';
import type { UpdateType } from '../versioning/pep440.js';
import { choiceKey, recalled, remember } from './choice-memo.js';
import { disabledDetail, unlistedPinReason } from './pin-status.js';
import type { ErroredPackage, PackageUpdate, PlanRow } from './types.js';
import type { VerdictMemo } from './verdict-memo.js';

/** What the index said about a package: its project, or why there is none. */
export type LookupResult = Project | Error;

/** An update that has chosen its target, before branches are formed. */
export interface ChosenUpdate {
  update: PackageUpdate;
  target: Target;
  /** Set when every candidate is younger than minimumReleaseAge. */
  pending?: { eligibleAt?: string };
}

export interface CollectInput {
  config: RepoConfig;
  file: ConstraintsFile;
  lookup: (normalizedName: string) => LookupResult | undefined;
  now: Date;
  /** A release's page on the file's index; absent: PyPI's. */
  projectPage?: (normalizedName: string, version: string) => PageLink | undefined;
  /** Targets chosen in earlier passes from the same page revisions (`choice-memo.ts`). */
  memo?: VerdictMemo;
}

export interface Collected {
  rows: PlanRow[];
  chosen: ChosenUpdate[];
  errored: ErroredPackage[];
}

/**
 * For each package version pinned in one file, pick its targets (SPEC §6.1). Lines of the same package with
 * the same version move together; each other line form becomes a row of its own.
 */
export function collectUpdates(input: CollectInput): Collected {
  const out: Collected = { rows: [], chosen: [], errored: [] };
  const { file } = input;
  // Rows in file order: a group of pins where its first line is.
  const groupAt = new Map<PinEntry, PinEntry[]>();
  for (const group of groupPins(file.entries.filter((e): e is PinEntry => e.kind === 'pin'))) {
    groupAt.set(group[0]!, group);
  }
  for (const entry of file.entries) {
    if (entry.kind === 'requirement') {
      out.rows.push(row(file.path, entry.name, entry.normalizedName, entry.specifier || '*', 'not-pinned'));
    }
    const pins = entry.kind === 'pin' ? groupAt.get(entry) : undefined;
    if (pins) collectPin(input, pins, out);
  }
  return out;
}

function collectPin(input: CollectInput, pins: PinEntry[], out: Collected): void {
  const first = pins[0]!;
  const base = row(input.file.path, first.name, first.normalizedName, first.version, 'up-to-date');
  if (pins.every((pin) => pin.ignored)) {
    out.rows.push({ ...base, status: 'ignored', detail: 'ignore comment on the line' });
    return;
  }
  if (isIgnoredPackage(input.config, first.normalizedName)) {
    out.rows.push({ ...base, status: 'disabled', detail: 'in ignoreDeps' });
    return;
  }
  const project = input.lookup(first.normalizedName);
  if (!project || project instanceof Error) {
    const reason = project?.message ?? 'not looked up';
    out.rows.push({ ...base, status: 'errored', detail: reason });
    out.errored.push({ ...identity(input.file.path, first), reason });
    return;
  }
  const unlisted = unlistedPinReason(project, first);
  if (unlisted) {
    out.rows.push({ ...base, status: 'errored', detail: unlisted });
    out.errored.push({ ...identity(input.file.path, first), reason: unlisted });
    return;
  }
  const markers = pins.map((pin) => pin.marker);
  const choices = choicesFor(
    input.config,
    first.normalizedName,
    first.version,
    project,
    input.now,
    markers,
    input.file.path,
    input.memo,
  );
  if (choices.length === 0) {
    const disabled = disabledDetail(input.config, first.normalizedName, first.version, project, input.now);
    out.rows.push(disabled ? { ...base, status: 'disabled', detail: disabled } : base);
    return;
  }
  const hashed = pins.some((pin) => pin.hashes.length > 0);
  let planned = false;
  for (const choice of choices) {
    const target = targetOf(choice);
    const sha256 = hashed ? digestsOf(target) : undefined;
    if (hashed && !sha256) {
      const reason = `the index lists no sha256 digests for ${first.name} ${target.release.version}`;
      out.rows.push({ ...base, status: 'errored', detail: reason });
      out.errored.push({ ...identity(input.file.path, first), reason });
      continue;
    }
    const update: PackageUpdate = {
      file: input.file.path,
      name: first.name,
      normalizedName: first.normalizedName,
      from: first.version,
      to: target.release.version,
      updateType: target.updateType,
      releaseDate: target.release.uploadTime,
      sha256,
      projectUrls: project.projectUrls,
    };
    const page = input.projectPage?.(first.normalizedName, target.release.version);
    if (page) update.page = page;
    const pending = choice.kind === 'pending' ? { eligibleAt: choice.eligibleAt?.toISOString() } : undefined;
    out.chosen.push({ update, target, ...(pending ? { pending } : {}) });
    planned = true;
  }
  // A pin whose every target errored has its errored rows only: no update row without a branch.
  if (planned) out.rows.push({ ...base, status: 'update' });
}

/**
 * The targets SPEC §6.1 gives a pin of `current` (one per bucket), ready or pending. Remembered per config and
 * project object (both immutable once read): a pass asks once while fetching, to know which requirements to
 * prefetch, and again while planning.
 */
export function choicesFor(
  config: RepoConfig,
  normalizedName: string,
  current: string,
  project: Project,
  now: Date,
  markers: readonly (MarkerExpression | undefined)[] = [undefined],
  file?: string,
  memo?: VerdictMemo,
): BucketChoice[] {
  const byProject = remembered.get(config) ?? new WeakMap<Project, Map<string, BucketChoice[]>>();
  remembered.set(config, byProject);
  const byPin = byProject.get(project) ?? new Map<string, BucketChoice[]>();
  byProject.set(project, byPin);
  const pythons = linePythons(config.pingate.pythonVersions, markers);
  const key = `${normalizedName}\0${current}\0${now.getTime()}\0${pythons.every.join(',')}\0${pythons.some.join(',')}\0${file ?? ''}`;
  let choices = byPin.get(key);
  if (!choices) {
    const rules = (updateType: UpdateType) =>
      rulesFor(config, normalizedName, updateType, { file, currentVersion: current });
    const memoKey = memo
      ? choiceKey({ config, project, normalizedName, current, pythons, file, rulesFor: rules })
      : undefined;
    choices = memo && memoKey ? recalled(memo, memoKey, project, rules) : undefined;
    if (!choices) {
      choices = chooseTargets({
        current,
        // Unconfigured, a line under a marker moves only to a release that installs on some Python its marker admits.
        releases:
          pythons.some.length > 0
            ? project.releases.filter((r) =>
                pythons.some.some((py) => supportsPythons(r.requiresPython, [py])),
              )
            : project.releases,
        pythonVersions: pythons.every,
        separateMajorMinor: config.separateMajorMinor,
        separateMinorPatch: config.separateMinorPatch,
        now,
        rulesFor: rules,
      });
      if (memo && memoKey) remember(memo, memoKey, choices);
    }
    byPin.set(key, choices);
  }
  return choices;
}

/**
 * SPEC §2 and §6.2: each line moves within what its own marker admits. Configured `pythonVersions`: the release must
 * install on every configured Python the lines' markers admit (`every`). None configured: a line under a marker needs a
 * release that installs on one of the default Pythons its marker admits (`some`); an unmarked line is not filtered.
 */
function linePythons(
  configured: string[],
  markers: readonly (MarkerExpression | undefined)[],
): { every: string[]; some: string[] } {
  const marked = markers.every((marker) => marker !== undefined);
  if (!marked) return { every: configured, some: [] };
  const admitted = pythonsOfLines(markers, configured);
  if (configured.length > 0) return { every: admitted.length > 0 ? admitted : configured, some: [] };
  return { every: [], some: admitted };
}

const remembered = new WeakMap<RepoConfig, WeakMap<Project, Map<string, BucketChoice[]>>>();

/** The release a choice moves to: its target, or the newest of a pending one. */
export function targetOf(choice: BucketChoice): Target {
  return choice.kind === 'target' ? choice.target : choice.newest;
}

function digestsOf(target: Target): string[] | undefined {
  const digests = target.release.files.map((f) => f.sha256);
  if (digests.length === 0 || digests.some((d) => !d)) return undefined;
  return [...new Set(digests as string[])].sort();
}

/** Pins of the same package and version, in file order. */
function groupPins(pins: PinEntry[]): PinEntry[][] {
  const groups = new Map<string, PinEntry[]>();
  for (const pin of pins) {
    const key = `${pin.normalizedName}\0${pin.version}`;
    groups.set(key, [...(groups.get(key) ?? []), pin]);
  }
  return [...groups.values()];
}

function row(
  file: string,
  name: string,
  normalizedName: string,
  current: string,
  status: PlanRow['status'],
): PlanRow {
  return { file, name, normalizedName, current, status, branches: [] };
}

function identity(file: string, pin: PinEntry): Omit<ErroredPackage, 'reason'> {
  return { file, name: pin.name, normalizedName: pin.normalizedName, version: pin.version };
}
