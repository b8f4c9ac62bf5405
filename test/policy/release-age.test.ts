import { describe, expect, it } from 'vitest';
import { releaseAgeStatus } from '../../src/policy/release-age.js';

const DAY = 86_400_000;
const now = new Date('2026-03-10T12:00:00Z');

describe('releaseAgeStatus', () => {
  it('is eligible without a minimum, or with 0', () => {
    expect(releaseAgeStatus('2026-03-10T11:59:00Z', undefined, now)).toEqual({ eligible: true });
    expect(releaseAgeStatus(undefined, undefined, now)).toEqual({ eligible: true });
    expect(releaseAgeStatus('2026-03-10T11:59:00Z', 0, now)).toEqual({ eligible: true });
  });

  it('waits for a young release and says when it becomes eligible', () => {
    expect(releaseAgeStatus('2026-03-09T12:00:00Z', 3 * DAY, now)).toEqual({
      eligible: false,
      eligibleAt: new Date('2026-03-12T12:00:00Z'),
    });
  });

  it('is eligible exactly at the minimum age and after', () => {
    expect(releaseAgeStatus('2026-03-07T12:00:00Z', 3 * DAY, now)).toEqual({ eligible: true });
    expect(releaseAgeStatus('2026-01-01T00:00:00Z', 3 * DAY, now)).toEqual({ eligible: true });
  });

  it('reads a time without zone (PyPI upload_time) as UTC', () => {
    expect(releaseAgeStatus('2026-03-09T12:00:00', 3 * DAY, now)).toEqual({
      eligible: false,
      eligibleAt: new Date('2026-03-12T12:00:00Z'),
    });
    expect(releaseAgeStatus('2026-03-09T11:00:00.123456', DAY, now)).toEqual({ eligible: true });
  });

  it('is not eligible, with no date, when the upload time is unknown or unreadable', () => {
    expect(releaseAgeStatus(undefined, 3 * DAY, now)).toEqual({ eligible: false });
    expect(releaseAgeStatus('not a date', 3 * DAY, now)).toEqual({ eligible: false });
  });
});
