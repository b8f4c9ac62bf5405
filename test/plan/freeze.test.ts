import { describe, expect, it } from 'vitest';
import { computeFreeze, freezeLines } from '../../src/plan/freeze.js';
import { pinOf, type SourceOptions, sourceOf, type Universe } from '../resolver/universe.js';

function freezeOf(
  universe: Universe,
  lines: string[],
  pythonVersions: string[] = ['3.11'],
  options: SourceOptions = {},
) {
  return computeFreeze({
    pins: lines.map(pinOf),
    constraints: [],
    pythonVersions,
    source: sourceOf(universe, options),
  });
}

const pinsOf = (result: ReturnType<typeof computeFreeze>) =>
  result.pins.map((p) => `${p.normalizedName}==${p.version}`);

describe('the freeze (SPEC §12)', () => {
  it('pins a chain of packages no line pins at the newest releases the pinned set admits', () => {
    const universe: Universe = {
      ta: { '1.1': { requires: ['tmid'] } },
      tmid: { '1.0': { requires: ['tleaf<2'] }, '1.1': { requires: ['tleaf<2', 'tdeep>=1'] } },
      tleaf: { '1.0': {}, '2.0': {} },
      tdeep: { '0.9': {}, '1.0': {}, '1.2': {}, '2.0a1': {} },
    };
    const result = freezeOf(universe, ['ta==1.1', 'tleaf==1.0']);
    expect(pinsOf(result)).toEqual(['tdeep==1.2', 'tmid==1.1']);
    expect(result.problems).toEqual([]);
    expect(freezeLines(result.pins.map((p) => ({ name: p.normalizedName, version: p.version })))).toEqual([
      '# Pinned by pingate: requirements no line pinned (freeze)',
      'tdeep==1.2',
      'tmid==1.1',
    ]);
  });

  it('backs off a release whose requirements the pins refuse, and skips yanked and Python-refused ones', () => {
    const universe: Universe = {
      ta: { '1.1': { requires: ['tmid'] } },
      tmid: {
        '1.0': { requires: ['tleaf<3'] },
        '1.1': { requires: ['tleaf>=3'] },
        '1.2': { yanked: true },
        '1.3': { requiresPython: '>=3.13' },
      },
      tleaf: { '2.0': {}, '3.0': {} },
    };
    expect(pinsOf(freezeOf(universe, ['ta==1.1', 'tleaf==2.0'], ['3.11', '3.12']))).toEqual(['tmid==1.0']);
  });

  it('follows extras asked for by a requirement, and the extras of packages no line pins', () => {
    const universe: Universe = {
      kilo: { '1.0': { requires: ['delta[all]'] } },
      delta: { '1.2.0': { requires: ['echo<1.2; extra == "all"'] } },
      echo: { '1.1': {}, '1.2': {} },
    };
    expect(pinsOf(freezeOf(universe, ['kilo==1.0']))).toEqual(['delta==1.2.0', 'echo==1.1']);
  });

  it('pins what a marker asks for only on the Pythons it applies to, and not what no Python needs', () => {
    const universe: Universe = {
      app: { '1.0': { requires: ['backport; python_version < "3.10"', 'winonly; sys_platform == "win32"'] } },
      backport: { '1.0': {}, '2.0': { requiresPython: '>=3.10' } },
      winonly: { '1.0': {} },
    };
    const result = freezeOf(universe, ['app==1.0'], ['3.9', '3.12']);
    expect(result.pins).toEqual([{ normalizedName: 'backport', version: '1.0', pythonVersions: ['3.9'] }]);
  });

  it('takes one release that installs on every Python when the Pythons chose differently', () => {
    const universe: Universe = {
      app: { '1.0': { requires: ['lib'] } },
      lib: { '1.0': {}, '2.0': { requiresPython: '>=3.10' } },
    };
    const result = freezeOf(universe, ['app==1.0'], ['3.9', '3.12']);
    expect(pinsOf(result)).toEqual(['lib==1.0']);
    expect(result.pins[0]!.pythonVersions).toEqual(['3.9', '3.12']);
  });

  it('terminates on cycles among packages no line pins', () => {
    const universe: Universe = {
      app: { '1.0': { requires: ['ca'] } },
      ca: { '1.0': { requires: ['cb'] } },
      cb: { '1.0': { requires: ['ca>=1'] } },
    };
    expect(pinsOf(freezeOf(universe, ['app==1.0']))).toEqual(['ca==1.0', 'cb==1.0']);
  });

  it('lists what no release satisfies with the chain instead of guessing', () => {
    const universe: Universe = {
      ta: { '1.1': { requires: ['tmid'] } },
      tmid: { '1.0': { requires: ['tleaf<2'] } },
      tleaf: { '2.0': {} },
    };
    const result = freezeOf(universe, ['ta==1.1', 'tleaf==2.0']);
    expect(result.pins).toEqual([]);
    expect(result.problems).toEqual([
      'the file cannot be installed on Python 3.11: ta 1.1 → tmid → tleaf<2, but tleaf==2.0 is pinned',
    ]);
  });

  it('fails closed: a look-up that failed or was not made is missing, and nothing is pinned', () => {
    const universe: Universe = { ta: { '1.1': { requires: ['tmid'] } }, tmid: { '1.0': {} } };
    const failed = freezeOf(universe, ['ta==1.1'], ['3.11'], { failed: { tmid: 'HTTP 500' } });
    expect(failed.pins).toEqual([]);
    expect(failed.missing).toEqual([{ normalizedName: 'tmid', error: 'HTTP 500' }]);
    const absent = freezeOf(universe, ['ta==1.1'], ['3.11'], { absent: ['tmid@1.0'] });
    expect(absent.missing).toEqual([{ normalizedName: 'tmid', version: '1.0' }]);
  });

  it('fails closed when the newest release could not be checked, rather than pinning an older one', () => {
    const universe: Universe = {
      app: { '1.0': { requires: ['mid'] } },
      mid: { '1.0': {}, '1.1': { requires: ['deep'] } },
      deep: { '1.0': {} },
    };
    const result = freezeOf(universe, ['app==1.0'], ['3.11'], { failed: { deep: 'HTTP 500' } });
    expect(result).toEqual({
      pins: [],
      problems: [],
      missing: [{ normalizedName: 'deep', error: 'HTTP 500' }],
    });
  });

  it('has nothing to add to a complete freeze', () => {
    const universe: Universe = { a: { '1.0': { requires: ['b>=1'] } }, b: { '1.0': {} } };
    expect(freezeOf(universe, ['a==1.0', 'b==1.0'])).toEqual({ pins: [], problems: [], missing: [] });
  });

  it('asks for no releases when the pins require only each other (no solve to pay for)', () => {
    const universe: Universe = { a: { '1.0': { requires: ['b>=1'] } }, b: { '1.0': {} } };
    const asked: string[] = [];
    const source = sourceOf(universe);
    const counting = {
      releases: (name: string) => {
        asked.push(name);
        return source.releases(name);
      },
      requirements: source.requirements,
    };
    const result = computeFreeze({
      pins: ['a==1.0', 'b==1.0'].map(pinOf),
      constraints: [],
      pythonVersions: ['3.11'],
      source: counting,
    });
    expect(result).toEqual({ pins: [], problems: [], missing: [] });
    expect(asked).toEqual([]);
  });
});
