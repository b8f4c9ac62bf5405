export interface ReleaseAgeStatus {
  eligible: boolean;
  /** When the release becomes old enough; absent when eligible now or when it never can be known. */
  eligibleAt?: Date;
}

/**
 * Whether a release is old enough for `minimumReleaseAge`, measured from its first upload.
 * No minimum (or 0) means always eligible. A minimum with no known upload time means NOT eligible and no
 * date: the rule exists to wait out brand-new releases, and a release whose age cannot be told is not
 * proven old enough (Renovate does the same). An unparseable time counts as unknown.
 * A time without a zone (PyPI's `upload_time`) is UTC.
 */
export function releaseAgeStatus(
  uploadTime: string | undefined,
  minimumReleaseAgeMs: number | undefined,
  now: Date,
): ReleaseAgeStatus {
  if (minimumReleaseAgeMs === undefined || minimumReleaseAgeMs <= 0) {
    return { eligible: true };
  }
  const uploaded = uploadTime === undefined ? Number.NaN : parseUtc(uploadTime);
  if (Number.isNaN(uploaded)) {
    return { eligible: false };
  }
  const eligibleAt = new Date(uploaded + minimumReleaseAgeMs);
  if (eligibleAt.getTime() <= now.getTime()) {
    return { eligible: true };
  }
  return { eligible: false, eligibleAt };
}

/** `Date.parse` reads a date-time without zone as local time; PyPI means UTC. */
function parseUtc(text: string): number {
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text.trim());
  const isDateTime = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(text);
  return Date.parse(isDateTime && !hasZone ? `${text.trim()}Z` : text);
}
