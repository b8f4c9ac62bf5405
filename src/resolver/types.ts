import type { MarkerEnvironment, MarkerExpression } from '../versioning/markers.js';
import type { Requirement } from '../versioning/requirement.js';

export type { Requirement };

/** What a look-up gave: the value, the error it failed with, or `undefined` when it has not been made yet. */
export type Fetched<T> = T | Error | undefined;

/** One release of a package, as far as choosing it goes. */
export interface ResolverRelease {
  version: string;
  requiresPython?: string;
  yanked: boolean;
}

/** Where the search reads the index's answers. Pure: it only reads what was fetched before. */
export interface ResolverSource {
  releases(normalizedName: string): Fetched<readonly ResolverRelease[]>;
  /** Parsed `Requires-Dist` of one release (lines that do not parse are left out by the adapter). */
  requirements(normalizedName: string, version: string): Fetched<readonly Requirement[]>;
}

/** One line of the constraints file that pins a package (`name==1.0 ; marker`). */
export interface ResolverPin {
  normalizedName: string;
  /** As written, for messages. */
  name: string;
  version: string;
  extras: readonly string[];
  marker?: MarkerExpression;
}

/** A range line (`pkg>=1,<2`): a constraint on a package no line pins, applied only when it is installed. */
export interface ResolverConstraint {
  requirement: Requirement;
}

/** A move of the lines of one package; with `from`, only the lines pinned at `from` move. */
export interface ResolverMove {
  normalizedName: string;
  to: string;
  from?: string;
}

/** A metadata look-up the decision needs: a project's release list, or one release's requirements. */
export interface MissingLookup {
  normalizedName: string;
  /** Absent: the release list (project page) is missing. */
  version?: string;
  /** Present when the look-up was made and failed. */
  error?: string;
}

/** One target environment: a CPython version on Linux. */
export interface TargetPython {
  pythonVersion: string;
  environment: MarkerEnvironment;
}

/** The verdict for one environment. */
export type EnvVerdict =
  /**
   * `chosen`: the releases taken for packages no line pins; `askedExtras`: a package asked extras of a pin;
   * `anyExtras`: some release is installed with an extra (a line's own, or one asked for).
   */
  | { kind: 'installable'; chosen: ReadonlyMap<string, string>; askedExtras: boolean; anyExtras?: boolean }
  | { kind: 'conflict'; reason: string }
  | { kind: 'unknown'; missing: MissingLookup[] }
  | { kind: 'bound'; steps: number };

/** The verdict for a set of updates, over every target Python it is judged on. */
export type SetVerdict =
  /** `pinsOnly`: settled on every Python by the pins alone, with no package that no line pins and no extra. */
  | { kind: 'installable'; pythonVersions: string[]; pinsOnly: boolean }
  | { kind: 'conflict'; reasons: string[] }
  | { kind: 'unknown'; missing: MissingLookup[] }
  | { kind: 'bound'; reason: string };
