/**
 * The neutral model of a security advisory, whichever source told of it (OSV or PyPI's JSON API). The planner
 * merges advisories of one pin by id and aliases and decides from their ranges which releases fix them.
 */

/** One OSV `ECOSYSTEM` range as events: a release is affected from an `introduced` up to a `fixed` (exclusive) or `last_affected` (inclusive). */
export interface AdvisoryRange {
  events: AdvisoryEvent[];
}

export type AdvisoryEvent =
  | { introduced: string }
  | { fixed: string }
  | { last_affected: string }
  | { limit: string };

export type AdvisorySource = 'osv' | 'pypi';

export interface Advisory {
  id: string;
  /** Other ids of the same advisory (CVE, GHSA, PYSEC). */
  aliases: string[];
  summary?: string;
  details?: string;
  /** A page about it. */
  link?: string;
  source: AdvisorySource;
  /** The ranges of the pinned package the advisory affects (PyPI's `fixed_in` is read as ranges too). */
  ranges: AdvisoryRange[];
  /** Releases listed as affected one by one (OSV `affected[].versions`). */
  versions: string[];
  /** Versions that the advisory names as fixing it, in the order it gives them. */
  fixed: string[];
  /** Withdrawn advisories are dropped by the planner. */
  withdrawn: boolean;
}

/** What the pass learnt about the advisories of its pins: by `name@version`, and what could not be asked. */
export interface VulnerabilityReport {
  /** Advisories of each pinned release, by `normalizedName@version`; a pin with none is absent. */
  byPin: Map<string, Advisory[]>;
  /** One line per source that could not be asked (the pass goes on without it). */
  problems: string[];
}

export function pinKey(normalizedName: string, version: string): string {
  return `${normalizedName}@${version}`;
}
