import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  compileSchedule,
  isInSchedule,
  nextScheduleStart,
  ScheduleError,
} from '../../src/policy/schedule.js';

/** The instant a wall clock in `zone` shows `local` (ISO without offset). */
function at(zone: string, local: string): Date {
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid) throw new Error(`bad test time ${local}`);
  return parsed.toJSDate();
}

function open(entries: string[], zone: string, instant: Date): boolean {
  return isInSchedule(compileSchedule(entries, zone), instant);
}

function next(entries: string[], zone: string, instant: Date): string | undefined {
  return nextScheduleStart(compileSchedule(entries, zone), instant)?.toISOString();
}

describe('text schedules (UTC; 2026-03-02 is a Monday)', () => {
  it.each([
    // entry, local time, open
    ['at any time', '2026-03-04T13:37', true],
    ['every weekend', '2026-03-07T12:00', true],
    ['every weekend', '2026-03-06T12:00', false],
    ['every weekday', '2026-03-06T12:00', true],
    ['every weekday', '2026-03-08T12:00', false],
    ['before 6am on monday', '2026-03-02T05:59', true],
    ['before 6am on monday', '2026-03-02T06:00', false],
    ['before 6am on monday', '2026-03-03T05:00', false],
    ['after 10pm every weekday', '2026-03-04T22:00', true],
    ['after 10pm every weekday', '2026-03-04T21:59', false],
    ['after 10pm every weekday', '2026-03-07T23:00', false],
    ['before 5am', '2026-03-04T04:59', true],
    ['before 5am', '2026-03-04T05:00', false],
    ['before 5:00am', '2026-03-04T04:00', true],
    ['on friday and saturday', '2026-03-06T00:00', true],
    ['on friday and saturday', '2026-03-07T23:59', true],
    ['on friday and saturday', '2026-03-08T00:00', false],
    ['after 10pm and before 5am every weekday', '2026-03-04T23:30', true],
    ['after 10pm and before 5am every weekday', '2026-03-04T03:00', true],
    ['after 10pm and before 5am every weekday', '2026-03-04T12:00', false],
    ['after 10pm and before 5am every weekday', '2026-03-07T23:30', false],
    ['after 9am and before 5pm', '2026-03-04T12:00', true],
    ['after 9am and before 5pm', '2026-03-04T17:00', false],
    ['Every Weekend', '2026-03-07T12:00', true],
    ['every month', '2026-04-01T04:00', true],
    ['every month', '2026-04-02T04:00', false],
  ])('%s at %s → %s', (entry, local, expected) => {
    expect(open([entry], 'UTC', at('UTC', local))).toBe(expected);
  });
});

describe('cron schedules', () => {
  it.each([
    ['* * * * 0,6', '2026-03-07T12:00', true],
    ['* * * * 0,6', '2026-03-06T12:00', false],
    ['* 0-4 * * *', '2026-03-04T04:59', true],
    ['* 0-4 * * *', '2026-03-04T05:00', false],
    ['* * 1 * *', '2026-04-01T10:30', true],
    ['* * 1 * *', '2026-04-02T10:30', false],
  ])('%s at %s → %s', (entry, local, expected) => {
    expect(open([entry], 'UTC', at('UTC', local))).toBe(expected);
  });

  it('ignores the seconds of now', () => {
    expect(open(['* 10 * * *'], 'UTC', new Date('2026-03-04T10:00:42.500Z'))).toBe(true);
  });
});

describe('several entries are ORed', () => {
  const entries = ['before 5am', 'after 10pm', '* * * * 0'];
  it.each([
    ['2026-03-04T04:00', true],
    ['2026-03-04T23:00', true],
    ['2026-03-08T12:00', true],
    ['2026-03-04T12:00', false],
  ])('%s → %s', (local, expected) => {
    expect(open(entries, 'UTC', at('UTC', local))).toBe(expected);
  });

  it('treats an empty list and an "at any time" entry as always open', () => {
    expect(open([], 'UTC', at('UTC', '2026-03-04T12:00'))).toBe(true);
    expect(open(['every weekend', 'at any time'], 'UTC', at('UTC', '2026-03-04T12:00'))).toBe(true);
  });
});

describe('invalid schedules are errors, never "always"', () => {
  it.each([
    ['every weekdy', /cannot read "weekdy"/],
    ['foo', /cannot read "foo"/],
    ['at 5pm', /names no days, months or time of day/],
    ['every 15 mins every weekday', /must not name minutes/],
    ['1 * * * *', /minute field of a cron schedule must be "\*"/],
    ['* * * * 9', /dayOfWeek/],
    ['', /empty/],
  ])('%j', (entry, reason) => {
    const compile = () => compileSchedule(['every weekend', entry], 'UTC');
    expect(compile).toThrow(ScheduleError);
    expect(compile).toThrow(reason);
    try {
      compile();
    } catch (error) {
      expect((error as ScheduleError).entry).toBe(entry);
      expect((error as ScheduleError).message).toContain(`"${entry}"`);
    }
  });

  it.each(['Europe/Pargue', 'Mars/Olympus', 'CEST+1'])('rejects the zone %s', (zone) => {
    expect(() => compileSchedule(['every weekend'], zone)).toThrow(/invalid timezone/);
    expect(() => compileSchedule([], zone)).toThrow(ScheduleError);
  });
});

/**
 * Weekend edges in the weeks of the DST changes. 2026: Europe/Prague moves on Sun 29 March and Sun 25 October;
 * America/New_York on Sun 8 March and Sun 1 November.
 */
describe.each([
  ['Europe/Prague', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'],
  ['Europe/Prague', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26'],
  ['America/New_York', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'],
  ['America/New_York', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'],
])('%s, weekend %s–%s', (zone, friday, saturday, sunday, monday) => {
  for (const entries of [['every weekend'], ['* * * * 0,6']]) {
    it(`${entries[0]}: opens Saturday 00:00 and closes Monday 00:00 local time`, () => {
      expect(open(entries, zone, at(zone, `${friday}T23:59`))).toBe(false);
      expect(open(entries, zone, at(zone, `${saturday}T00:00`))).toBe(true);
      expect(open(entries, zone, at(zone, `${sunday}T23:59`))).toBe(true);
      expect(open(entries, zone, at(zone, `${monday}T00:00`))).toBe(false);
    });

    it(`${entries[0]}: next start is Saturday 00:00 local time`, () => {
      const saturdayMidnight = at(zone, `${saturday}T00:00`).toISOString();
      expect(next(entries, zone, at(zone, `${friday}T12:00`))).toBe(saturdayMidnight);
      expect(next(entries, zone, at(zone, `${friday}T23:59`))).toBe(saturdayMidnight);
      const mondayMidnight = at(zone, `${monday}T00:00`);
      const following = DateTime.fromISO(`${saturday}T00:00`, { zone }).plus({ weeks: 1 }).toJSDate();
      expect(next(entries, zone, mondayMidnight)).toBe(following.toISOString());
    });
  }

  it('next start of "before 6am on monday" crosses the change on Sunday', () => {
    expect(next(['before 6am on monday'], zone, at(zone, `${saturday}T12:00`))).toBe(
      at(zone, `${monday}T00:00`).toISOString(),
    );
  });

  it('is open now: next start is now', () => {
    const now = at(zone, `${sunday}T12:34`);
    expect(next(['every weekend'], zone, now)).toBe(now.toISOString());
  });
});

describe('the zone decides, not UTC', () => {
  it('Monday 00:30 in Prague is still Sunday in UTC', () => {
    const instant = new Date('2026-03-29T22:30:00Z');
    expect(open(['every weekend'], 'Europe/Prague', instant)).toBe(false);
    expect(open(['every weekend'], 'UTC', instant)).toBe(true);
  });

  it('Saturday 00:30 in Prague is still Friday in New York', () => {
    const instant = at('Europe/Prague', '2026-03-07T00:30');
    expect(open(['every weekend'], 'Europe/Prague', instant)).toBe(true);
    expect(open(['every weekend'], 'America/New_York', instant)).toBe(false);
  });
});

describe('times inside a DST change', () => {
  it('a start inside the spring gap opens when the clock jumps past it', () => {
    // Prague 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00Z.
    const now = new Date('2026-03-29T00:10:00Z');
    expect(open(['after 2:30am on sunday'], 'Europe/Prague', now)).toBe(false);
    expect(next(['after 2:30am on sunday'], 'Europe/Prague', now)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('a cron hour that does not exist that day is skipped', () => {
    expect(next(['* 2 * * 0'], 'Europe/Prague', new Date('2026-03-29T00:10:00Z'))).toBe(
      '2026-04-05T00:00:00.000Z',
    );
  });

  it('an hour that happens twice in autumn is open both times', () => {
    // Prague 2026-10-25: 03:00 CEST falls back to 02:00 CET at 01:00Z.
    for (const entries of [['* 2 * * 0'], ['after 2am and before 3am on sunday']]) {
      expect(open(entries, 'Europe/Prague', new Date('2026-10-25T00:30:00Z'))).toBe(true);
      expect(open(entries, 'Europe/Prague', new Date('2026-10-25T01:30:00Z'))).toBe(true);
      expect(open(entries, 'Europe/Prague', new Date('2026-10-25T02:00:00Z'))).toBe(false);
    }
  });

  it('the second 02:30 of the autumn night is found when the first has passed', () => {
    // 02:10 CET is the second pass of that hour: 02:30 CEST (00:30Z) is past, 02:30 CET (01:30Z) ahead.
    expect(next(['after 2:30am on sunday'], 'Europe/Prague', new Date('2026-10-25T01:10:00Z'))).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    // 02:50 CEST, first pass, after the window closed: it opens again at 02:30 CET.
    const window = ['after 2:30am and before 2:45am on sunday'];
    expect(open(window, 'Europe/Prague', new Date('2026-10-25T00:50:00Z'))).toBe(false);
    expect(next(window, 'Europe/Prague', new Date('2026-10-25T00:50:00Z'))).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('nextScheduleStart', () => {
  it('takes the earliest of several entries', () => {
    const now = at('UTC', '2026-03-04T12:00');
    expect(next(['every weekend', 'after 10pm every weekday'], 'UTC', now)).toBe('2026-03-04T22:00:00.000Z');
    expect(next(['every weekend', '* 15 * * *'], 'UTC', now)).toBe('2026-03-04T15:00:00.000Z');
  });

  it('finds a monthly window beyond a week', () => {
    expect(next(['before 5am on the first day of the month'], 'UTC', at('UTC', '2026-03-04T12:00'))).toBe(
      '2026-04-01T00:00:00.000Z',
    );
  });

  it('is undefined for a schedule that never opens', () => {
    expect(next(['* * 31 2 *'], 'UTC', at('UTC', '2026-03-04T12:00'))).toBeUndefined();
  });

  it('answers a week-long search quickly', () => {
    const schedule = compileSchedule(['before 6am on monday', '* 3 * * 0'], 'America/New_York');
    const started = performance.now();
    for (let day = 0; day < 50; day++) {
      nextScheduleStart(schedule, new Date(Date.UTC(2026, 2, 2 + (day % 7), 12)));
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
