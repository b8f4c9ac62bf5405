/** The cases of "What was seen" in the conflict-check issue, through the whole planner. */
import { describe, expect, it } from 'vitest';
import { project, release } from './builders.js';
import { brief, plan } from './plan-helpers.js';

const dupFile = 'dup==1.0 ; python_version < "3.9"\ndup==2.0 ; python_version >= "3.9"\n';
const dup = project('dup', [
  release('1.0'),
  release('1.1', { requiresPython: '>=3.7' }),
  release('2.0', { requiresPython: '>=3.9' }),
  release('2.1', { requiresPython: '>=3.9' }),
]);

describe('the conflict check, case by case', () => {
  it('moves each line of a package within what its own marker admits, with no pythonVersions', () => {
    const result = plan(dupFile, { dup });
    expect(result.branches.map(brief)).toEqual([
      'pingate/dup-1.x: dup 1.0→1.1 [open-mr]',
      'pingate/dup-2.x: dup 2.0→2.1 [open-mr]',
    ]);
  });

  it('judges each line only on the configured Pythons its marker admits', () => {
    const result = plan(dupFile, { dup }, { repo: { pingate: { pythonVersions: ['3.8', '3.12'] } } });
    expect(result.branches.map(brief)).toEqual([
      'pingate/dup-1.x: dup 1.0→1.1 [open-mr]',
      'pingate/dup-2.x: dup 2.0→2.1 [open-mr]',
    ]);
  });

  it('blocks what an extra asked for by another package forbids', () => {
    const text = 'kilo==1.0\ndelta==1.2.0\necho==1.1\n';
    const projects = {
      kilo: project('kilo', ['1.0']),
      delta: project('delta', ['1.2.0']),
      echo: project('echo', ['1.1', '1.2']),
    };
    const requires = {
      'kilo@1.0': ['delta[all]'],
      'delta@1.2.0': ['echo<1.2; extra == "all"'],
      'echo@1.1': [],
      'echo@1.2': [],
    };
    expect(plan(text, projects, { requires }).branches.map(brief)).toEqual([
      'pingate/echo-1.x: echo 1.1→1.2 [blocked: kilo 1.0 → delta[all] 1.2.0 → echo<1.2, but the update moves echo to 1.2 (Python 3.8, 3.9, 3.10, 3.11, 3.12, 3.13)]',
    ]);
  });

  it('follows requirements through a package no line pins', () => {
    const text = 'ta==1.0\ntleaf==2.0\n';
    const projects = {
      ta: project('ta', ['1.0', '1.1']),
      tmid: project('tmid', ['1.0']),
      tleaf: project('tleaf', ['2.0']),
    };
    const requires = { 'ta@1.0': [], 'ta@1.1': ['tmid'], 'tmid@1.0': ['tleaf<2'], 'tleaf@2.0': [] };
    const result = plan(text, projects, { requires });
    expect(result.branches.map(brief)).toEqual([
      'pingate/ta-1.x: ta 1.0→1.1 [blocked: ta 1.1 → tmid → tleaf<2, but tleaf==2.0 is pinned (Python 3.8, 3.9, 3.10, 3.11, 3.12, 3.13)]',
    ]);
  });

  it('holds an update as Errored when a look-up the verdict needs failed', () => {
    const text = 'requests==2.31.0\nurllib3==2.2.1\n';
    const projects = {
      requests: project('requests', ['2.31.0']),
      urllib3: project('urllib3', ['2.2.1', '2.3.0']),
    };
    const result = plan(text, projects, { requires: { 'urllib3@2.2.1': [], 'urllib3@2.3.0': [] } });
    expect(result.branches).toEqual([]);
    expect(result.errored.map((e) => `${e.name} ${e.version}: ${e.reason}`)).toEqual([
      'urllib3 2.2.1: the conflict check could not be made: the requirements of requests 2.31.0 were not fetched',
    ]);
    expect(result.rows.find((r) => r.name === 'urllib3')?.status).toBe('errored');
  });
});
