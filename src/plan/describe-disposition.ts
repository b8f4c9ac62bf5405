import { DateTime } from 'luxon';
import type { Disposition } from './types.js';

/** Human text for what happens to a branch now. */
export function describeDisposition(disposition: Disposition, timezone: string): string {
  switch (disposition.kind) {
    case 'open-mr':
      return 'would open MR';
    case 'awaiting-schedule':
      return disposition.until
        ? `awaiting schedule until ${formatInstant(disposition.until, timezone)}`
        : 'awaiting schedule';
    case 'pending-approval':
      return 'pending approval';
    case 'pending-age':
      return disposition.eligibleAt
        ? `pending: release too new until ${formatInstant(disposition.eligibleAt, timezone)}`
        : 'pending: the index gives no upload time, so minimumReleaseAge cannot be checked';
    case 'rate-limited':
      return `rate-limited (${disposition.limit === 'hourly' ? 'prHourlyLimit' : 'prConcurrentLimit'})`;
    case 'blocked':
      return `blocked: ${disposition.reason}`;
    case 'disabled':
      return 'disabled';
  }
}

export function formatInstant(iso: string, timezone: string): string {
  const at = DateTime.fromISO(iso, { zone: timezone });
  return at.isValid ? `${at.toFormat('yyyy-MM-dd HH:mm')} ${timezone}` : iso;
}
