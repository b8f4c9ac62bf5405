/**
 * What the Dependency Dashboard shows (SPEC §7), independent of the rest of pingate: the pass maps its plan onto this,
 * `renderDashboard` turns it into the issue body. Every string is plain text; the renderer does the markdown escaping.
 */

/** One update (or group) with a branch. Titles arrive formatted: `Update dependency NAME to vVERSION`. */
export interface DashboardUpdate {
  branch: string;
  title: string;
  /** Shown in parentheses after the title, e.g. `until 2026-11-28 00:00 Europe/Prague`. */
  detail?: string;
  /** Shown after a colon, e.g. why a look-up failed. */
  reason?: string;
}

/** An update in Errored: without a branch (a failed look-up) it has no box, as there is nothing to retry by name. */
export interface ErroredUpdate {
  branch?: string;
  title: string;
  detail?: string;
  reason: string;
}

export interface BlockedUpdate {
  title: string;
  /** e.g. `botocore 1.35.0 needs urllib3>=1.25.4,<2.1 but constraints.txt pins urllib3==2.2.1` */
  reason: string;
}

/** An open bot MR. */
export interface OpenItem {
  branch: string;
  iid: number;
  title: string;
  /** e.g. `pipeline running`, `installation tests failed: pytest`; empty for nothing to say. */
  gateState: string;
}

/** A merged constraints change whose default-branch pipeline passed (SPEC §9). */
export interface KnownGood {
  /** Full commit SHA. */
  sha: string;
  /** ISO-8601 instant, shown as given so it reads back unchanged. */
  date: string;
  mrIid: number;
}

export interface DetectedFile {
  file: string;
  lines: string[];
}

export interface Freshness {
  upToDate: number;
  minorBehind: number;
  majorBehind: number;
  blocked: number;
}

/** A pinned release with known advisories (SPEC §13), and what pingate does about it. */
export interface VulnerabilityItem {
  /** e.g. `django 3.1.0 (constraints.txt)`. */
  pin: string;
  /** One line per advisory: `PYSEC-2021-9 (CVE-2021-3281): summary; affected <3.1.6; fixed in 3.1.6`. */
  advisories: string[];
  /** e.g. `security MR !12: pipeline running`, `blocked: …`, `no fixed release yet: no MR`. */
  action: string;
}

export interface DashboardModel {
  /** Rendered as a `#` heading: for previews (`plan --dashboard`); leave unset for the issue, which has its own title. */
  title?: string;
  /** `dependencyDashboardHeader`: markdown placed after the title, before pingate's introduction. */
  header?: string;
  /** `dependencyDashboardFooter`: markdown placed last. */
  footer?: string;
  /** Config errors, `FILE:LINE:COL: message` diagnostics, not-pinned requirements. */
  problems: string[];
  /**
   * SPEC §12: how many pins the freeze MR would add; with one or more, `## Problems` ends with the box
   * `<!-- pin-unpinned -->Pin N requirements that no line pins`. Absent or 0: no box.
   */
  pinUnpinned?: number;
  /** Shown first of all sections. */
  vulnerabilities: VulnerabilityItem[];
  pendingApproval: DashboardUpdate[];
  awaitingSchedule: DashboardUpdate[];
  rateLimited: DashboardUpdate[];
  blocked: BlockedUpdate[];
  errored: ErroredUpdate[];
  open: OpenItem[];
  closed: DashboardUpdate[];
  /** Newest first; the renderer keeps the newest 5 (see `recordKnownGood`). */
  knownGood: KnownGood[];
  detected: DetectedFile[];
  freshness: Freshness;
}

/** A model with nothing in it, to spread over in callers and tests. */
export function emptyDashboardModel(): DashboardModel {
  return {
    problems: [],
    vulnerabilities: [],
    pendingApproval: [],
    awaitingSchedule: [],
    rateLimited: [],
    blocked: [],
    errored: [],
    open: [],
    closed: [],
    knownGood: [],
    detected: [],
    freshness: { upToDate: 0, minorBehind: 0, majorBehind: 0, blocked: 0 },
  };
}
