import { describe, expect, it } from 'vitest';
import { applyLimits, type CreationState } from '../../src/plan/apply-limits.js';
import type { Disposition, PlannedBranch } from '../../src/plan/types.js';
import { branch, update } from './builders.js';

function planned(name: string, disposition: Disposition = { kind: 'open-mr' }): PlannedBranch {
  return branch({ branch: name, updates: [update({ name, from: '1.0', to: '1.1' })], disposition });
}

function state(overrides: Partial<CreationState> = {}): CreationState {
  return { openBranches: new Set(), createdLastHour: 0, forced: new Set(), ...overrides };
}

/** `name: kind[/limit]` per branch. */
function outcome(branches: PlannedBranch[]): string[] {
  return branches.map(({ branch: name, disposition: d }) =>
    d.kind === 'rate-limited' ? `${name}: rate-limited/${d.limit}` : `${name}: ${d.kind}`,
  );
}

const due = ['a', 'b', 'c', 'd'].map((name) => planned(name));

describe('applyLimits', () => {
  it('opens branches in plan order up to prConcurrentLimit, then up to prHourlyLimit', () => {
    expect(outcome(applyLimits(due, state(), { prConcurrentLimit: 3, prHourlyLimit: 0 }))).toEqual([
      'a: open-mr',
      'b: open-mr',
      'c: open-mr',
      'd: rate-limited/concurrent',
    ]);
    expect(
      outcome(applyLimits(due, state({ createdLastHour: 1 }), { prConcurrentLimit: 0, prHourlyLimit: 2 })),
    ).toEqual(['a: open-mr', 'b: rate-limited/hourly', 'c: rate-limited/hourly', 'd: rate-limited/hourly']);
  });

  it('has no limit at 0', () => {
    const result = applyLimits(due, state({ createdLastHour: 50 }), {
      prConcurrentLimit: 0,
      prHourlyLimit: 0,
    });
    expect(result).toEqual(due);
  });

  it('counts open bot MRs against the limit but leaves their branches as they are', () => {
    const branches = [planned('a', { kind: 'awaiting-schedule' }), ...due.slice(1)];
    const result = applyLimits(branches, state({ openBranches: new Set(['a', 'x']) }), {
      prConcurrentLimit: 3,
      prHourlyLimit: 0,
    });
    expect(outcome(result)).toEqual([
      'a: awaiting-schedule',
      'b: open-mr',
      'c: rate-limited/concurrent',
      'd: rate-limited/concurrent',
    ]);
  });

  it('lets a ticked box override schedule, approval, release age and limits, but not a conflict', () => {
    const branches = [
      planned('due'),
      planned('schedule', { kind: 'awaiting-schedule', until: '2026-03-14T00:00:00.000Z' }),
      planned('approval', { kind: 'pending-approval' }),
      planned('age', { kind: 'pending-age', eligibleAt: '2026-03-16T00:00:00.000Z' }),
      planned('limited'),
      planned('conflict', { kind: 'blocked', reason: 'x needs y<2' }),
    ];
    const forced = new Set(['schedule', 'approval', 'age', 'limited', 'conflict']);
    const result = applyLimits(branches, state({ forced, createdLastHour: 5 }), {
      prConcurrentLimit: 1,
      prHourlyLimit: 1,
    });
    expect(outcome(result)).toEqual([
      'due: rate-limited/hourly',
      'schedule: open-mr',
      'approval: open-mr',
      'age: open-mr',
      'limited: open-mr',
      'conflict: blocked',
    ]);
  });

  it('counts forced creations against the limits of the branches after them', () => {
    const branches = [planned('a', { kind: 'awaiting-schedule' }), planned('b')];
    const result = applyLimits(branches, state({ forced: new Set(['a']) }), {
      prConcurrentLimit: 1,
      prHourlyLimit: 0,
    });
    expect(outcome(result)).toEqual(['a: open-mr', 'b: rate-limited/concurrent']);
  });
});
