import type { PlannedBranch } from './types.js';

/** What GitLab and the dashboard say, as far as creating MRs is concerned. */
export interface CreationState {
  /** Branches that already have an open bot MR: they are kept up to date, not created. */
  openBranches: Set<string>;
  /** Bot MRs created in the last hour, counted from the MRs themselves. */
  createdLastHour: number;
  /** How many of those are security MRs: they do not count against prHourlyLimit. */
  createdSecurityLastHour?: number;
  /** Branches whose dashboard box is ticked: a tick overrides schedule, limits, approval and age. */
  forced: Set<string>;
}

export interface Limits {
  prConcurrentLimit: number;
  prHourlyLimit: number;
}

const overridable = new Set(['pending-approval', 'awaiting-schedule', 'pending-age']);

/**
 * SPEC §6.3: an MR is created only inside its schedule, within both limits and not waiting for approval, or
 * when its box is ticked. Branches are taken in plan order; 0 means no limit. A security branch (SPEC §13) is
 * neither held back by the limits nor counted against them.
 */
export function applyLimits(
  branches: PlannedBranch[],
  state: CreationState,
  limits: Limits,
): PlannedBranch[] {
  const security = new Set(branches.filter((b) => b.vulnerabilities).map((b) => b.branch));
  let open = [...state.openBranches].filter((name) => !security.has(name)).length;
  let created = state.createdLastHour - (state.createdSecurityLastHour ?? 0);
  return branches.map((branch) => {
    const { kind } = branch.disposition;
    if (state.openBranches.has(branch.branch)) return branch;
    const forced = state.forced.has(branch.branch);
    if (branch.vulnerabilities) {
      return forced && overridable.has(kind) ? { ...branch, disposition: { kind: 'open-mr' } } : branch;
    }
    if (forced && overridable.has(kind)) {
      open += 1;
      created += 1;
      return { ...branch, disposition: { kind: 'open-mr' } };
    }
    if (kind !== 'open-mr') return branch;
    if (forced) {
      open += 1;
      created += 1;
      return branch;
    }
    if (limits.prConcurrentLimit > 0 && open >= limits.prConcurrentLimit) {
      return { ...branch, disposition: { kind: 'rate-limited', limit: 'concurrent' } };
    }
    if (limits.prHourlyLimit > 0 && created >= limits.prHourlyLimit) {
      return { ...branch, disposition: { kind: 'rate-limited', limit: 'hourly' } };
    }
    open += 1;
    created += 1;
    return branch;
  });
}
