const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Short and plural spellings Renovate users write ("3 days", "3d", "12 hrs", "30 mins"). */
const UNIT_ALIASES: Record<string, string> = {
  s: 'second',
  sec: 'second',
  secs: 'second',
  seconds: 'second',
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hours: 'hour',
  d: 'day',
  days: 'day',
  w: 'week',
  weeks: 'week',
};

/**
 * Parses a duration like `"3 days"`, `"1 week"`, `"12 hours"`, `"30 minutes"` or `"3d"` into milliseconds.
 * Months and years are refused: their length varies, and an exact number of days says what is meant.
 * Returns undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  const word = (match[2] ?? '').toLowerCase();
  const unit = UNIT_MS[word] ?? UNIT_MS[UNIT_ALIASES[word] ?? ''];
  return unit === undefined ? undefined : Math.round(amount * unit);
}
