import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['3 days', 3 * 86_400_000],
    ['1 day', 86_400_000],
    ['1 week', 604_800_000],
    ['2 weeks', 2 * 604_800_000],
    ['12 hours', 12 * 3_600_000],
    ['30 minutes', 30 * 60_000],
    ['45 seconds', 45_000],
    ['3d', 3 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30 mins', 30 * 60_000],
    ['1.5 hours', 90 * 60_000],
    [' 3 Days ', 3 * 86_400_000],
    ['0 days', 0],
  ])('%j → %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['3 dayz', 'three days', '3', 'days', '', '-1 day', '1 month', '1 year'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
