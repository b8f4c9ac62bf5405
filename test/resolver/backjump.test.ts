import { describe, expect, it } from 'vitest';
import { targetPython } from '../../src/resolver/pythons.js';
import { solveEnvironment } from '../../src/resolver/search.js';
import { newMemo } from '../../src/resolver/state.js';
import { pinOf, type SourceOptions, sourceOf, type Universe } from './universe.js';

const target = targetPython('3.12');

function releases(count: number, requires: string[] = []): Record<string, { requires: string[] }> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`1.${i}`, { requires }]));
}

function solve(universe: Universe, lines: string[], bound: number, options: SourceOptions = {}) {
  const pins = new Map(
    lines
      .map(pinOf)
      .map((pin) => [
        pin.normalizedName,
        { version: pin.version, label: pin.name, extras: pin.extras, moved: false },
      ]),
  );
  const context = { source: sourceOf(universe, options), target, memo: newMemo() };
  return solveEnvironment(context, { pins, constraints: new Map(), checkPinnedPython: false, bound });
}

describe('the search jumps back past packages a failure does not depend on', () => {
  // p needs a and b; every b needs z<1 against z==1 pinned: no release of a can help, whichever is tried.
  const universe: Universe = {
    p: { '1.0': { requires: ['a', 'b'] } },
    a: releases(100),
    b: releases(30, ['z<1']),
    z: { '1.0': {} },
  };

  it('finds the conflict in 31 tries where trying every a with every b would take 3,000', () => {
    const verdict = solveEnvironment(
      { source: sourceOf(universe), target, memo: newMemo() },
      {
        pins: new Map([
          ['p', { version: '1.0', label: 'p', extras: [], moved: false }],
          ['z', { version: '1.0', label: 'z', extras: [], moved: false }],
        ]),
        constraints: new Map(),
        checkPinnedPython: false,
        bound: 40,
      },
    );
    expect(verdict.kind).toBe('conflict');
    expect(verdict.kind === 'conflict' && verdict.reason).toContain('z<1, but z==1.0 is pinned');
  });

  it('still tries the other releases of a package the failure does blame', () => {
    // The newest a asks for c<1, which no c has; the next a asks for nothing.
    const blamed: Universe = {
      p: { '1.0': { requires: ['a'] } },
      a: { '2.0': { requires: ['c<1'] }, '1.0': {} },
      c: { '1.0': {} },
    };
    const verdict = solve(blamed, ['p==1.0'], 10);
    expect(verdict).toMatchObject({ kind: 'installable', chosen: new Map([['a', '1.0']]) });
  });

  it('goes past a look-up not made yet and asks for it with the next releases it would try', () => {
    const verdict = solve(universe, ['p==1.0'], 10, { absent: ['b', 'a@1.99', 'a@1.98', 'a@1.97'] });
    // Without b's page nothing is known against the set: every look-up it went past is asked for at once.
    expect(verdict.kind).toBe('unknown');
    const asked = verdict.kind === 'unknown' ? verdict.missing : [];
    expect(asked.map((m) => `${m.normalizedName}@${m.version ?? ''}`).sort()).toEqual([
      'a@1.97',
      'a@1.98',
      'a@1.99',
      'b@',
    ]);
  });

  it('keeps a conflict found with look-ups left out: leaving requirements out only allows more', () => {
    const verdict = solve(universe, ['p==1.0', 'z==1.0'], 40, { absent: ['a@1.99'] });
    expect(verdict.kind).toBe('conflict');
  });

  it('fails a branch on a look-up that failed, and does not try other releases of what it does not blame', () => {
    const verdict = solve(universe, ['p==1.0', 'z==1.0'], 40, { failed: { b: 'HTTP 500 after 4 tries' } });
    expect(verdict).toEqual({
      kind: 'unknown',
      missing: [{ normalizedName: 'b', error: 'HTTP 500 after 4 tries' }],
    });
  });
});
