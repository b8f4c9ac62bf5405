import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepoConfig, parseRepoConfig } from '../../src/config/load.js';
import { defaultRepoConfig } from '../../src/config/normalise.js';
import type { Diagnostic } from '../../src/constraints/types.js';

function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

function errorsOf(text: string): string[] {
  return lines(parseRepoConfig(text, 'renovate.json').errors);
}

describe('defaults', () => {
  it('applies every default of SPEC §5 when the file is absent', () => {
    const { config, errors, warnings } = parseRepoConfig(undefined, 'renovate.json');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      enabled: true,
      schedule: ['every weekend'],
      timezone: 'UTC',
      automerge: true,
      automergeSchedule: ['at any time'],
      prConcurrentLimit: 10,
      prHourlyLimit: 2,
      ignoreUnstable: true,
      separateMajorMinor: true,
      dependencyDashboard: true,
      dependencyDashboardTitle: 'Dependency Dashboard',
      dependencyDashboardLabels: [],
      dependencyDashboardApproval: false,
      labels: [],
      assignees: [],
      reviewers: [],
      branchPrefix: 'pingate/',
      ignoreDeps: [],
      packageRules: [],
      vulnerabilityAlerts: {
        enabled: true,
        labels: ['security'],
        assignees: [],
        reviewers: [],
        automerge: true,
        minimumReleaseAgeMs: 0,
      },
      osvVulnerabilityAlerts: true,
      separateMinorPatch: false,
      addLabels: [],
      semanticCommits: 'auto',
      semanticCommitType: 'chore',
      semanticCommitScope: 'deps',
      rebaseWhen: 'auto',
      prCreation: 'immediate',
      draftPR: false,
      prBodyNotes: [],
      pingate: {
        files: [
          {
            constraintsFile: 'constraints.txt',
            yamlFile: 'pipeline/constraints.yml',
            yamlFormat: 'gitlab-ci',
            yamlKey: '.pip-constraints',
            yamlVariable: 'PIP_CONSTRAINTS',
          },
        ],
        requiredJobs: [],
        pythonVersions: [],
        checkConflicts: true,
        includePaths: [],
        ignorePaths: [],
      },
    });
  });

  it('resolves vulnerabilityAlerts against the top level', () => {
    const text = JSON.stringify({
      labels: ['deps'],
      assignees: ['alice'],
      automerge: false,
      osvVulnerabilityAlerts: false,
      vulnerabilityAlerts: {
        labels: ['sec'],
        addLabels: ['urgent', 'sec'],
        reviewers: ['bob'],
        minimumReleaseAge: '1 day',
      },
    });
    const { config, errors } = parseRepoConfig(text, 'renovate.json');
    expect(errors).toEqual([]);
    expect(config.osvVulnerabilityAlerts).toBe(false);
    expect(config.vulnerabilityAlerts).toEqual({
      enabled: true,
      labels: ['sec', 'urgent'],
      assignees: ['alice'],
      reviewers: ['bob'],
      automerge: false,
      minimumReleaseAgeMs: 86_400_000,
    });
  });

  it('names a wrong key or value inside vulnerabilityAlerts', () => {
    expect(errorsOf('{"vulnerabilityAlerts": {"enable": false, "minimumReleaseAge": "soon"}}')).toEqual([
      'renovate.json:1:26: unknown key "vulnerabilityAlerts.enable" (did you mean "enabled"?)',
      'renovate.json:1:64: "vulnerabilityAlerts.minimumReleaseAge" must be a duration such as "3 days", "12 hours", "1 week" or "30 minutes", found "soon"',
    ]);
  });

  it('gives the same for {}', () => {
    expect(parseRepoConfig('{}\n', 'renovate.json').config).toEqual(defaultRepoConfig());
  });
});

describe('normalisation', () => {
  it('turns minimumReleaseAge into milliseconds, at the top and in rules', () => {
    const { config, errors } = parseRepoConfig(
      JSON.stringify({
        minimumReleaseAge: '3 days',
        packageRules: [
          { matchPackageNames: ['a'], minimumReleaseAge: '12 hours' },
          { matchPackageNames: ['b'], minimumReleaseAge: '1 week' },
          { matchPackageNames: ['c'], minimumReleaseAge: '30 minutes' },
          { matchPackageNames: ['d'], minimumReleaseAge: null },
        ],
      }),
      'renovate.json',
    );
    expect(errors).toEqual([]);
    expect(config.minimumReleaseAgeMs).toBe(3 * 86_400_000);
    expect(config.packageRules.map((rule) => rule.minimumReleaseAgeMs)).toEqual([
      12 * 3_600_000,
      7 * 86_400_000,
      30 * 60_000,
      0,
    ]);
    expect(config.packageRules[0]).not.toHaveProperty('minimumReleaseAge');
  });

  it('has no minimumReleaseAgeMs for none, null or "0 days"', () => {
    for (const value of [undefined, null, '0 days']) {
      const { config } = parseRepoConfig(JSON.stringify({ minimumReleaseAge: value }), 'renovate.json');
      expect(config).not.toHaveProperty('minimumReleaseAgeMs');
    }
  });

  it('fills pingate.files from the single pair and the yaml settings', () => {
    const { config } = parseRepoConfig(
      JSON.stringify({ pingate: { constraintsFile: 'req/c.txt', yamlFile: 'ci/c.yml', yamlFormat: 'list' } }),
      'renovate.json',
    );
    expect(config.pingate.files).toEqual([
      {
        constraintsFile: 'req/c.txt',
        yamlFile: 'ci/c.yml',
        yamlFormat: 'list',
        yamlKey: '.pip-constraints',
        yamlVariable: 'PIP_CONSTRAINTS',
      },
    ]);
  });

  it('takes pingate.files as given, each pair inheriting the yaml settings it leaves out', () => {
    const { config, errors } = parseRepoConfig(
      JSON.stringify({
        pingate: {
          yamlKey: '.pins',
          files: [
            { constraintsFile: 'api/constraints.txt', yamlFile: 'api/constraints.yml' },
            { constraintsFile: 'worker/constraints.txt', yamlFile: 'worker/pins.yml', yamlFormat: 'list' },
          ],
        },
      }),
      'renovate.json',
    );
    expect(errors).toEqual([]);
    expect(config.pingate.files).toEqual([
      {
        constraintsFile: 'api/constraints.txt',
        yamlFile: 'api/constraints.yml',
        yamlFormat: 'gitlab-ci',
        yamlKey: '.pins',
        yamlVariable: 'PIP_CONSTRAINTS',
      },
      {
        constraintsFile: 'worker/constraints.txt',
        yamlFile: 'worker/pins.yml',
        yamlFormat: 'list',
        yamlKey: '.pins',
        yamlVariable: 'PIP_CONSTRAINTS',
      },
    ]);
  });

  it('keeps package rules without their description', () => {
    const { config } = parseRepoConfig(
      JSON.stringify({
        packageRules: [{ description: 'why', matchUpdateTypes: ['major'], automerge: false, labels: ['x'] }],
      }),
      'renovate.json',
    );
    expect(config.packageRules).toEqual([{ matchUpdateTypes: ['major'], automerge: false, labels: ['x'] }]);
  });
});

describe('schema errors name the key, what is allowed, and where', () => {
  it('reports an unknown key with a suggestion, and a wrong type with what was found', () => {
    const text = ['{', '  "timezone": "UTC",', '  "automerg": true,', '  "prHourlyLimit": "2"', '}'].join(
      '\n',
    );
    expect(errorsOf(text)).toEqual([
      'renovate.json:3:3: unknown key "automerg" (did you mean "automerge"?)',
      'renovate.json:4:20: "prHourlyLimit" must be a whole number >= 0, found "2"',
    ]);
  });

  it.each([
    ['{"enabled": "yes"}', '1:13: "enabled" must be true or false, found "yes"'],
    ['{"prConcurrentLimit": -1}', '1:23: "prConcurrentLimit" must be a whole number >= 0, found -1'],
    ['{"prConcurrentLimit": 1.5}', '1:23: "prConcurrentLimit" must be a whole number >= 0, found 1.5'],
    [
      '{"labels": "dependencies"}',
      '1:12: "labels" must be a list of strings, e.g. ["dependencies"], found "dependencies"',
    ],
    ['{"labels": ["a", 3]}', '1:18: "labels[1]" must be a string, found 3'],
    ['{"branchPrefix": ""}', '1:18: "branchPrefix" must be a non-empty string, e.g. "pingate/", found ""'],
    ['{"schedule": 7}', '1:14: "schedule" must be a list of strings, e.g. ["every weekend"], found 7'],
  ])('%s', (text, expected) => {
    expect(errorsOf(text)).toEqual([`renovate.json:${expected}`]);
  });

  it('reports problems nested in pingate, with the full key path', () => {
    const text = `{
  "pingate": {
    "requiredjobs": ["test"],
    "yamlFormat": "toml",
    "pythonVersions": ["3.12", 3.9],
    "checkConflicts": 1
  }
}`;
    expect(errorsOf(text)).toEqual([
      'renovate.json:3:5: unknown key "pingate.requiredjobs" (did you mean "requiredJobs"?)',
      'renovate.json:4:19: "pingate.yamlFormat" must be one of "gitlab-ci", "list", found "toml"',
      'renovate.json:5:32: "pingate.pythonVersions[1]" must be a Python version like "3.12", found 3.9',
      'renovate.json:6:23: "pingate.checkConflicts" must be true or false, found 1',
    ]);
  });

  it('reports problems nested in packageRules', () => {
    const text = `{
  "packageRules": [
    { "matchPackageNames": ["boto3"], "groupName": "boto" },
    { "matchUpdateTypes": ["mayor"], "automerge": "no", "matchPackagePatern": ["x"] }
  ]
}`;
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /^renovate\.json:4:28: "packageRules\[1\]\.matchUpdateTypes\[0\]" must be one of "major", "minor", "patch", "pin", .*found "mayor"$/,
      ),
      'renovate.json:4:51: "packageRules[1].automerge" must be true or false, found "no"',
      'renovate.json:4:57: unknown key "packageRules[1].matchPackagePatern" (did you mean "matchPackagePatterns"?)',
    ]);
  });

  it('says a required key of a files entry is missing, pointing at the entry', () => {
    const text = '{"pingate": {"files": [{"constraintsFile": "a.txt"}]}}';
    expect(errorsOf(text)).toEqual([
      'renovate.json:1:24: "pingate.files[0].yamlFile" is required: a string, e.g. "pipeline/constraints.yml"',
    ]);
  });

  it('points a pingate key written at the top level to its place', () => {
    expect(errorsOf('{\n  "requiredJobs": []\n}')).toEqual([
      'renovate.json:2:3: unknown key "requiredJobs": pingate\'s own keys go under "pingate" (did you mean "pingate.requiredJobs"?)',
    ]);
  });

  it('reports a top level that is not an object', () => {
    expect(errorsOf('[]')).toEqual(['renovate.json:1:1: the top level must be an object, found []']);
  });
});

describe('invalid JSON is located', () => {
  it.each([
    [
      '{\n  "enabled": tru\n}',
      'renovate.json:2:14: invalid JSON: a value expected (a string, number, true, false, null, { or [), found "t"',
    ],
    ['{\n  "a": 1\n  "b": 2\n}', 'renovate.json:3:3: invalid JSON: "," or "}" expected, found "\\""'],
    ['  \n', 'renovate.json:1:1: the file is empty; write {} to use the defaults'],
    ['{"a": "b', 'renovate.json:1:7: invalid JSON: a string that never ends (no closing quote)'],
  ])('%j', (text, expected) => {
    const result = parseRepoConfig(text, 'renovate.json');
    expect(lines(result.errors)).toEqual([expected]);
    expect(result.config).toEqual(defaultRepoConfig());
  });
});

describe('values are checked beyond their types', () => {
  it('rejects schedules that do not compile, at the top level and in rules', () => {
    const text = `{
  "schedule": ["every weekend", "every weekdy"],
  "automergeSchedule": ["1 * * * *"],
  "packageRules": [{ "matchUpdateTypes": ["major"], "schedule": ["at 5pm"] }]
}`;
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /^renovate\.json:2:33: "schedule\[1\]" is not a valid schedule: cannot read "weekdy"/,
      ),
      expect.stringMatching(
        /^renovate\.json:3:25: "automergeSchedule\[0\]" is not a valid schedule: the minute field/,
      ),
      expect.stringMatching(
        /^renovate\.json:4:66: "packageRules\[0\]\.schedule\[0\]" is not a valid schedule: names no/,
      ),
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(errorsOf('{"timezone": "Europe/Pargue"}')).toEqual([
      'renovate.json:1:14: "timezone" must be an IANA time zone such as "Europe/Prague" or "UTC", found "Europe/Pargue"',
    ]);
  });

  it('rejects a duration it cannot read', () => {
    expect(errorsOf('{"minimumReleaseAge": "3 dayz"}')).toEqual([
      'renovate.json:1:23: "minimumReleaseAge" must be a duration such as "3 days", "12 hours", "1 week" or "30 minutes", found "3 dayz"',
    ]);
  });

  it('accepts PEP 440 specifiers and /regex/ in allowedVersions, and rejects the rest', () => {
    const rule = (allowedVersions: string) =>
      JSON.stringify({ packageRules: [{ matchPackageNames: ['django'], allowedVersions }] });
    for (const good of ['<5.0', '>=4.2,<4.3', '~=4.2', '==4.2.*', '!=4.2.1', '/^4\\.2\\./']) {
      expect(errorsOf(rule(good))).toEqual([]);
    }
    expect(errorsOf(rule('4.2'))).toEqual([
      'renovate.json:1:68: "packageRules[0].allowedVersions" must be a PEP 440 specifier such as "<2.0" or ">=1.4,<1.6", or a /regex/, found "4.2"',
    ]);
    expect(errorsOf(rule('/(/'))).toHaveLength(1);
    expect(errorsOf(rule('  '))).toHaveLength(1);
  });

  it('rejects a rule that selects nothing, and warns about one that changes nothing', () => {
    const text = '{"packageRules": [{"automerge": false}, {"matchPackageNames": ["a"]}]}';
    const result = parseRepoConfig(text, 'renovate.json');
    expect(lines(result.errors)).toEqual([
      'renovate.json:1:19: "packageRules[0]" selects nothing: give it a selector such as "matchPackageNames" or "matchUpdateTypes"',
    ]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:1:41: "packageRules[1]" changes nothing: it has no setting to apply',
    ]);
  });

  it('rejects invalid /regex/ names in matchPackageNames, ignoreDeps and requiredJobs', () => {
    const text = JSON.stringify({
      ignoreDeps: ['/[/'],
      packageRules: [{ matchPackageNames: ['!/(/'], enabled: false }],
      pingate: { requiredJobs: ['/^test-(/'] },
    });
    const errors = errorsOf(text);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/"ignoreDeps\[0\]" is not a valid \/regex\//);
    expect(errors[1]).toMatch(/"packageRules\[0\]\.matchPackageNames\[0\]" is not a valid \/regex\//);
    expect(errors[2]).toMatch(/"pingate\.requiredJobs\[0\]" is not a valid \/regex\//);
  });

  it('rejects files together with the single pair, and repeated files', () => {
    const text = JSON.stringify({
      pingate: {
        constraintsFile: 'c.txt',
        files: [
          { constraintsFile: 'a.txt', yamlFile: 'a.yml' },
          { constraintsFile: 'b.txt', yamlFile: 'a.yml' },
        ],
      },
    });
    const errors = errorsOf(text);
    expect(errors).toEqual([
      expect.stringMatching(/"pingate\.constraintsFile" cannot be combined with "pingate\.files"/),
      expect.stringMatching(/"pingate\.files\[1\]\.yamlFile" repeats "a\.yml" from "pingate\.files\[0\]"/),
    ]);
  });

  it('keeps served files inside the repository', () => {
    const text = JSON.stringify({
      pingate: { files: [{ constraintsFile: '../other/constraints.txt', yamlFile: '/etc/constraints.yml' }] },
    });
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/"pingate\.files\[0\]\.constraintsFile" must be a path inside the repository/),
      expect.stringMatching(/"pingate\.files\[0\]\.yamlFile" must be a path inside the repository/),
    ]);
    expect(errorsOf('{"pingate": {"yamlFile": "ci/../../x.yml"}}')).toHaveLength(1);
    expect(errorsOf('{"pingate": {"yamlFile": "ci/x.yml"}}')).toEqual([]);
  });

  it('returns the defaults, not a guess, when there are errors', () => {
    const result = parseRepoConfig('{"automerge": false, "timezone": "Nowhere/Land"}', 'renovate.json');
    expect(result.errors).toHaveLength(1);
    expect(result.config).toEqual(defaultRepoConfig());
  });
});

describe('warnings', () => {
  it('accepts $schema and resolves config:recommended without a warning', () => {
    const result = parseRepoConfig(
      '{\n  "$schema": "https://docs.renovatebot.com/renovate-schema.json",\n  "extends": ["config:recommended"]\n}',
      'renovate.json',
    );
    expect(result.errors).toEqual([]);
    expect(lines(result.warnings)).toEqual([]);
    expect(result.config.dependencyDashboard).toBe(true);
  });

  it('warns about a duplicate key at the second one', () => {
    const result = parseRepoConfig('{\n  "labels": ["a"],\n  "labels": ["b"]\n}', 'renovate.json');
    expect(lines(result.warnings)).toEqual([
      'renovate.json:3:3: duplicate key "labels": only the last one counts',
    ]);
    expect(result.config.labels).toEqual(['b']);
  });

  it('warns when approval is required but there is no dashboard to approve on', () => {
    const result = parseRepoConfig(
      '{"dependencyDashboard": false, "dependencyDashboardApproval": true}',
      'r.json',
    );
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toMatch(/needs the dashboard/);
  });
});

describe('loadRepoConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pingate-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the defaults without error when renovate.json is absent', async () => {
    expect(await loadRepoConfig(dir)).toEqual({ config: defaultRepoConfig(), errors: [], warnings: [] });
  });

  it('reads and locates problems in <dir>/renovate.json', async () => {
    await writeFile(join(dir, 'renovate.json'), '\uFEFF{\n  "automerg": true\n}\n');
    const result = await loadRepoConfig(dir);
    expect(lines(result.errors)).toEqual([
      `${join(dir, 'renovate.json')}:2:3: unknown key "automerg" (did you mean "automerge"?)`,
    ]);
  });

  it('reports a directory named renovate.json as an error', async () => {
    await mkdir(join(dir, 'renovate.json'));
    const result = await loadRepoConfig(dir);
    expect(result.errors[0]?.message).toBe(
      `${join(dir, 'renovate.json')} is a directory, not a Renovate config file`,
    );
  });

  it('refuses a named pipe, a device through a symlink, a file over 5 MiB and a binary file without hanging', async () => {
    const cases: [string, () => Promise<void>, RegExp][] = [
      [
        'renovate.json',
        async () => void execFileSync('mkfifo', [join(dir, 'renovate.json')]),
        /named pipe \(FIFO\), not a regular file/,
      ],
      [
        '.github/renovate.json',
        async () => {
          await mkdir(join(dir, '.github'));
          await symlink('/dev/zero', join(dir, '.github', 'renovate.json'));
        },
        /character device, not a regular file/,
      ],
      [
        'renovate.json5',
        async () => writeFile(join(dir, 'renovate.json5'), ' '.repeat(5 * 1024 * 1024 + 1)),
        /Renovate config files over 5 MiB \(5242880 bytes\) are refused/,
      ],
      [
        '.renovaterc',
        async () => writeFile(join(dir, '.renovaterc'), '{"a\0": 1}'),
        /binary file \(NUL byte at offset 3\), not a Renovate config file/,
      ],
    ];
    for (const [name, make, message] of cases) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir);
      await make();
      const result = await loadRepoConfig(dir);
      expect(
        result.errors.map((error) => error.message),
        name,
      ).toEqual([expect.stringMatching(message)]);
      expect(result.errors[0]?.message).toContain(join(dir, name));
    }
  });

  it("accepts this repository's own renovate.json, with its weekend schedule and required jobs", async () => {
    const root = join(import.meta.dirname, '..', '..');
    const result = parseRepoConfig(await readFile(join(root, 'renovate.json'), 'utf8'), 'renovate.json');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.config.timezone).not.toBe('UTC');
    expect(result.config.schedule).toEqual(['every weekend']);
    expect(result.config.pingate.requiredJobs.length).toBeGreaterThan(0);
  });
});
