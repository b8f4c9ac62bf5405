import { createRequire } from 'node:module';
import { Cron } from 'croner';
import { DateTime, IANAZone } from 'luxon';

/**
 * Schedules as Renovate writes them (SPEC §5): later.js text (`every weekend`, `before 6am on monday`) or
 * 5-field cron (`* * * * 0,6`), several entries ORed, evaluated in an IANA zone. Pure: time is an argument.
 */

/** A schedule entry or time zone that cannot be used. Always a config error, never "always open". */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  constructor(
    /** Why, without the entry: `cannot read "weekdy"; expected …`. */
    readonly reason: string,
    /** The offending entry; absent when the zone is at fault. */
    readonly entry?: string,
    options?: { cause?: unknown },
  ) {
    super(entry === undefined ? reason : `invalid schedule "${entry}": ${reason}`, options);
  }
}

/** later.js ships no types; this is the part of its API used here. */
type LaterRecurrence = Record<string, number[]>;
interface LaterDefinition {
  schedules: LaterRecurrence[];
  exceptions: LaterRecurrence[];
  error: number;
}
interface LaterSchedule {
  isValid(date: Date): boolean;
  next(count: 1, start: Date): Date | 0;
}
interface Later {
  parse: { text(text: string): LaterDefinition };
  schedule(definition: LaterDefinition): LaterSchedule;
}
const later = createRequire(import.meta.url)('@breejs/later') as Later;

type CompiledEntry =
  | { kind: 'always'; entry: string }
  | { kind: 'text'; entry: string; schedule: LaterSchedule }
  | { kind: 'cron'; entry: string; cron: Cron };

export interface CompiledSchedule {
  readonly timezone: string;
  /** Empty list or an `at any time` entry. */
  readonly always: boolean;
  readonly entries: readonly CompiledEntry[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** `nextScheduleStart` looks this far ahead; later.js and croner jump straight to the next match. */
const HORIZON_MS = 366 * DAY;

/** Renovate's shorthands for the same thing. */
const ALIASES: Record<string, string> = {
  'every month': 'before 5am on the first day of the month',
  monthly: 'before 5am on the first day of the month',
};

export function isValidTimezone(timezone: string): boolean {
  // The default needs no check: the first one loads the system's zone data (13 ms of every pass's start-up).
  return timezone === 'UTC' || IANAZone.isValidZone(timezone);
}

/** Compiles every entry; throws a `ScheduleError` naming the first bad entry, or the zone. */
export function compileSchedule(entries: readonly string[], timezone: string): CompiledSchedule {
  if (!isValidTimezone(timezone)) {
    throw new ScheduleError(
      `invalid timezone "${timezone}": expected an IANA zone name such as "Europe/Prague" or "UTC"`,
    );
  }
  const always = entries.length === 0 || entries.some((entry) => normalizeText(entry) === 'at any time');
  return { timezone, always, entries: entries.map((entry) => compileEntry(entry, timezone)) };
}

function compileEntry(entry: string, timezone: string): CompiledEntry {
  if (normalizeText(entry) === 'at any time') {
    return { kind: 'always', entry };
  }
  return looksLikeCron(entry) ? compileCron(entry, timezone) : compileText(entry);
}

function normalizeText(entry: string): string {
  return entry.trim().replace(/\s+/g, ' ').toLowerCase();
}

function looksLikeCron(entry: string): boolean {
  const fields = entry.trim().split(/\s+/);
  return fields.length === 5 && /^[\d*]/.test(fields[0] ?? '');
}

function compileCron(entry: string, timezone: string): CompiledEntry {
  const fields = entry.trim().split(/\s+/);
  if (fields[0] !== '*') {
    // A pass checks the schedule when it runs; a window of single minutes would almost always be missed.
    throw new ScheduleError('the minute field of a cron schedule must be "*", e.g. "* 0-4 * * 0,6"', entry);
  }
  try {
    // domAndDow: day of month AND day of week must both match, as in Renovate.
    const cron = new Cron(fields.join(' '), { timezone, paused: true, mode: '5-part', domAndDow: true });
    return { kind: 'cron', entry, cron };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new ScheduleError(reason, entry, { cause: error });
  }
}

/** Renovate's massaging before later.js: aliases, and `10pm` → `10:00pm` (later needs the minutes). */
function massageText(entry: string): string {
  const text = normalizeText(entry);
  const aliased = ALIASES[text] ?? text;
  return aliased.replace(/(^|[^:\d])(\d{1,2}) ?(am|pm)\b/g, '$1$2:00$3');
}

function compileText(entry: string): CompiledEntry {
  const text = massageText(entry);
  if (text === '') {
    throw new ScheduleError('the entry is empty; write "at any time" for no restriction', entry);
  }
  const definition = later.parse.text(text);
  if (definition.error !== -1) {
    const rest = text.slice(definition.error) || text;
    throw new ScheduleError(
      `cannot read "${rest}"; expected e.g. "every weekend", "before 6am on monday", "after 10pm every weekday" or cron "* * * * 0,6"`,
      entry,
    );
  }
  if (definition.schedules.some((recurrence) => recurrence['m'] !== undefined)) {
    throw new ScheduleError('must not name minutes; use times of day like "after 10pm"', entry);
  }
  const bounded = (r: LaterRecurrence) =>
    r['M'] !== undefined || r['d'] !== undefined || r['D'] !== undefined || r['t_a'] || r['t_b'];
  if (definition.schedules.length === 0 || !definition.schedules.every(bounded)) {
    throw new ScheduleError('names no days, months or time of day (e.g. "on friday", "before 5am")', entry);
  }
  const schedules = definition.schedules.flatMap(splitOvernight);
  return { kind: 'text', entry, schedule: later.schedule({ ...definition, schedules }) };
}

/**
 * later.js ANDs `after 10pm and before 5am`, which never matches. A user means the night in between, so a
 * range whose start is not before its end becomes two ORed ranges on the same days: after 10pm, before 5am.
 */
function splitOvernight(recurrence: LaterRecurrence): LaterRecurrence[] {
  const after = recurrence['t_a']?.[0];
  const before = recurrence['t_b']?.[0];
  if (after === undefined || before === undefined || after < before) {
    return [recurrence];
  }
  const { t_a, t_b, ...rest } = recurrence;
  return [
    { ...rest, t_a: t_a ?? [] },
    { ...rest, t_b: t_b ?? [] },
  ];
}

/** The wall-clock time of `instant` in `zone`, as a Date whose UTC fields carry it (later.js works in UTC). */
function wallClock(instant: number, zone: string): Date {
  return DateTime.fromMillis(instant, { zone }).setZone('utc', { keepLocalTime: true }).toJSDate();
}

export function isInSchedule(schedule: CompiledSchedule, now: Date): boolean {
  if (schedule.always) {
    return true;
  }
  const instant = now.getTime();
  const wall = wallClock(instant, schedule.timezone);
  // Cron fields stop at minutes: test the minute `now` falls in.
  const minute = new Date(Math.floor(instant / MINUTE) * MINUTE);
  return schedule.entries.some((entry) => {
    if (entry.kind === 'always') return true;
    return entry.kind === 'text' ? entry.schedule.isValid(wall) : entry.cron.match(minute);
  });
}

/**
 * The first instant at or after `now` when the schedule is open (`now` itself when it is open now), at
 * minute resolution; undefined when it does not open within a year.
 */
export function nextScheduleStart(schedule: CompiledSchedule, now: Date): Date | undefined {
  if (isInSchedule(schedule, now)) {
    return now;
  }
  const start = now.getTime();
  let from = start;
  // A candidate can miss only around DST changes; each retry moves past it.
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidates = schedule.entries
      .map((entry) => nextEntryStart(entry, from, schedule.timezone))
      .filter((instant): instant is number => instant !== undefined);
    if (candidates.length === 0) {
      return undefined;
    }
    const candidate = Math.min(...candidates);
    if (candidate - start > HORIZON_MS) {
      return undefined;
    }
    const opened = walkBackToOpening(schedule, candidate, start);
    if (isInSchedule(schedule, new Date(opened))) {
      return new Date(opened);
    }
    from = candidate + MINUTE;
  }
  return undefined;
}

function nextEntryStart(entry: CompiledEntry, from: number, zone: string): number | undefined {
  if (entry.kind === 'always') {
    return from;
  }
  if (entry.kind === 'cron') {
    return entry.cron.nextRun(new Date(from - 1))?.getTime();
  }
  let best = nextTextStart(entry.schedule, from, zone);
  if (best === undefined) {
    return undefined;
  }
  // When clocks fall back, wall-clock times already passed come round again: look again from there.
  for (const repeat of fallBacksBetween(from, best, zone)) {
    const again = nextTextStart(entry.schedule, repeat, zone);
    if (again !== undefined && again < best) best = again;
  }
  return best;
}

function nextTextStart(schedule: LaterSchedule, from: number, zone: string): number | undefined {
  const next = schedule.next(1, wallClock(from, zone));
  return next === 0 ? undefined : instantOfWallClock(next.getTime(), zone, from);
}

function offsetAt(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).offset;
}

/** Instants in (from, to] where the zone's offset drops (clocks go back). Zones change at most daily. */
function fallBacksBetween(from: number, to: number, zone: string): number[] {
  const found: number[] = [];
  let previous = from;
  while (previous < to) {
    const probe = Math.min(previous + DAY, to);
    if (offsetAt(probe, zone) < offsetAt(previous, zone)) {
      found.push(firstMinuteWithOffsetOf(previous, probe, zone));
    }
    previous = probe;
  }
  return found;
}

/** Binary search, in whole minutes, for the first instant after `before` with the offset `after` has. */
function firstMinuteWithOffsetOf(before: number, after: number, zone: string): number {
  const target = offsetAt(after, zone);
  let low = Math.floor(before / MINUTE);
  let high = Math.ceil(after / MINUTE);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * MINUTE, zone) === target) high = middle;
    else low = middle;
  }
  return high * MINUTE;
}

/** The earliest instant ≥ notBefore showing wall-clock `wall`; in a DST gap, luxon's shifted instant. */
function instantOfWallClock(wall: number, zone: string, notBefore: number): number {
  const shifted = DateTime.fromMillis(wall, { zone: 'utc' })
    .setZone(zone, { keepLocalTime: true })
    .toMillis();
  const offsets = [wall - DAY, wall + DAY, notBefore].map(
    (probe) => DateTime.fromMillis(probe, { zone }).offset * MINUTE,
  );
  const exact = offsets
    .map((offset) => wall - offset)
    .filter((instant) => instant >= notBefore && wallClock(instant, zone).getTime() === wall);
  return exact.length > 0 ? Math.min(...exact) : Math.max(shifted, notBefore);
}

/** In a DST gap the mapped instant is late by up to the gap; step back while the schedule stays open. */
function walkBackToOpening(schedule: CompiledSchedule, candidate: number, notBefore: number): number {
  let opened = candidate;
  for (let step = 0; step < 120; step++) {
    const earlier = opened - MINUTE;
    if (earlier < notBefore || !isInSchedule(schedule, new Date(earlier))) {
      break;
    }
    opened = earlier;
  }
  return opened;
}
