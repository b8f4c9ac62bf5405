import type { Diagnostic } from '../constraints/types.js';
import type { PageLink } from '../pypi/page-link.js';
import type { PinAdvisory } from './security-advisories.js';

export type { UpdateType } from '../versioning/pep440.js';

import type { UpdateType } from '../versioning/pep440.js';

/** One package moving from one version to another in one constraints file. */
export interface PackageUpdate {
  file: string;
  /** As the file spells it (first line of that package). */
  name: string;
  normalizedName: string;
  from: string;
  to: string;
  updateType: UpdateType;
  /** First upload time of the target release, ISO-8601. */
  releaseDate?: string;
  /** sha256 digests of the target release's files, when the pin carries hashes. */
  sha256?: string[];
  projectUrls: Record<string, string>;
  /** The target release's page on the index it was looked up on; absent: PyPI's. */
  page?: PageLink;
}

/** Why an update does not become an MR right now, or that it would. Ordered as the checks run. */
export type Disposition =
  | { kind: 'open-mr' }
  | { kind: 'blocked'; reason: string }
  /** No `eligibleAt`: the index gives no upload time, so the age cannot be known yet. */
  | { kind: 'pending-age'; eligibleAt?: string }
  | { kind: 'pending-approval' }
  | { kind: 'awaiting-schedule'; until?: string }
  | { kind: 'rate-limited'; limit: 'concurrent' | 'hourly' }
  | { kind: 'disabled' };

/** One branch, and so one MR: a single update, or a group moved together. */
export interface PlannedBranch {
  branch: string;
  /** `Update dependency NAME to vX` or `Update group NAME`. */
  title: string;
  groupName?: string;
  updates: PackageUpdate[];
  /** The highest update type among its updates. */
  updateType: UpdateType;
  /** Eligibility before platform state (ticks, limits, existing MRs) is applied. */
  disposition: Disposition;
  automerge: boolean;
  automergeSchedule: string[];
  /** When MRs of this branch may be created (after packageRules). */
  schedule: string[];
  /** `dependencyDashboardApproval` after packageRules. */
  needsApproval: boolean;
  labels: string[];
  /** Human sentence of the conflict-check outcome, for the MR description. */
  conflictSummary: string;
  /** Set on a security branch (SPEC §13): the vulnerable pins it moves, with their advisories. */
  vulnerabilities?: VulnerablePin[];
  /** Who is assigned / asked to review, when not the top-level `assignees`/`reviewers` (security MRs). */
  assignees?: string[];
  reviewers?: string[];
}

/** A pin whose current release has known advisories, and what pingate does about it. */
export interface VulnerablePin {
  file: string;
  name: string;
  normalizedName: string;
  version: string;
  advisories: PinAdvisory[];
  outcome:
    | { kind: 'update'; branch: string; to: string }
    | { kind: 'blocked'; reason: string }
    /** No advisory names a fixed release: listed, no MR. */
    | { kind: 'no-fix' };
}

/** A pin that could not be planned, with why. */
export interface ErroredPackage {
  file: string;
  name: string;
  normalizedName: string;
  version: string;
  reason: string;
}

export type RowStatus =
  | 'up-to-date'
  | 'update'
  | 'ignored'
  | 'not-pinned'
  | 'errored'
  | 'pending-age'
  | 'disabled';

/** One line of the `plan` table: a pin and what happens to it. */
export interface PlanRow {
  file: string;
  name: string;
  normalizedName: string;
  current: string;
  status: RowStatus;
  /** Branches this pin's updates went to (one, or two with separateMajorMinor). */
  branches: string[];
  detail?: string;
  /** Ids of the known advisories of the current release. */
  advisories?: string[];
}

export interface Plan {
  rows: PlanRow[];
  branches: PlannedBranch[];
  errored: ErroredPackage[];
  /** Unparseable lines and config problems, `FILE:LINE:COL: message`. */
  diagnostics: Diagnostic[];
  /** `PKG VERSION requires NAME (not pinned)`. */
  notPinned: string[];
  /** SPEC §12: per constraints file, the pins that would complete the freeze (absent: conflict check off). */
  freeze?: FileFreeze[];
  /** Pins with known advisories (SPEC §13); absent when vulnerability look-ups are off. */
  vulnerabilities?: VulnerablePin[];
  /** Sources of advisories that could not be asked, one line each. */
  vulnerabilityProblems?: string[];
}

/** The freeze of one file (SPEC §12): `name==version` lines to add, or why it cannot be completed. */
export interface FileFreeze {
  file: string;
  /** `requiredBy`: the releases of the pinned set whose requirements name it (`app 1.0 requires mid<2`). */
  pins: { name: string; version: string; requiredBy: string[] }[];
  /** Non-empty: the freeze is not offered for this file (a look-up failed, or no release satisfies). */
  problems: string[];
}
