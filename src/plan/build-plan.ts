import type { RepoConfig } from '../config/schema.js';
import type { ConstraintsFile, Diagnostic } from '../constraints/types.js';
import type { VulnerabilityReport } from '../osv/types.js';
import { pinKey } from '../osv/types.js';
import type { PageLink } from '../pypi/page-link.js';
import { assembleBranches } from './assemble-branches.js';
import { type BranchConflictInput, checkBranchConflicts } from './check-branch-conflicts.js';
import { type Collected, collectUpdates, type LookupResult } from './collect-updates.js';
import { decideDispositions } from './dispositions.js';
import { planSecurity, type SecurityPlan, withoutSuperseded } from './security.js';
import type { FileFreeze, Plan, PlannedBranch, PlanRow } from './types.js';
import type { VerdictMemo } from './verdict-memo.js';

export interface PlanInput {
  config: RepoConfig;
  /** The served constraints files, parsed. */
  files: ConstraintsFile[];
  /** The index's answer for a package of a file (each file may name its own index). */
  lookup: (file: string, normalizedName: string) => LookupResult | undefined;
  /** Requires-Dist of one release when it has been fetched; the error when its look-up failed. */
  requiresDist: (normalizedName: string, version: string) => string[] | Error | undefined;
  now: Date;
  /** A release's page on the index a file's packages are looked up on (links in MRs); absent: PyPI's. */
  projectPage?: (file: string, normalizedName: string, version: string) => PageLink | undefined;
  /** Config problems found while loading, shown with the plan. */
  diagnostics: Diagnostic[];
  /** Advisories of the pinned releases (SPEC §13); absent: vulnerability look-ups are off. */
  vulnerabilities?: VulnerabilityReport;
  /**
   * Compute the freeze (SPEC §12, a solve per target Python per file): `true` always (`pingate plan`, or a bot pass
   * with the freeze MR open); `'when-incomplete'` only when some file's pins reach a package no line pins (a bot
   * pass, for the dashboard's box), so that a complete freeze costs a pass nothing.
   */
  freeze?: boolean | 'when-incomplete';
  /** Verdicts of earlier passes that the pins alone decided; absent: the conflict check makes every verdict. */
  verdicts?: VerdictMemo;
}

export interface PlanOutput extends Plan {
  /** Releases whose metadata the conflict check wanted but did not have: fetch them and plan again. */
  missingMetadata: { normalizedName: string; version: string }[];
  /** Projects no line pins whose release lists the conflict check wanted (by the file that needs them). */
  missingProjects?: { file: string; normalizedName: string }[];
}

/**
 * The desired state of one repository, from its files, the index's answers, its config and the time (pure).
 * MR limits are not applied here: they depend on GitLab's state (`applyLimits`).
 */
export function buildPlan(input: PlanInput): PlanOutput {
  const { config } = input;
  const collected = input.files.map((file) =>
    collectUpdates({
      config,
      file,
      lookup: (name) => input.lookup(file.path, name),
      now: input.now,
      ...(input.verdicts ? { memo: input.verdicts } : {}),
      ...(input.projectPage
        ? { projectPage: (name: string, version: string) => input.projectPage?.(file.path, name, version) }
        : {}),
    }),
  );
  const merged: Collected = {
    rows: collected.flatMap((c) => c.rows),
    chosen: collected.flatMap((c) => c.chosen),
    errored: collected.flatMap((c) => c.errored),
  };
  const missing = new Map<string, { normalizedName: string; version: string }>();
  const missingProjects = new Map<string, { file: string; normalizedName: string }>();
  const metadata = (normalizedName: string, version: string) => {
    const found = input.requiresDist(normalizedName, version);
    if (!found) missing.set(`${normalizedName}@${version}`, { normalizedName, version });
    return found;
  };
  const requiresDist = (normalizedName: string, version: string) => {
    const found = metadata(normalizedName, version);
    return found instanceof Error ? undefined : found;
  };
  const onMissing: BranchConflictInput['onMissing'] = (file, lookup) => {
    if (lookup.version === undefined) {
      missingProjects.set(`${file}\0${lookup.normalizedName}`, {
        file,
        normalizedName: lookup.normalizedName,
      });
    }
  };
  const security = securityOf(input, { requiresDist, metadata, onMissing });
  let branches = assembleBranches(withoutSuperseded(merged.chosen, security.branches), config);
  let notPinned: string[] = [];
  let freeze: FileFreeze[] | undefined;
  if (config.pingate.checkConflicts) {
    const checked = checkBranchConflicts({
      ...input,
      branches,
      requiresDist,
      metadata,
      onMissing,
      ...(input.verdicts ? { memo: input.verdicts } : {}),
    });
    branches = checked.branches;
    notPinned = checked.notPinned;
    if (input.freeze === true || (input.freeze === 'when-incomplete' && checked.incomplete)) {
      freeze = checked.freeze();
    }
    merged.errored.push(...checked.errored);
    merged.rows = heldRows(merged.rows, checked.errored);
  }
  // Security branches come first (SPEC §13) and keep their own dispositions: no schedule, no approval.
  branches = [...security.branches, ...decideDispositions(branches, config.timezone, input.now)];
  return {
    rows: markVulnerable(linkRows(merged.rows, branches), security),
    branches,
    errored: merged.errored,
    diagnostics: [...input.diagnostics, ...input.files.flatMap((f) => f.diagnostics)],
    notPinned,
    ...(freeze ? { freeze } : {}),
    missingMetadata: [...missing.values()],
    missingProjects: [...missingProjects.values()],
    ...(input.vulnerabilities
      ? { vulnerabilities: security.vulnerable, vulnerabilityProblems: input.vulnerabilities.problems }
      : {}),
  };
}

/** A pin whose every update is held by the conflict check reads as errored, with the reason. */
function heldRows(
  rows: PlanRow[],
  errored: readonly { file: string; normalizedName: string; version: string; reason: string }[],
): PlanRow[] {
  if (errored.length === 0) return rows;
  return rows.map((row) => {
    const held = errored.find(
      (e) => e.file === row.file && e.normalizedName === row.normalizedName && e.version === row.current,
    );
    return held && row.status === 'update' ? { ...row, status: 'errored', detail: held.reason } : row;
  });
}

/** Each row learns which branches carry its package's updates. */
function linkRows(rows: PlanRow[], branches: PlannedBranch[]): PlanRow[] {
  const carrying = new Map<string, string[]>();
  for (const branch of branches) {
    for (const u of branch.updates) {
      const key = `${u.file}\0${u.normalizedName}\0${u.from}`;
      const names = carrying.get(key) ?? [];
      if (!names.includes(branch.branch)) names.push(branch.branch);
      carrying.set(key, names);
    }
  }
  return rows.map((row) => {
    if (row.status !== 'update') return row;
    return { ...row, branches: carrying.get(`${row.file}\0${row.normalizedName}\0${row.current}`) ?? [] };
  });
}

function securityOf(
  input: PlanInput,
  check: Pick<BranchConflictInput, 'requiresDist' | 'metadata' | 'onMissing'>,
): SecurityPlan {
  const report = input.vulnerabilities;
  if (!report) return { branches: [], vulnerable: [] };
  return planSecurity({
    ...input,
    ...check,
    advisories: (name, version) => report.byPin.get(pinKey(name, version)) ?? [],
  });
}

/** Rows of vulnerable pins carry their advisories' ids. */
function markVulnerable(rows: PlanRow[], security: SecurityPlan): PlanRow[] {
  if (security.vulnerable.length === 0) return rows;
  const ids = new Map(
    security.vulnerable.map((v) => [
      `${v.file}\0${v.normalizedName}\0${v.version}`,
      v.advisories.map((a) => a.id),
    ]),
  );
  return rows.map((row) => {
    const advisories = ids.get(`${row.file}\0${row.normalizedName}\0${row.current}`);
    return advisories ? { ...row, advisories } : row;
  });
}
