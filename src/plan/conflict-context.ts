/**
 * What the conflict check holds per constraints file: the pins, the pin-to-pin index and the resolver's judge
 * (both built on first use: a file whose every verdict is remembered needs neither), the file's key in the
 * verdict memo (`verdict-memo.ts`), and the resolver's verdicts and freeze through that memo: kept ones while the
 * pages they read are unchanged (`page-watch.ts`), else made, and kept when every look-up had an answer.
 */
import type { ConstraintsFile, PinEntry } from '../constraints/types.js';
import { eligibleReleases } from '../policy/candidates.js';
import { type ConflictIndex, parseLineOnce, prepareConflictIndex } from '../policy/conflicts.js';
import { rulesFor } from '../policy/package-rules.js';
import { releaseAgeStatus } from '../policy/release-age.js';
import { createJudge, type Judge } from '../resolver/judge.js';
import type { ResolverMove, SetVerdict } from '../resolver/types.js';
import { compareVersions } from '../versioning/pep440.js';
import { parseRequirement, type Requirement } from '../versioning/requirement.js';
import type { BranchConflictInput } from './check-branch-conflicts.js';
import { type FreezeInput, reachesUnpinned } from './freeze.js';
import { freezeOfFile, freezeOfPins } from './freeze-plan.js';
import { pageWatcher } from './page-watch.js';
import { resolverSource } from './resolver-source.js';
import type { FileFreeze } from './types.js';
import { type FileFacts, fileKey, type KeptFile, releaseFact } from './verdict-memo.js';

export interface FileContext {
  file: ConstraintsFile;
  pins: PinEntry[];
  index: () => ConflictIndex;
  judge: () => Judge;
  /** What `computeFreeze` needs for this file. */
  freeze: FreezeInput;
  candidates: (normalizedName: string) => string[];
  /** The file's key in the verdict memo; absent without a memo. */
  memoKey?: string;
  /** What the pins alone decide (from the memo, or computed and then remembered when complete). */
  facts: () => FileFacts;
  /** The resolver's verdict on these moves; kept under `key` (an update's key) when one is given. */
  verdict: (moves: readonly ResolverMove[], key?: string) => SetVerdict;
  /** The file's freeze (SPEC §12), kept under the file's key. */
  frozen: () => FileFreeze;
}

/** `Requires-Dist` lines parsed, shared by every file's context; bounded for a long-running server. */
const parsedLines = new Map<string, Requirement | undefined>();
const MAX_PARSED_LINES = 200_000;

export function fileContext(input: BranchConflictInput, file: ConstraintsFile): FileContext {
  const pins = file.entries.filter((e): e is PinEntry => e.kind === 'pin');
  const { pythonVersions } = input.config.pingate;
  // The pin-to-pin check and the resolver read the same Requires-Dist lines, and so do the files of other projects
  // on the same packages: each is parsed once in the process.
  if (parsedLines.size > MAX_PARSED_LINES) parsedLines.clear();
  const lines = parsedLines;
  const index = once(() => prepareConflictIndex(pins, input.requiresDist, pythonVersions, lines));
  const watcher = pageWatcher((name) => input.lookup(file.path, name), input.metadata);
  const source = resolverSource(
    watcher.lookup,
    watcher.metadata,
    (lookup) => input.onMissing(file.path, lookup),
    (line) => parseLineOnce(lines, line),
  );
  // A pin whose own page could not be had is Errored already; holding every other update on it too would let one
  // flaky package stop the whole file, so the search leaves it out (README: what the check does not see).
  const judged = pins.filter((pin) => !(input.lookup(file.path, pin.normalizedName) instanceof Error));
  const constraints = rangeLines(file);
  const freeze: FreezeInput = { pins: judged, constraints, pythonVersions, source };
  const memoKey = input.memo ? keyOf(input, file, judged) : undefined;
  const facts = once((): FileFacts => {
    const known = memoKey ? input.memo?.file(memoKey) : undefined;
    if (known) return known;
    const computed = { notPinned: index().notPinned, closed: !reachesUnpinned(freeze) };
    // Remembered only when every pin's requirements were known: otherwise the next pass knows more.
    if (memoKey && index().unknown.length === 0) input.memo?.setFile(memoKey, computed);
    return computed;
  });
  const judge = once(() => createJudge(freeze));
  const memo = memoKey ? input.memo : undefined;
  // What earlier passes decided for this file, while every page it read is unchanged; then added to and kept again.
  const kept = once((): KeptFile => {
    const found = memoKey ? memo?.kept(memoKey) : undefined;
    if (!found || !watcher.holds(found.watch)) return { watch: { names: [], digest: '' }, verdicts: {} };
    watcher.adopt(found.watch);
    return found;
  });
  const keep = (change: (record: KeptFile) => void) => {
    const record = kept();
    const watch = watcher.watch();
    if (!memoKey || !watch) return;
    change(record);
    record.watch = watch;
    memo?.keep(memoKey, record);
  };
  const verdict = (moves: readonly ResolverMove[], key?: string): SetVerdict => {
    const known = key ? kept().verdicts[key] : undefined;
    if (known) return known;
    const made = judge().judge(moves);
    if (key && made.kind !== 'unknown') keep((record) => (record.verdicts[key] = made));
    return made;
  };
  const frozen = (): FileFreeze => {
    const known = kept().freeze;
    if (known?.problems.length) return { file: file.path, pins: [], problems: known.problems };
    if (known)
      return freezeOfPins(
        file.path,
        freeze,
        known.pins.map((p) => ({ normalizedName: p.name, version: p.version })),
      );
    const made = freezeOfFile(file.path, freeze, judge());
    const pins = made.pins.map(({ name, version }) => ({ name, version }));
    keep((record) => (record.freeze = { pins, problems: made.problems }));
    return made;
  };
  return {
    freeze,
    file,
    pins,
    index,
    judge,
    verdict,
    frozen,
    candidates: (name) => candidatesOf(input, file, pins, name),
    ...(memoKey ? { memoKey } : {}),
    facts,
  };
}

/** The releases a companion may move to: as an update would (SPEC §6.1, §2.3), newest first. */
function candidatesOf(
  input: BranchConflictInput,
  file: ConstraintsFile,
  pins: PinEntry[],
  normalizedName: string,
): string[] {
  const project = input.lookup(file.path, normalizedName);
  const pin = pins.find((p) => p.normalizedName === normalizedName);
  if (!project || project instanceof Error || !pin || pin.ignored) return [];
  return (
    eligibleReleases({
      current: pin.version,
      releases: project.releases,
      pythonVersions: input.config.pingate.pythonVersions,
      separateMajorMinor: input.config.separateMajorMinor,
      now: input.now,
      rulesFor: (type) => rulesFor(input.config, normalizedName, type),
    })
      // A companion is proposed like any update: not younger than minimumReleaseAge (SPEC §6.1), and for a
      // hashed pin only with a digest for every file (SPEC §2.3).
      .filter((t) => releaseAgeStatus(t.release.uploadTime, t.rules.minimumReleaseAgeMs, input.now).eligible)
      .filter((t) => pin.hashes.length === 0 || t.release.files.every((f) => f.sha256))
      .map((t) => t.release.version)
      .sort((a, b) => compareVersions(b, a))
  );
}

/** The file's key: its judged lines, range lines and Pythons, and what the index says of each pinned release. */
function keyOf(input: BranchConflictInput, file: ConstraintsFile, judged: PinEntry[]): string {
  const pinnedFacts = judged.map((pin) => {
    const project = input.lookup(file.path, pin.normalizedName);
    if (project === undefined || project instanceof Error) return 'unknown';
    return releaseFact(project.releases.find((r) => r.version === pin.version));
  });
  const constraints = file.entries.flatMap((entry) =>
    entry.kind === 'requirement' ? [`${entry.name}${entry.specifier};${entry.markerText ?? ''}`] : [],
  );
  return fileKey({
    pins: judged,
    constraints,
    pythonVersions: input.config.pingate.pythonVersions,
    pinnedFacts,
  });
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

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
