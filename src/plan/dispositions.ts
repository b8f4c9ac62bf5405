import { compileSchedule, isInSchedule, nextScheduleStart } from '../policy/schedule.js';
import type { Disposition, PlannedBranch } from './types.js';

/**
 * What each branch would do now, before anything on GitLab is known: blocked, pending its release age, waiting
 * for approval, outside its schedule, or ready to open. Limits and ticks are applied later (`applyPlatformState`).
 */
export function decideDispositions(branches: PlannedBranch[], timezone: string, now: Date): PlannedBranch[] {
  // Most branches share one schedule: decide each distinct schedule once.
  const bySchedule = new Map<string, Disposition>();
  const scheduled = (entries: string[]): Disposition => {
    const key = entries.join('\0');
    let disposition = bySchedule.get(key);
    if (!disposition) {
      const schedule = compileSchedule(entries, timezone);
      disposition = isInSchedule(schedule, now)
        ? { kind: 'open-mr' }
        : { kind: 'awaiting-schedule', until: nextScheduleStart(schedule, now)?.toISOString() };
      bySchedule.set(key, disposition);
    }
    return disposition;
  };
  return branches.map((branch) => ({ ...branch, disposition: dispositionOf(branch, scheduled) }));
}

function dispositionOf(branch: PlannedBranch, scheduled: (entries: string[]) => Disposition): Disposition {
  if (branch.disposition.kind !== 'open-mr') return branch.disposition;
  if (branch.needsApproval) return { kind: 'pending-approval' };
  return scheduled(branch.schedule);
}
