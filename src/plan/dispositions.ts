import { compileSchedule, isInSchedule, nextScheduleStart } from '../policy/schedule.js';
import type { Disposition, PlannedBranch } from './types.js';

/**
 * What each branch would do now, before anything on GitLab is known: blocked, pending its release age, waiting
 * for approval, outside its schedule, or ready to open. Limits and ticks are applied later (`applyPlatformState`).
 */
export function decideDispositions(branches: PlannedBranch[], timezone: string, now: Date): PlannedBranch[] {
  return branches.map((branch) => ({ ...branch, disposition: dispositionOf(branch, timezone, now) }));
}

function dispositionOf(branch: PlannedBranch, timezone: string, now: Date): Disposition {
  if (branch.disposition.kind !== 'open-mr') return branch.disposition;
  if (branch.needsApproval) return { kind: 'pending-approval' };
  const schedule = compileSchedule(branch.schedule, timezone);
  if (!isInSchedule(schedule, now)) {
    return { kind: 'awaiting-schedule', until: nextScheduleStart(schedule, now)?.toISOString() };
  }
  return { kind: 'open-mr' };
}
