import { describe, expect, it } from 'vitest';
import { createJudge } from '../../src/resolver/judge.js';
import { pinOf, type SourceOptions, sourceOf, type Universe } from './universe.js';

function judgeOf(
  universe: Universe,
  lines: string[],
  pythonVersions: string[] = ['3.11'],
  options: SourceOptions = {},
) {
  return createJudge({
    pins: lines.map(pinOf),
    constraints: [],
    pythonVersions,
    source: sourceOf(universe, options),
  });
}

describe('the resolver-grade verdict', () => {
  it('follows a package no line pins: ta 1.1 → tmid → tleaf<2 against a pinned tleaf 2.0', () => {
    const universe: Universe = {
      ta: { '1.0': {}, '1.1': { requires: ['tmid'] } },
      tmid: { '1.0': { requires: ['tleaf<2'] }, '1.1': { requires: ['tleaf<2'] } },
      tleaf: { '1.0': {}, '2.0': {} },
    };
    const judge = judgeOf(universe, ['ta==1.0', 'tleaf==2.0']);
    expect(judge.judge([{ normalizedName: 'ta', from: '1.0', to: '1.1' }])).toEqual({
      kind: 'conflict',
      reasons: ['ta 1.1 → tmid → tleaf<2, but tleaf==2.0 is pinned (Python 3.11)'],
    });
  });

  it('lets an unpinned package take an older release that fits', () => {
    const universe: Universe = {
      ta: { '1.0': {}, '1.1': { requires: ['tmid'] } },
      tmid: { '1.0': { requires: ['tleaf>=2'] }, '2.0': { requires: ['tleaf<2'] } },
      tleaf: { '2.0': {} },
    };
    const judge = judgeOf(universe, ['ta==1.0', 'tleaf==2.0']);
    expect(judge.judge([{ normalizedName: 'ta', from: '1.0', to: '1.1' }])).toEqual({
      kind: 'installable',
      pythonVersions: ['3.11'],
      // It took the search (tmid is pinned by no line): not a verdict of the pins alone.
      pinsOnly: false,
    });
  });

  it('switches on extras that another package asks for: kilo → delta[all] → echo<1.2', () => {
    const universe: Universe = {
      kilo: { '1.0': { requires: ['delta[all]'] } },
      delta: { '1.2.0': { requires: ['echo<1.2; extra == "all"'] } },
      echo: { '1.1': {}, '1.2': {} },
    };
    const judge = judgeOf(universe, ['kilo==1.0', 'delta==1.2.0', 'echo==1.1']);
    expect(judge.judge([{ normalizedName: 'echo', from: '1.1', to: '1.2' }])).toEqual({
      kind: 'conflict',
      reasons: ['kilo 1.0 → delta[all] 1.2.0 → echo<1.2, but the update moves echo to 1.2 (Python 3.11)'],
    });
  });

  it('evaluates markers per target Python and judges a line only where its marker holds', () => {
    const universe: Universe = {
      dup: { '1.0': {}, '1.1': { requiresPython: '>=3.7' }, '2.0': {}, '2.1': { requiresPython: '>=3.9' } },
    };
    const lines = ['dup==1.0 ; python_version < "3.9"', 'dup==2.0 ; python_version >= "3.9"'];
    const judge = judgeOf(universe, lines, ['3.8', '3.12']);
    expect(judge.judge([{ normalizedName: 'dup', from: '2.0', to: '2.1' }])).toEqual({
      kind: 'installable',
      pythonVersions: ['3.12'],
      pinsOnly: false,
    });
    expect(judge.judge([{ normalizedName: 'dup', from: '1.0', to: '2.1' }])).toEqual({
      kind: 'conflict',
      reasons: ['dup 2.1 requires Python >=3.9, not 3.8 (Python 3.8)'],
    });
  });

  it('holds the update when a look-up it needs failed, never "no conflict"', () => {
    const universe: Universe = {
      requests: { '2.31.0': { requires: ['urllib3<3'] } },
      urllib3: { '2.2.1': {}, '3.0.0': {} },
    };
    const judge = judgeOf(universe, ['requests==2.31.0', 'urllib3==2.2.1'], ['3.11'], {
      failed: { 'requests@2.31.0': 'the index answered 500' },
    });
    expect(judge.judge([{ normalizedName: 'urllib3', from: '2.2.1', to: '3.0.0' }])).toEqual({
      kind: 'unknown',
      missing: [{ normalizedName: 'requests', version: '2.31.0', error: 'the index answered 500' }],
    });
  });

  it('says so when the search bound is hit instead of guessing', () => {
    const universe: Universe = { top: { '1.0': {}, '2.0': { requires: ['a', 'b'] } }, a: {}, b: {} };
    for (let i = 0; i < 30; i += 1) {
      universe.a![`${i}.0`] = { requires: ['b<0'] };
      universe.b![`${i}.0`] = {};
    }
    const judge = createJudge({
      pins: [pinOf('top==1.0')],
      constraints: [],
      pythonVersions: ['3.11'],
      source: sourceOf(universe),
      bound: 10,
    });
    const verdict = judge.judge([{ normalizedName: 'top', from: '1.0', to: '2.0' }]);
    expect(verdict.kind).toBe('bound');
  });

  it('does not block an update for what the file already breaks', () => {
    const universe: Universe = {
      x: { '1.0': { requires: ['gone>=9'] } },
      gone: { '1.0': {} },
      y: { '1.0': {}, '1.1': {} },
    };
    const judge = judgeOf(universe, ['x==1.0', 'y==1.0']);
    expect(judge.judge([{ normalizedName: 'y', from: '1.0', to: '1.1' }]).kind).toBe('installable');
  });

  it('solves the file once per Python, and waits for what it lacks rather than solving each update', () => {
    const universe: Universe = {
      a: { '1.0': { requires: ['mid'] }, '1.1': { requires: ['mid'] } },
      b: { '1.0': {}, '1.1': {} },
      mid: { '1.0': { requires: ['deep'] } },
    };
    const source = sourceOf(universe, { absent: ['deep'] });
    let asked = 0;
    const counted = {
      ...source,
      releases: (name: string) => {
        if (name === 'deep') asked += 1;
        return source.releases(name);
      },
    };
    const judge = createJudge({
      pins: ['a==1.0', 'b==1.0'].map(pinOf),
      constraints: [],
      pythonVersions: ['3.11', '3.12'],
      source: counted,
    });
    for (const name of ['a', 'b']) {
      expect(judge.judge([{ normalizedName: name, from: '1.0', to: '1.1' }])).toEqual({
        kind: 'unknown',
        missing: [{ normalizedName: 'deep' }],
      });
    }
    // One solve of the file per Python; no update was solved while its page is not there.
    expect(asked).toBe(2);
  });

  it('still solves an update when what the file lacks failed to be read: the update may not need it', () => {
    const universe: Universe = {
      a: { '1.0': { requires: ['mid'] }, '1.1': {} },
      mid: { '1.0': {} },
    };
    const judge = judgeOf(universe, ['a==1.0'], ['3.11'], { failed: { mid: 'HTTP 500' } });
    expect(judge.judge([{ normalizedName: 'a', from: '1.0', to: '1.1' }]).kind).toBe('installable');
  });

  it("checks an update against the file's own solution before searching again", () => {
    const universe: Universe = {
      a: {
        '1.0': { requires: ['mid>=1'] },
        '1.1': { requires: ['mid>=1'] },
        '1.2': { requires: ['mid>=2'] },
      },
      mid: { '1.0': { requires: ['deep'] }, '2.0': { requires: ['deep'] } },
      deep: { '1.0': {} },
    };
    const source = sourceOf(universe);
    let searched = 0;
    const counted = {
      ...source,
      releases: (name: string) => {
        if (name === 'mid') searched += 1;
        return source.releases(name);
      },
    };
    const judge = createJudge({
      pins: [pinOf('a==1.0')],
      constraints: [],
      pythonVersions: ['3.11'],
      source: counted,
    });
    expect(judge.judge([{ normalizedName: 'a', from: '1.0', to: '1.1' }]).kind).toBe('installable');
    // The file's solution (mid 2.0, deep 1.0) still holds with a 1.1: only the file's own solve read mid's releases.
    expect(searched).toBe(1);
    // a 1.2 needs mid>=2, which the solution's mid 2.0 meets: no search either.
    expect(judge.judge([{ normalizedName: 'a', from: '1.0', to: '1.2' }]).kind).toBe('installable');
    expect(searched).toBe(1);
  });
});
