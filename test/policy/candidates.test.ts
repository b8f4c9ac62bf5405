import { describe, expect, it } from 'vitest';
import type { RepoConfigInput } from '../../src/config/schema.js';
import {
  type BucketChoice,
  chooseTargets,
  eligibleReleases,
  isAllowed,
  supportsPythons,
} from '../../src/policy/candidates.js';
import { rulesFor } from '../../src/policy/package-rules.js';
import type { Release } from '../../src/pypi/types.js';
import { config, release } from '../plan/builders.js';

const now = new Date('2026-03-10T12:00:00Z');

function input(current: string, releases: (string | Release)[], repo: RepoConfigInput = {}) {
  const repoConfig = config(repo);
  return {
    current,
    releases: releases.map((r) => (typeof r === 'string' ? release(r) : r)),
    pythonVersions: repoConfig.pingate.pythonVersions,
    separateMajorMinor: repoConfig.separateMajorMinor,
    now,
    rulesFor: (type: 'major' | 'minor' | 'patch') => rulesFor(repoConfig, 'pkg', type),
  };
}

function eligible(current: string, releases: (string | Release)[], repo: RepoConfigInput = {}) {
  return eligibleReleases(input(current, releases, repo)).map((t) => `${t.release.version} ${t.updateType}`);
}

/** `version` per bucket, or `pending VERSION until DATE`. */
function chosen(current: string, releases: (string | Release)[], repo: RepoConfigInput = {}) {
  return chooseTargets(input(current, releases, repo)).map((choice: BucketChoice) =>
    choice.kind === 'target'
      ? choice.target.release.version
      : `pending ${choice.newest.release.version} until ${choice.eligibleAt?.toISOString() ?? 'an upload time is known'}`,
  );
}

describe('eligibleReleases', () => {
  it('keeps newer, valid, unyanked releases that have files', () => {
    const releases = [
      '0.9',
      '1.0',
      '1.0.1',
      'not-a-version',
      release('1.1', { yanked: true }),
      release('1.2', { files: 0 }),
      '1!0.1',
      '2.0',
    ];
    expect(eligible('1.0', releases)).toEqual(['1.0.1 patch', '1!0.1 major', '2.0 major']);
  });

  it('applies allowedVersions as a specifier or a /regex/', () => {
    const versions = ['1.1', '1.2', '2.0', '2.1'];
    const rule = (allowedVersions: string): RepoConfigInput => ({
      packageRules: [{ matchPackageNames: ['pkg'], allowedVersions }],
    });
    expect(eligible('1.0', versions, rule('<2'))).toEqual(['1.1 minor', '1.2 minor']);
    expect(eligible('1.0', versions, rule('/^(1\\.2|2\\.1)$/'))).toEqual(['1.2 minor', '2.1 major']);
  });

  it('skips a release whose requires_python excludes any configured Python, and ignores an invalid one', () => {
    const releases = [
      release('1.1', { requiresPython: '>=3.8' }),
      release('1.2', { requiresPython: '>=3.10' }),
      release('1.3', { requiresPython: '>=3.8,<3.12' }),
      release('1.4', { requiresPython: '>=3.8.*' }),
    ];
    const repo = { pingate: { pythonVersions: ['3.9', '3.12'] } };
    expect(eligible('1.0', releases, repo)).toEqual(['1.1 minor', '1.4 minor']);
    expect(eligible('1.0', releases)).toEqual(['1.1 minor', '1.2 minor', '1.3 minor', '1.4 minor']);
  });

  it('leaves pre-releases out unless the pin is one, or ignoreUnstable is false', () => {
    const releases = ['1.1', '1.2b1', '1.2.dev1', '1.2rc1'];
    expect(eligible('1.0', releases)).toEqual(['1.1 minor']);
    expect(eligible('1.1a1', releases)).toEqual([
      '1.1 patch',
      '1.2b1 minor',
      '1.2.dev1 minor',
      '1.2rc1 minor',
    ]);
    expect(eligible('1.0', releases, { ignoreUnstable: false })).toEqual([
      '1.1 minor',
      '1.2b1 minor',
      '1.2.dev1 minor',
      '1.2rc1 minor',
    ]);
  });

  it('never replaces a local version by a plain one, nor gives a plain pin a local label', () => {
    const releases = ['2.1.0', '2.1.0+cpu', '2.2.0', '2.2.0+cpu', '2.2.0+cu121'];
    expect(eligible('2.0.0+cpu', releases)).toEqual(['2.1.0+cpu minor', '2.2.0+cpu minor']);
    expect(eligible('2.0.0', releases)).toEqual(['2.1.0 minor', '2.2.0 minor']);
  });

  it('compares local labels in PEP 440 normal form', () => {
    expect(eligible('2.0.0+CPU_1', ['2.1.0+cpu.1', '2.1.0+cpu.2'])).toEqual(['2.1.0+cpu.1 minor']);
  });

  it('drops updates that a rule disables, by update type', () => {
    const repo = { packageRules: [{ matchUpdateTypes: ['major' as const], enabled: false }] };
    expect(eligible('1.0', ['1.1', '2.0'], repo)).toEqual(['1.1 minor']);
    expect(eligible('1.0', ['1.1', '2.0'], { ignoreDeps: ['pkg'] })).toEqual([]);
  });
});

describe('chooseTargets', () => {
  const releases = ['1.0', '1.1', '1.2', '2.0', '2.1', '3.0'];

  it('proposes the newest non-major and the newest major separately', () => {
    expect(chosen('1.0', releases)).toEqual(['1.2', '3.0']);
    expect(chosen('1.0', ['1.1'])).toEqual(['1.1']);
    expect(chosen('1.0', ['2.0'])).toEqual(['2.0']);
    expect(chosen('3.0', releases)).toEqual([]);
  });

  it('proposes only the newest release with separateMajorMinor off', () => {
    expect(chosen('1.0', releases, { separateMajorMinor: false })).toEqual(['3.0']);
  });

  it('has no major bucket when majors are disabled by a rule', () => {
    const repo = { packageRules: [{ matchUpdateTypes: ['major' as const], enabled: false }] };
    expect(chosen('1.0', releases, repo)).toEqual(['1.2']);
  });

  it('applies allowedVersions per rule', () => {
    const repo = { packageRules: [{ matchPackageNames: ['pkg'], allowedVersions: '<2.1' }] };
    expect(chosen('1.0', releases, repo)).toEqual(['1.2', '2.0']);
  });

  describe('minimumReleaseAge', () => {
    const aged = [
      release('1.1', { uploadTime: '2026-03-01T00:00:00Z' }),
      release('1.2', { uploadTime: '2026-03-09T00:00:00Z' }),
      release('1.3', { uploadTime: '2026-03-10T00:00:00Z' }),
    ];

    it('takes the newest release that is old enough', () => {
      expect(chosen('1.0', aged, { minimumReleaseAge: '3 days' })).toEqual(['1.1']);
    });

    it('waits, when every release is too young, until the first comes of age', () => {
      expect(chosen('1.0', aged.slice(1), { minimumReleaseAge: '3 days' })).toEqual([
        'pending 1.3 until 2026-03-12T00:00:00.000Z',
      ]);
    });

    it('waits for a release without an upload time', () => {
      const [choice] = chooseTargets(
        input('1.0', [release('1.1', { uploadTime: undefined })], { minimumReleaseAge: '3 days' }),
      );
      expect(choice).toMatchObject({ kind: 'pending' });
      expect(choice).not.toHaveProperty('eligibleAt');
      expect(chosen('1.0', [release('1.1', { uploadTime: undefined })])).toEqual(['1.1']);
    });

    it('follows a rule that sets the age for majors only', () => {
      const young = [
        release('1.1', { uploadTime: '2026-03-10T00:00:00Z' }),
        release('2.0', { uploadTime: '2026-03-10T00:00:00Z' }),
      ];
      const repo = { packageRules: [{ matchUpdateTypes: ['major' as const], minimumReleaseAge: '1 day' }] };
      expect(chosen('1.0', young, repo)).toEqual(['1.1', 'pending 2.0 until 2026-03-11T00:00:00.000Z']);
    });
  });
});

describe('isAllowed', () => {
  it('reads a PEP 440 specifier or a /regex/ with flags', () => {
    expect([isAllowed('1.5', '>=1,<2'), isAllowed('2.0', '>=1,<2'), isAllowed('2.0', '!=2.0')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isAllowed('1.5', '/^1\\./'), isAllowed('11.5', '/^1\\./'), isAllowed('1.0RC1', '/rc/i')]).toEqual(
      [true, false, true],
    );
  });
});

describe('supportsPythons', () => {
  it('needs every Python to be admitted; no or an unparseable requires_python admits all', () => {
    expect(supportsPythons('>=3.9', ['3.9', '3.12'])).toBe(true);
    expect(supportsPythons('>=3.10', ['3.9', '3.12'])).toBe(false);
    expect(supportsPythons('<3.12', ['3.9', '3.12'])).toBe(false);
    expect(supportsPythons(undefined, ['3.9'])).toBe(true);
    expect(supportsPythons('  ', ['3.9'])).toBe(true);
    expect(supportsPythons('>=3.x', ['3.9'])).toBe(true);
    expect(supportsPythons('>=3.10', [])).toBe(true);
  });
});
