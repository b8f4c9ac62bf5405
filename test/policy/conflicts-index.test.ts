import { describe, expect, it } from 'vitest';
import {
  type ConflictPin,
  checkUpdate,
  DEFAULT_PYTHON_VERSION,
  prepareConflictIndex,
} from '../../src/policy/conflicts.js';
import { input, pins, requiresDistFrom } from '../fixtures/conflicts/helpers.js';

const web = pins(`
  requests==2.31.0
  charset-normalizer==3.3.2
  idna==3.6
  urllib3==2.2.1
`);

describe('not pinned', () => {
  it('lists a requirement no line pins once per requiring package, however many Pythons', () => {
    const result = checkUpdate(
      input(web, [{ normalizedName: 'requests', to: '2.32.3' }], { pythonVersions: ['3.9', '3.10', '3.12'] }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.notPinned).toEqual([{ requiredBy: 'requests', requirement: 'certifi>=2017.4.17' }]);
  });

  it('the index lists the same for the file as it stands', () => {
    const index = prepareConflictIndex(web, requiresDistFrom(), []);
    expect(index.notPinned).toEqual([{ requiredBy: 'requests', requirement: 'certifi>=2017.4.17' }]);
    expect(index.unknown).toEqual([]);
  });
});

describe('unknown metadata', () => {
  const aws = pins(`
    boto3==1.34.39
    botocore==1.34.39
    s3transfer==0.10.2
    jmespath==1.0.1
    python-dateutil==2.8.2
    six==1.16.0
    urllib3==2.2.1
  `);

  it('without the new release’s metadata the forward check is skipped, the reverse check still runs', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }], { missing: ['botocore 1.35.0'] }),
    );
    expect(result.unknown).toEqual(['botocore 1.35.0']);
    expect(result.blocked.map((reason) => reason.direction)).toEqual(['reverse']);
  });

  it('a pin whose current metadata is missing is listed by the index and cannot block in reverse', () => {
    const requiresDist = requiresDistFrom(['boto3 1.34.39']);
    const index = prepareConflictIndex(aws, requiresDist, []);
    expect(index.unknown).toEqual(['boto3 1.34.39']);
    const result = checkUpdate(
      { ...input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }]), requiresDist },
      index,
    );
    expect(result.blocked).toEqual([]);
  });

  it('a companion candidate without metadata is not taken', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }], {
        candidates: { boto3: ['1.35.0'] },
        missing: ['boto3 1.35.0'],
      }),
    );
    expect(result.companions).toEqual([]);
    expect(result.blocked).toHaveLength(1);
  });

  it('an unreadable Requires-Dist line marks the release unknown but the readable lines still count', () => {
    const lines: Record<string, string[]> = {
      'app 2.0': ['urllib3 >= = 2', 'idna<3'],
      'app 1.0': [],
    };
    const pinned = pins(`
      app==1.0
      idna==3.6
    `);
    const result = checkUpdate({
      ...input(pinned, [{ normalizedName: 'app', to: '2.0' }]),
      requiresDist: (name, version) => lines[`${name} ${version}`] ?? [],
    });
    expect(result.unknown).toEqual(['app 2.0']);
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'app 2.0 needs idna<3 but constraints.txt pins idna==3.6',
    ]);
  });
});

describe('prepareConflictIndex', () => {
  it('evaluates one default environment when no Python versions are configured', () => {
    const index = prepareConflictIndex(web, requiresDistFrom(), []);
    expect(index.environments.map((env) => env.pythonVersion)).toEqual([DEFAULT_PYTHON_VERSION]);
    expect(index.explicitPythonVersions).toBe(false);
  });

  it('refuses an index prepared for another pin list', () => {
    const index = prepareConflictIndex(web, requiresDistFrom(), []);
    expect(() => checkUpdate(input([...web], [{ normalizedName: 'idna', to: '3.7' }]), index)).toThrow(
      /another pin list/,
    );
  });

  it('checks 1,000 pins once per pin quickly, reading each release’s metadata once', () => {
    const count = 1000;
    const name = (i: number) => `pkg-${i}`;
    const pinned: ConflictPin[] = [{ normalizedName: 'base', name: 'base', version: '1.0', extras: [] }];
    for (let i = 0; i < count; i++) {
      pinned.push({ normalizedName: name(i), name: name(i), version: '1.0', extras: [] });
    }
    const calls = new Map<string, number>();
    const requiresDist = (pkg: string, version: string) => {
      const key = `${pkg} ${version}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      if (pkg === 'base') return [];
      const i = Number(pkg.slice(4));
      // Each package needs the next one at its current major and base below 2 on old Pythons only.
      return [`${name((i + 1) % count)}<2,>=1.0`, 'base>=1.0; python_version < "3.10"', 'base<3'];
    };
    const pythonVersions = ['3.9', '3.12'];
    const started = performance.now();
    const index = prepareConflictIndex(pinned, requiresDist, pythonVersions);
    const blocked: string[] = [];
    for (let i = 0; i < count; i++) {
      const to = i % 100 === 0 ? '2.0' : '1.1';
      const result = checkUpdate(
        {
          pins: pinned,
          updates: [{ normalizedName: name(i), to }],
          requiresDist,
          pythonVersions,
          candidates: () => [],
          file: 'constraints.txt',
        },
        index,
      );
      blocked.push(...result.blocked.map((reason) => reason.message));
    }
    const elapsed = performance.now() - started;
    expect(blocked).toHaveLength(10);
    expect(blocked[1]).toBe('pkg-99 1.0 (pinned) needs pkg-100<2,>=1.0 but the update moves pkg-100 to 2.0');
    expect(Math.max(...calls.values())).toBe(1);
    expect(elapsed).toBeLessThan(2000);
  });
});
