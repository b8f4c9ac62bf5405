import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/config/load.js';
import type { RepoConfig, RepoConfigInput } from '../../src/config/schema.js';
import { isIgnoredPackage, ruleMatches, rulesFor } from '../../src/policy/package-rules.js';

function config(input: RepoConfigInput): RepoConfig {
  const result = parseRepoConfig(JSON.stringify(input), 'renovate.json');
  expect(result.errors).toEqual([]);
  return result.config;
}

const DAY = 86_400_000;

describe('rulesFor', () => {
  it('starts from the top-level values', () => {
    const repo = config({
      automerge: false,
      schedule: ['before 6am on monday'],
      automergeSchedule: ['every weekday'],
      minimumReleaseAge: '3 days',
      dependencyDashboardApproval: true,
      ignoreUnstable: false,
      labels: ['dependencies'],
    });
    expect(rulesFor(repo, 'requests', 'minor')).toEqual({
      enabled: true,
      automerge: false,
      schedule: ['before 6am on monday'],
      automergeSchedule: ['every weekday'],
      minimumReleaseAgeMs: 3 * DAY,
      dependencyDashboardApproval: true,
      ignoreUnstable: false,
      labels: ['dependencies'],
    });
  });

  it('matches by exact name after PEP 503 normalisation, regex and glob', () => {
    const repo = config({
      packageRules: [
        { matchPackageNames: ['Zope.Interface'], groupName: 'exact' },
        { matchPackageNames: ['/^types-/'], groupName: 'regex' },
        { matchPackageNames: ['pytest-*'], groupName: 'glob' },
        { matchPackageNames: ['django-?'], groupName: 'single' },
      ],
    });
    expect(rulesFor(repo, 'zope-interface', 'patch').groupName).toBe('exact');
    expect(rulesFor(repo, 'types-requests', 'patch').groupName).toBe('regex');
    expect(rulesFor(repo, 'pytest-cov', 'patch').groupName).toBe('glob');
    expect(rulesFor(repo, 'django-x', 'patch').groupName).toBe('single');
    expect(rulesFor(repo, 'django-xy', 'patch').groupName).toBeUndefined();
    expect(rulesFor(repo, 'pytest', 'patch').groupName).toBeUndefined();
    expect(rulesFor(repo, 'mypy-types-x', 'patch').groupName).toBeUndefined();
  });

  it('matches by update type; both selectors must match when both are given', () => {
    const repo = config({
      packageRules: [
        { matchUpdateTypes: ['major'], automerge: false },
        { matchPackageNames: ['django'], matchUpdateTypes: ['minor', 'patch'], labels: ['django'] },
      ],
    });
    expect(rulesFor(repo, 'requests', 'major').automerge).toBe(false);
    expect(rulesFor(repo, 'requests', 'minor').automerge).toBe(true);
    expect(rulesFor(repo, 'django', 'minor').labels).toEqual(['django']);
    expect(rulesFor(repo, 'django', 'major').labels).toEqual([]);
    expect(rulesFor(repo, 'flask', 'minor').labels).toEqual([]);
  });

  it('lets a later rule override an earlier one, key by key', () => {
    const repo = config({
      packageRules: [
        { matchPackageNames: ['boto*'], groupName: 'aws', automerge: false, minimumReleaseAge: '7 days' },
        { matchPackageNames: ['botocore'], automerge: true },
        { matchPackageNames: ['botocore'], minimumReleaseAge: null },
      ],
    });
    const botocore = rulesFor(repo, 'botocore', 'patch');
    expect(botocore.groupName).toBe('aws');
    expect(botocore.automerge).toBe(true);
    expect(botocore).not.toHaveProperty('minimumReleaseAgeMs');
    const boto3 = rulesFor(repo, 'boto3', 'patch');
    expect(boto3.automerge).toBe(false);
    expect(boto3.minimumReleaseAgeMs).toBe(7 * DAY);
  });

  it('replaces labels and schedules, as Renovate does, rather than merging them', () => {
    const repo = config({
      labels: ['dependencies'],
      schedule: ['every weekend'],
      packageRules: [
        { matchUpdateTypes: ['major'], labels: ['major'], schedule: ['on monday'], automergeSchedule: [] },
      ],
    });
    const major = rulesFor(repo, 'requests', 'major');
    expect(major.labels).toEqual(['major']);
    expect(major.schedule).toEqual(['on monday']);
    expect(major.automergeSchedule).toEqual([]);
  });

  it('groups boto3, botocore and s3transfer as in this repository', () => {
    const repo = config({
      packageRules: [{ matchPackageNames: ['boto3', 'botocore', 's3transfer'], groupName: 'boto' }],
    });
    expect(
      ['boto3', 'botocore', 's3transfer'].map((name) => rulesFor(repo, name, 'minor').groupName),
    ).toEqual(['boto', 'boto', 'boto']);
    expect(rulesFor(repo, 'boto', 'minor').groupName).toBeUndefined();
  });

  it('sets allowedVersions and enabled per package', () => {
    const repo = config({
      packageRules: [
        { matchPackageNames: ['django'], allowedVersions: '<5.0' },
        { matchPackageNames: ['pip'], enabled: false },
      ],
    });
    expect(rulesFor(repo, 'django').allowedVersions).toBe('<5.0');
    expect(rulesFor(repo, 'pip', 'patch').enabled).toBe(false);
    expect(rulesFor(repo, 'requests', 'patch').enabled).toBe(true);
  });

  it('without an update type, skips rules that need one', () => {
    const repo = config({ packageRules: [{ matchUpdateTypes: ['major'], allowedVersions: '<2' }] });
    expect(rulesFor(repo, 'requests').allowedVersions).toBeUndefined();
    expect(rulesFor(repo, 'requests', 'major').allowedVersions).toBe('<2');
  });

  it('honours "!" exclusions in matchPackageNames', () => {
    const repo = config({ packageRules: [{ matchPackageNames: ['*', '!pip'], automerge: false }] });
    expect(rulesFor(repo, 'requests', 'patch').automerge).toBe(false);
    expect(rulesFor(repo, 'pip', 'patch').automerge).toBe(true);
  });
});

describe('ignoreDeps and enabled', () => {
  const repo = config({
    ignoreDeps: ['setuptools', '/^types-/', 'Sphinx*'],
    packageRules: [{ matchPackageNames: ['setuptools'], enabled: true }],
  });

  it('ignores exact names (normalised), regex and globs', () => {
    expect(isIgnoredPackage(repo, 'setuptools')).toBe(true);
    expect(isIgnoredPackage(repo, 'types-pyyaml')).toBe(true);
    expect(isIgnoredPackage(repo, 'sphinx-rtd-theme')).toBe(true);
    expect(isIgnoredPackage(repo, 'requests')).toBe(false);
  });

  it('disables an ignored package even when a rule enables it', () => {
    expect(rulesFor(repo, 'setuptools', 'major').enabled).toBe(false);
    expect(rulesFor(repo, 'requests', 'major').enabled).toBe(true);
  });

  it('keeps everything disabled when the repository is disabled', () => {
    const off = config({
      enabled: false,
      packageRules: [{ matchPackageNames: ['requests'], enabled: true }],
    });
    expect(rulesFor(off, 'requests', 'patch').enabled).toBe(false);
  });
});

describe('ruleMatches', () => {
  it('never matches a rule without selectors', () => {
    expect(ruleMatches({ automerge: false }, 'requests', 'patch')).toBe(false);
  });
});
