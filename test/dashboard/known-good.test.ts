import { describe, expect, it } from 'vitest';
import { knownGoodText, readKnownGood, recordKnownGood } from '../../src/dashboard/known-good.js';
import type { KnownGood } from '../../src/dashboard/model.js';

function entry(day: number): KnownGood {
  return { sha: `${day}`.repeat(40), date: `2026-05-${String(day).padStart(2, '0')}T00:00:00Z`, mrIid: day };
}

describe('known-good sets', () => {
  it('records a new merge first and keeps five', () => {
    const list = [5, 4, 3, 2, 1].map(entry);
    expect(recordKnownGood(list, entry(6)).map((e) => e.mrIid)).toEqual([6, 5, 4, 3, 2]);
  });

  it('keeps one entry per commit, the newest record of it', () => {
    const again = { ...entry(2), date: '2026-05-09T00:00:00Z', mrIid: 20 };
    expect(recordKnownGood([entry(3), entry(2)], again)).toEqual([again, entry(3)]);
  });

  it('orders by date whatever order it is given', () => {
    expect(recordKnownGood([entry(1), entry(3)], entry(2)).map((e) => e.mrIid)).toEqual([3, 2, 1]);
  });

  it('reads back what it writes', () => {
    const written = knownGoodText(entry(7));
    expect(written).toBe('Roll back to 7777777 (2026-05-07T00:00:00Z, !7)');
    expect(readKnownGood(entry(7).sha, written)).toEqual(entry(7));
  });

  it('refuses text or SHAs it cannot trust', () => {
    expect(readKnownGood('7'.repeat(40), 'Roll back to 7777777')).toBeUndefined();
    expect(readKnownGood('7'.repeat(40), 'Roll back (not a date, !7)')).toBeUndefined();
    expect(readKnownGood('main', 'Roll back to main (2026-05-07T00:00:00Z, !7)')).toBeUndefined();
  });
});
