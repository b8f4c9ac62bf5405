import { evaluateMarker, linuxCPythonEnvironment, type MarkerEnvironment } from '../versioning/markers.js';
import { isValidSpecifier, isValidVersion, satisfiesSpecifier } from '../versioning/pep440.js';
import { parseRequirement, type Requirement } from '../versioning/requirement.js';
import type { ConflictPin, NotPinned, RequiresDistLookup } from './conflict-types.js';

/** Checked when `pythonVersions` is empty: one current CPython, so markers still get a definite answer. */
export const DEFAULT_PYTHON_VERSION = '3.12';

export type { Requirement };

export interface ConflictEnvironment {
  pythonVersion: string;
  environment: MarkerEnvironment;
}

/** A requirement of a pin's current release, stored under the package it names. */
export interface DependentEdge {
  /** Index into `ConflictIndex.pins` of the requiring line. */
  pin: number;
  requirement: Requirement;
}

/** Requirements of one release; `unreadable` lists lines that did not parse. */
export interface ReleaseRequirements {
  requirements: Requirement[];
  unreadable: string[];
}

/**
 * What every check of one constraints file shares: build it once per file and pass it to each `checkUpdate`
 * call, so a check costs the moved packages' requirements and their dependents, not the whole file.
 */
export interface ConflictIndex {
  pins: readonly ConflictPin[];
  requiresDist: RequiresDistLookup;
  environments: ConflictEnvironment[];
  /** False when `pythonVersions` was empty: messages then name no Python version. */
  explicitPythonVersions: boolean;
  /** Pin indexes by normal name. */
  linesByName: Map<string, number[]>;
  /** `activeIn[pin][env]`: the line's own marker holds in that environment. */
  activeIn: boolean[][];
  /** Requirements of the pins' current releases, by the normal name they require. */
  dependents: Map<string, DependentEdge[]>;
  /** Pins (`name version`) whose current release's metadata is missing: their reverse checks cannot run. */
  unknown: string[];
  /** Requirements of the current releases that no active line pins (the file is not a complete freeze). */
  notPinned: NotPinned[];
  /** Parsed `Requires-Dist` by `name\0version`; filled as releases are asked for. */
  releaseCache: Map<string, ReleaseRequirements | undefined>;
  /**
   * Answers by marker text, environment and extras, and by specifier and version: PEP 440 parsing dominates the
   * cost of a check, and the same few markers (`python_version < "3.10"`) recur across a whole file.
   */
  markerMemo: Map<string, boolean>;
  specifierMemo: Map<string, boolean | undefined>;
  /** Parsed requirement lines (undefined: unreadable), shared by the releases that repeat them. */
  lineMemo: Map<string, Requirement | undefined>;
}

export function prepareConflictIndex(
  pins: readonly ConflictPin[],
  requiresDist: RequiresDistLookup,
  pythonVersions: readonly string[],
  /** Parsed requirement lines to share with another reader of the same metadata (the resolver). */
  lineMemo: Map<string, Requirement | undefined> = new Map(),
): ConflictIndex {
  const versions = pythonVersions.length > 0 ? pythonVersions : [DEFAULT_PYTHON_VERSION];
  const environments = versions.map((pythonVersion) => ({
    pythonVersion,
    environment: linuxCPythonEnvironment(pythonVersion),
  }));
  const index: ConflictIndex = {
    pins,
    requiresDist,
    environments,
    explicitPythonVersions: pythonVersions.length > 0,
    linesByName: new Map(),
    activeIn: pins.map((pin) =>
      environments.map(({ environment }) => (pin.marker ? evaluateMarker(pin.marker, environment) : true)),
    ),
    dependents: new Map(),
    unknown: [],
    notPinned: [],
    releaseCache: new Map(),
    markerMemo: new Map(),
    specifierMemo: new Map(),
    lineMemo,
  };
  pins.forEach((pin, i) => {
    pushTo(index.linesByName, pin.normalizedName, i);
  });
  const listed = new Set<string>();
  pins.forEach((pin, i) => {
    for (const item of indexCurrentRelease(index, pin, i)) {
      const key = `${item.requiredBy}\0${item.requirement}`;
      if (!listed.has(key)) index.notPinned.push(item);
      listed.add(key);
    }
  });
  return index;
}

/** Records who the line's current release requires; returns its requirements that no line pins. */
function indexCurrentRelease(index: ConflictIndex, pin: ConflictPin, i: number): NotPinned[] {
  const release = releaseRequirements(index, pin.normalizedName, pin.version);
  if (!release) {
    addOnce(index.unknown, `${pin.normalizedName} ${pin.version}`);
    return [];
  }
  const notPinned: NotPinned[] = [];
  for (const requirement of release.requirements) {
    pushTo(index.dependents, requirement.normalizedName, { pin: i, requirement });
    const applies = index.environments.some(
      (_, env) => index.activeIn[i]?.[env] && requirementApplies(index, requirement, env, pin.extras),
    );
    if (applies && !isPinnedWhereItApplies(index, requirement, pin.extras)) {
      notPinned.push({ requiredBy: pin.name, requirement: requirementText(requirement) });
    }
  }
  return notPinned;
}

/** True when, in every environment where the requirement applies, some line of its target is active. */
function isPinnedWhereItApplies(
  index: ConflictIndex,
  requirement: Requirement,
  extras: readonly string[],
): boolean {
  return index.environments.every(
    (_, env) =>
      !requirementApplies(index, requirement, env, extras) ||
      activeLines(index, requirement.normalizedName, env).length > 0,
  );
}

/** The parsed `Requires-Dist` of a release, memoised; `undefined` when the metadata is not known. */
export function releaseRequirements(
  index: ConflictIndex,
  normalizedName: string,
  version: string,
): ReleaseRequirements | undefined {
  const key = `${normalizedName}\0${version}`;
  if (index.releaseCache.has(key)) return index.releaseCache.get(key);
  const lines = index.requiresDist(normalizedName, version);
  const parsed = lines === undefined ? undefined : parseLines(index, lines);
  index.releaseCache.set(key, parsed);
  return parsed;
}

function parseLines(index: ConflictIndex, lines: readonly string[]): ReleaseRequirements {
  const result: ReleaseRequirements = { requirements: [], unreadable: [] };
  for (const line of lines) {
    const requirement = parseLine(index, line);
    // Upstream metadata is not ours to reject; the caller lists the release as not fully checked.
    if (requirement) result.requirements.push(requirement);
    else result.unreadable.push(line);
  }
  return result;
}

/** One `Requires-Dist` line, parsed once per index: a project's releases mostly repeat the same lines. */
function parseLine(index: ConflictIndex, line: string): Requirement | undefined {
  return parseLineOnce(index.lineMemo, line);
}

/** One `Requires-Dist` line through a memo of parsed lines; undefined when it does not parse. */
export function parseLineOnce(
  memo: Map<string, Requirement | undefined>,
  line: string,
): Requirement | undefined {
  if (memo.has(line)) return memo.get(line);
  let requirement: Requirement | undefined;
  try {
    requirement = parseRequirement(line);
  } catch {
    requirement = undefined;
  }
  memo.set(line, requirement);
  return requirement;
}

/** Whether a requirement's marker holds in an environment, with only the given extras requested. */
export function requirementApplies(
  index: ConflictIndex,
  requirement: Requirement,
  env: number,
  extras: readonly string[],
): boolean {
  if (!requirement.marker) return true;
  const key = `${requirement.markerText}\0${env}\0${extras.join(',')}`;
  let applies = index.markerMemo.get(key);
  if (applies === undefined) {
    const environment = index.environments[env]?.environment;
    applies = environment !== undefined && evaluateMarker(requirement.marker, environment, [...extras]);
    index.markerMemo.set(key, applies);
  }
  return applies;
}

/**
 * Whether `version` meets the requirement; `undefined` when that cannot be told (an unreadable specifier).
 * Direct references and arbitrary (`===`) versions that are not PEP 440 cannot be compared: they pass.
 */
export function accepts(
  index: ConflictIndex,
  requirement: Requirement,
  version: string,
): boolean | undefined {
  if (requirement.url || requirement.specifier === '') return true;
  const key = `${requirement.specifier}\0${version}`;
  if (index.specifierMemo.has(key)) return index.specifierMemo.get(key);
  const answer = !isValidVersion(version)
    ? true
    : isValidSpecifier(requirement.specifier)
      ? satisfiesSpecifier(version, requirement.specifier)
      : undefined;
  index.specifierMemo.set(key, answer);
  return answer;
}

/** Indexes of the lines of a package whose own marker holds in an environment. */
export function activeLines(index: ConflictIndex, normalizedName: string, env: number): number[] {
  return (index.linesByName.get(normalizedName) ?? []).filter((i) => index.activeIn[i]?.[env] === true);
}

/**
 * `urllib3<2.1,>=1.25.4`: name, extras and clauses in the metadata's spelling and order; whitespace and the
 * parentheses of the old `name (>=1.0)` form dropped (that is how `parseRequirement` joins the clauses).
 */
export function requirementText(requirement: Requirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const target = requirement.url ? ` @ ${requirement.url}` : requirement.specifier;
  return `${requirement.name}${extras}${target}`;
}

/** Adds an item unless the same requirement of the same package is listed; lists stay short per release. */
export function addNotPinned(list: NotPinned[], item: NotPinned): void {
  if (!list.some((x) => x.requiredBy === item.requiredBy && x.requirement === item.requirement)) {
    list.push(item);
  }
}

export function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
