import { describe, expect, it } from 'vitest';
import { file, project, release } from './builders.js';
import { brief, plan } from './plan-helpers.js';

const changelog = { Changelog: 'https://example.org/changes' };

describe('buildPlan', () => {
  it('plans one update with its row, branch, title and conflict summary', () => {
    const result = plan('requests==2.31.0\n', {
      requests: project('requests', ['2.31.0', '2.32.3'], changelog),
    });
    const update = {
      file: 'constraints.txt',
      name: 'requests',
      normalizedName: 'requests',
      from: '2.31.0',
      to: '2.32.3',
      updateType: 'minor',
      releaseDate: '2020-01-01T00:00:00Z',
      projectUrls: changelog,
    };
    expect(result).toEqual({
      rows: [
        {
          file: 'constraints.txt',
          name: 'requests',
          normalizedName: 'requests',
          current: '2.31.0',
          status: 'update',
          branches: ['pingate/requests-2.x'],
        },
      ],
      branches: [
        {
          branch: 'pingate/requests-2.x',
          title: 'Update dependency requests to v2.32.3',
          updates: [update],
          updateType: 'minor',
          disposition: { kind: 'open-mr' },
          automerge: true,
          automergeSchedule: ['at any time'],
          schedule: ['every weekend'],
          needsApproval: false,
          labels: [],
          conflictSummary: 'pip can install the updated set: every requirement between the pins is met.',
        },
      ],
      errored: [],
      diagnostics: [],
      notPinned: [],
      missingMetadata: [],
      missingProjects: [],
    });
  });

  it('lists the freeze only when asked (pingate plan), not in a bot pass', () => {
    const text = 'app==1.0\n';
    const projects = { app: project('app', ['1.0']), mid: project('mid', ['1.0', '1.1']) };
    const requires = { 'app@1.0': ['mid<2'], 'mid@1.0': [], 'mid@1.1': [] };
    expect(plan(text, projects, { requires }).freeze).toBeUndefined();
    const freeze = [
      {
        file: 'constraints.txt',
        pins: [{ name: 'mid', version: '1.1', requiredBy: ['app 1.0 requires mid<2'] }],
        problems: [],
      },
    ];
    expect(plan(text, projects, { requires, freeze: true }).freeze).toEqual(freeze);
    // A bot pass asks for it only where a requirement is not pinned: a complete freeze costs it nothing.
    expect(plan(text, projects, { requires, freeze: 'when-incomplete' }).freeze).toEqual(freeze);
    const complete = plan('app==1.0\nmid==1.0\n', projects, { requires, freeze: 'when-incomplete' });
    expect(complete.freeze).toBeUndefined();
    expect(plan('app==1.0\nmid==1.0\n', projects, { requires, freeze: true }).freeze).toEqual([
      { file: 'constraints.txt', pins: [], problems: [] },
    ]);
  });

  it('lists the freeze in a bot pass where an extra another package asks for reaches a package no line pins', () => {
    // kilo asks for delta[all]; delta's `all` extra needs echo, which no line pins: no requirement of a pin's base
    // is unpinned (notPinned is empty), and yet the freeze is not complete.
    const text = 'kilo==1.0\ndelta==1.2.0\n';
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
    const botPass = plan(text, projects, { requires, freeze: 'when-incomplete' });
    expect(botPass.notPinned).toEqual([]);
    expect(botPass.freeze).toEqual([
      {
        file: 'constraints.txt',
        pins: [expect.objectContaining({ name: 'echo', version: '1.1' })],
        problems: [],
      },
    ]);
  });

  it('names branches {prefix}{name}-{major}.x with majors apart, or one branch without separateMajorMinor', () => {
    const projects = { 'zope-interface': project('zope-interface', ['5.0', '5.5', '6.1']) };
    const text = 'Zope.Interface==5.0\n';
    expect(plan(text, projects).branches.map((b) => [b.branch, b.title])).toEqual([
      ['pingate/zope-interface-5.x', 'Update dependency Zope.Interface to v5.5'],
      ['pingate/zope-interface-6.x', 'Update dependency Zope.Interface to v6.1'],
    ]);
    const one = plan(text, projects, { repo: { separateMajorMinor: false, branchPrefix: 'deps/' } });
    expect(one.branches.map(brief)).toEqual(['deps/zope-interface-6.x: Zope.Interface 5.0→6.1 [open-mr]']);
    expect(one.rows.map((r) => r.branches)).toEqual([['deps/zope-interface-6.x']]);
  });

  it('puts a group on {prefix}{slug}, its majors on {slug}-major, titled "Update group NAME", its majors "… (major)" as Renovate does', () => {
    const projects = {
      boto3: project('boto3', ['1.34.0', '1.34.9', '2.0.0']),
      botocore: project('botocore', ['1.34.0', '1.34.9']),
    };
    const repo = {
      packageRules: [{ matchPackageNames: ['/^boto/'], groupName: 'AWS SDK', labels: ['aws'] }],
    };
    const result = plan('boto3==1.34.0\nbotocore==1.34.0\n', projects, { repo });
    expect(result.branches.map((b) => [brief(b), b.title, b.groupName, b.updateType, b.labels])).toEqual([
      [
        'pingate/aws-sdk: boto3 1.34.0→1.34.9, botocore 1.34.0→1.34.9 [open-mr]',
        'Update group AWS SDK',
        'AWS SDK',
        'patch',
        ['aws'],
      ],
      [
        'pingate/aws-sdk-major: boto3 1.34.0→2.0.0 [open-mr]',
        'Update group AWS SDK (major)',
        'AWS SDK',
        'major',
        ['aws'],
      ],
    ]);
    const together = plan('boto3==1.34.0\nbotocore==1.34.0\n', projects, {
      repo: { ...repo, separateMajorMinor: false },
    });
    expect(together.branches.map(brief)).toEqual([
      'pingate/aws-sdk: boto3 1.34.0→2.0.0, botocore 1.34.0→1.34.9 [open-mr]',
    ]);
    // Majors not kept apart: one MR, so nothing to tell apart.
    expect(together.branches.map((b) => b.title)).toEqual(['Update group AWS SDK']);
  });

  it('moves lines of one package at the same version as one update; other versions as their own', () => {
    const text = [
      'numpy==1.24.0 ; python_version < "3.9"',
      'numpy==1.24.0 ; python_version == "3.9"',
      'numpy==1.26.0 ; python_version >= "3.10"',
      '',
    ].join('\n');
    const result = plan(text, { numpy: project('numpy', ['1.24.0', '1.26.0', '1.26.4']) });
    expect(result.branches.map(brief)).toEqual([
      'pingate/numpy-1.x: numpy 1.24.0→1.26.4, numpy 1.26.0→1.26.4 [open-mr]',
    ]);
    expect(result.rows.map((r) => [r.current, r.status, r.branches])).toEqual([
      ['1.24.0', 'update', ['pingate/numpy-1.x']],
      ['1.26.0', 'update', ['pingate/numpy-1.x']],
    ]);
  });

  it('links each row to the branches that move its own version', () => {
    const text = 'numpy==1.24.0 ; python_version < "3.10"\nnumpy==2.0.0 ; python_version >= "3.10"\n';
    const result = plan(text, { numpy: project('numpy', ['1.24.0', '1.26.4', '2.0.0', '2.1.0']) });
    expect(result.branches.map((b) => [brief(b), b.updateType])).toEqual([
      ['pingate/numpy-1.x: numpy 1.24.0→1.26.4 [open-mr]', 'minor'],
      ['pingate/numpy-2.x: numpy 1.24.0→2.1.0, numpy 2.0.0→2.1.0 [open-mr]', 'major'],
    ]);
    expect(result.rows.map((r) => [r.current, r.branches])).toEqual([
      ['1.24.0', ['pingate/numpy-1.x', 'pingate/numpy-2.x']],
      ['2.0.0', ['pingate/numpy-2.x']],
    ]);
  });

  it('serves several files: the same move in both shares one branch', () => {
    const files = [
      file('attrs==23.1.0\n', 'api/constraints.txt'),
      file('attrs==23.1.0\nsix==1.0\n', 'worker/c.txt'),
    ];
    const projects = { attrs: project('attrs', ['23.1.0', '23.2.0']), six: project('six', ['1.0']) };
    const result = plan('', projects, { files });
    expect(result.branches.map((b) => b.updates.map((u) => `${u.file}: ${u.from}→${u.to}`))).toEqual([
      ['api/constraints.txt: 23.1.0→23.2.0', 'worker/c.txt: 23.1.0→23.2.0'],
    ]);
    expect(result.rows.map((r) => [r.file, r.name, r.status])).toEqual([
      ['api/constraints.txt', 'attrs', 'update'],
      ['worker/c.txt', 'attrs', 'update'],
      ['worker/c.txt', 'six', 'up-to-date'],
    ]);
  });

  it('keeps ignored lines, ignoreDeps and unpinned requirements out of branches, with rows in file order saying why', () => {
    const text = [
      'anyio==4.0.0  # pingate: ignore',
      'pytest>=7',
      'idna==3.0  # renovate: ignore',
      'Setup_Tools==69.0',
      'flask',
      'types-requests==2.0',
      '',
    ].join('\n');
    const projects = Object.fromEntries(
      ['anyio', 'idna', 'setup-tools', 'types-requests'].map((n) => [n, project(n, ['99.0'])]),
    );
    const result = plan(text, projects, { repo: { ignoreDeps: ['setup-tools', 'types-*'] } });
    expect(result.branches).toEqual([]);
    expect(result.rows.map((r) => [r.name, r.current, r.status, r.detail])).toEqual([
      ['anyio', '4.0.0', 'ignored', 'ignore comment on the line'],
      ['pytest', '>=7', 'not-pinned', undefined],
      ['idna', '3.0', 'ignored', 'ignore comment on the line'],
      ['Setup_Tools', '69.0', 'disabled', 'in ignoreDeps'],
      ['flask', '*', 'not-pinned', undefined],
      ['types-requests', '2.0', 'disabled', 'in ignoreDeps'],
    ]);
  });

  it('reports a failed or missing look-up as errored and plans the rest', () => {
    const projects = {
      flask: new Error('index answered 503 after 3 tries'),
      six: project('six', ['1.0', '1.1']),
    };
    const result = plan('flask==3.0.0\nmissing==1.0\nsix==1.0\n', projects);
    expect(result.errored).toEqual([
      {
        file: 'constraints.txt',
        name: 'flask',
        normalizedName: 'flask',
        version: '3.0.0',
        reason: 'index answered 503 after 3 tries',
      },
      {
        file: 'constraints.txt',
        name: 'missing',
        normalizedName: 'missing',
        version: '1.0',
        reason: 'not looked up',
      },
    ]);
    expect(result.rows.map((r) => [r.name, r.status, r.detail])).toEqual([
      ['flask', 'errored', 'index answered 503 after 3 tries'],
      ['missing', 'errored', 'not looked up'],
      ['six', 'update', undefined],
    ]);
    expect(result.branches.map(brief)).toEqual(['pingate/six-1.x: six 1.0→1.1 [open-mr]']);
  });

  it('gives a hashed pin the sorted sha256 digests of the new release, and errors when any file lacks one', () => {
    const text = 'certifi==2024.1.1 --hash=sha256:aaa\nidna==3.6 \\\n    --hash=sha256:bbb\n';
    const projects = {
      certifi: project('certifi', ['2024.1.1', release('2024.2.2', { sha256: ['ff', '0a', 'ff'] })]),
      idna: project('idna', ['3.6', release('3.7', { sha256: ['cc', null] })]),
    };
    const result = plan(text, projects);
    expect(result.branches.map((b) => b.updates.map((u) => [u.name, u.to, u.sha256]))).toEqual([
      [['certifi', '2024.2.2', ['0a', 'ff']]],
    ]);
    expect(result.errored.map((e) => [e.name, e.reason])).toEqual([
      ['idna', 'the index lists no sha256 digests for idna 3.7'],
    ]);
    expect(result.rows.map((r) => [r.name, r.status])).toEqual([
      ['certifi', 'update'],
      ['idna', 'errored'],
    ]);
  });

  it('passes the loader’s diagnostics and the files’ on', () => {
    const broken = file('six==1.0\nthis is not a requirement\n');
    const loader = { file: 'renovate.json', line: 2, column: 3, message: 'unknown key "automerg"' };
    const result = plan('', { six: project('six', ['1.0']) }, { files: [broken], diagnostics: [loader] });
    expect(broken.diagnostics).toHaveLength(1);
    expect(result.diagnostics).toEqual([loader, ...broken.diagnostics]);
  });
});
