import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf, shardOfUnresolved } from '../../src/fleet/shard.js';

describe('shardOf: a project id to its slice', () => {
  it('is stable: fixed slices for known ids, the same on every run and machine', () => {
    // Pinned: a change of the hash would silently move the projects of a running fleet between jobs.
    expect([1, 2, 3, 42, 1000, 278964].map((id) => shardOf(id, 4))).toEqual([4, 3, 2, 1, 2, 1]);
  });

  it('is complete and disjoint: every id is served by exactly one of the N slices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 64 }), (id, total) => {
        const owners = Array.from({ length: total }, (_, i) => i + 1).filter(
          (index) => shardOf(id, total) === index,
        );
        expect(owners).toHaveLength(1);
      }),
    );
  });

  it('spreads consecutive ids evenly (within 15% of the mean over 10,000 ids in 8 slices)', () => {
    const counts = new Array(8).fill(0);
    for (let id = 1; id <= 10_000; id += 1) counts[shardOf(id, 8) - 1] += 1;
    for (const count of counts) expect(Math.abs(count - 1250)).toBeLessThan(1250 * 0.15);
  });

  it('N = 1 serves everything in slice 1', () => {
    for (let id = 1; id < 100; id += 1) expect(shardOf(id, 1)).toBe(1);
  });

  it('an unresolved path has one slice too, the same for any spelling of its case', () => {
    expect(shardOfUnresolved('Group/App', 5)).toBe(shardOfUnresolved('group/app', 5));
    expect(shardOfUnresolved('group/app', 5)).toBeGreaterThanOrEqual(1);
    expect(shardOfUnresolved('group/app', 5)).toBeLessThanOrEqual(5);
  });
});

describe('parseShard', () => {
  it('reads I/N with spaces', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, total: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '2', 'a/b', '1/2/3', '-1/2', '1.5/2'])('refuses %s', (text) => {
    expect(parseShard(text)).toHaveProperty('error');
  });
});
