import type { MarkerExpression } from '../versioning/markers.js';

/** One pin line of a constraints file; a `PinEntry` fits. */
export interface ConflictPin {
  normalizedName: string;
  /** As written in the file; used in messages. */
  name: string;
  version: string;
  extras: string[];
  marker?: MarkerExpression;
}

/**
 * Move the lines of `normalizedName` to `to`. With `from`, only the lines pinned at `from` move (SPEC §2: an
 * update moves every line of the package that has the same current version); without it, every line moves.
 */
export interface PinMove {
  normalizedName: string;
  to: string;
  from?: string;
}

/** Pre-fetched `Requires-Dist` of one release; `undefined` means it is not known. */
export type RequiresDistLookup = (normalizedName: string, version: string) => string[] | undefined;

export interface ConflictInput {
  /** Every pin of the constraints file, as it is now. */
  pins: readonly ConflictPin[];
  /** One update, or a group moved together. */
  updates: readonly PinMove[];
  requiresDist: RequiresDistLookup;
  /** `pingate.pythonVersions`; `[]` checks one environment, CPython `DEFAULT_PYTHON_VERSION` on Linux. */
  pythonVersions: readonly string[];
  /** Newer versions of a pin, newest first, already filtered by policy; searched for companions. */
  candidates: (normalizedName: string) => readonly string[];
  /** Constraints file name, for messages. */
  file: string;
}

/** Why an update is blocked: one requirement that the moved set does not satisfy. */
export interface ConflictReason {
  /** forward: a moved release's requirement; reverse: a staying pin's requirement on a moved package. */
  direction: 'forward' | 'reverse';
  /** The package whose release states the requirement (normal form) and that release's version. */
  requiredBy: string;
  requiredByVersion: string;
  /** The package the requirement names (normal form) and the version the set would hold. */
  target: string;
  targetVersion: string;
  /** The requirement as the metadata wrote it, without its marker. */
  requirement: string;
  /** Python versions where it fails; `[]` when no `pythonVersions` were configured. */
  pythonVersions: string[];
  /** e.g. `botocore 1.35.0 needs urllib3>=1.25.4,<2.1 but constraints.txt pins urllib3==2.2.1 on Python 3.9` */
  message: string;
}

export interface NotPinned {
  /** Name of the requiring package, as its pin is written. */
  requiredBy: string;
  /** The requirement as the metadata wrote it, without its marker. */
  requirement: string;
}

export interface ConflictResult {
  blocked: ConflictReason[];
  /** Other pins that must move with the update so that both are satisfied; meaningful when nothing is blocked. */
  companions: Required<PinMove>[];
  /** Requirements of the moved releases whose target no active line pins. */
  notPinned: NotPinned[];
  /** Releases (`name version`) whose metadata was missing or unreadable, so they could not be checked. */
  unknown: string[];
}
