import { describe, expect, it } from 'vitest';
import { parseRepoConfig, readRepoConfig } from '../../src/config/load.js';
import type { PresetReader } from '../../src/config/preset-fetch.js';
import type { Diagnostic } from '../../src/constraints/types.js';

function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

function builtIn(extend: string[]) {
  const result = parseRepoConfig(JSON.stringify({ extends: extend }), 'renovate.json');
  expect(lines(result.errors)).toEqual([]);
  return result;
}

/** Files of other GitLab projects, by `project/file`; a value that is an Error is a read that failed. */
function reader(files: Record<string, string | Error>, reads: string[] = []): PresetReader {
  return {
    async read(project, file, ref) {
      reads.push(`${project}/${file}${ref ? `#${ref}` : ''}`);
      const found = files[`${project}/${file}`];
      if (found instanceof Error) throw found;
      return found;
    },
  };
}

async function withPresets(
  config: Record<string, unknown>,
  files: Record<string, string | Error>,
  reads?: string[],
) {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  return readRepoConfig(async (path) => (path === 'renovate.json' ? text : undefined), reader(files, reads));
}

describe("Renovate's built-in presets", () => {
  it('resolve to their settings as Renovate defines them', () => {
    expect(builtIn(['schedule:weekends']).config.schedule).toEqual(['* * * * 0,6']);
    expect(builtIn(['schedule:earlyMondays']).config.schedule).toEqual(['* 0-3 * * 1']);
    expect(builtIn(['schedule:nonOfficeHours']).config.schedule).toEqual([
      '* 0-4,22-23 * * 1-5',
      '* * * * 0,6',
    ]);
    expect(builtIn(['schedule:monthly']).config.schedule).toEqual(['* 0-3 1 * *']);
    expect(builtIn([':timezone(Europe/Prague)']).config.timezone).toBe('Europe/Prague');
    expect(builtIn([':automergeDisabled']).config.automerge).toBe(false);
    expect(builtIn([':prHourlyLimitNone', ':prConcurrentLimitNone']).config).toMatchObject({
      prHourlyLimit: 0,
      prConcurrentLimit: 0,
    });
    expect(builtIn([':semanticCommits']).config.semanticCommits).toBe('enabled');
    expect(builtIn([':label(deps)']).config.labels).toEqual(['deps']);
    expect(builtIn([':labels(deps, python)']).config.labels).toEqual(['deps', 'python']);
    expect(builtIn([':disableDependencyDashboard']).config.dependencyDashboard).toBe(false);
    expect(builtIn(['group:allNonMajor']).config.packageRules).toEqual([
      {
        matchPackageNames: ['*'],
        matchUpdateTypes: ['minor', 'patch'],
        groupName: 'all non-major dependencies',
      },
    ]);
    expect(builtIn(['group:all']).config.separateMajorMinor).toBe(false);
    expect(builtIn([':automergePatch']).config).toMatchObject({
      separateMinorPatch: true,
      packageRules: [{ automerge: true, matchUpdateTypes: ['patch'] }],
    });
  });

  it('nest (config:best-practices → config:recommended → :dependencyDashboard, :ignoreModulesAndTests) silently', () => {
    const result = builtIn([':disableDependencyDashboard', 'config:best-practices']);
    expect(result.warnings).toEqual([]);
    expect(result.config.dependencyDashboard).toBe(true);
    expect(result.config.pingate.ignorePaths).toContain('**/tests/**');
  });

  it('reads config:base as config:recommended, with a warning naming the new name', () => {
    const result = builtIn(['config:base']);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:1:13: preset "config:base" is Renovate\'s old name for "config:recommended": read as "config:recommended"',
    ]);
  });

  it('let the file override what a preset sets, and join mergeable lists', () => {
    const result = parseRepoConfig(
      JSON.stringify({
        extends: ['schedule:weekends', 'group:allNonMajor'],
        schedule: ['before 6am on monday'],
        packageRules: [{ matchPackageNames: ['boto3'], enabled: false }],
      }),
      'renovate.json',
    );
    expect(result.config.schedule).toEqual(['before 6am on monday']);
    expect(result.config.packageRules.map((rule) => rule.groupName ?? rule.enabled)).toEqual([
      'all non-major dependencies',
      false,
    ]);
  });

  it('warn about a GitHub, npm or unknown built-in preset: not read', () => {
    const result = parseRepoConfig(
      '{"extends": ["github>org/renovate-config", "@org/renovate-config", "helpers:somethingNew"]}',
      'renovate.json',
    );
    expect(result.errors).toEqual([]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:1:14: preset "github>org/renovate-config": not read: pingate reads presets built into Renovate and from GitLab, not from GitHub; write its settings here instead',
      'renovate.json:1:44: preset "@org/renovate-config": not read: pingate reads presets built into Renovate and from GitLab, not from npm; write its settings here instead',
      'renovate.json:1:68: preset "helpers:somethingNew": not read: it is not one of Renovate\'s built-in presets pingate knows; write its settings here instead',
    ]);
  });

  it('honour ignorePresets', () => {
    const result = builtIn(['config:recommended']);
    expect(result.config.dependencyDashboard).toBe(true);
    const ignored = parseRepoConfig(
      JSON.stringify({
        extends: ['config:recommended'],
        ignorePresets: [':dependencyDashboard'],
        dependencyDashboard: false,
      }),
      'renovate.json',
    );
    expect(ignored.config.dependencyDashboard).toBe(false);
  });
});

describe('presets kept in another GitLab project', () => {
  it('are read through the reader (local> default.json, gitlab>…:name, #ref), nested, JSON5', async () => {
    const reads: string[] = [];
    const result = await withPresets(
      { extends: ['local>cki/renovate-config', 'gitlab>cki/renovate-config:python#v2'] },
      {
        'cki/renovate-config/default.json':
          '{\n  // shared\n  extends: ["gitlab>cki/base"],\n  labels: ["deps"],\n}\n',
        'cki/base/default.json': '{"timezone": "Europe/Prague", "schedule": ["every weekend"]}',
        'cki/renovate-config/python.json':
          '{"pingate": {"pythonVersions": ["3.12"]}, "semanticCommits": "enabled"}',
      },
      reads,
    );
    expect(lines(result.errors)).toEqual([]);
    expect(result.config).toMatchObject({
      labels: ['deps'],
      timezone: 'Europe/Prague',
      semanticCommits: 'enabled',
    });
    expect(result.config.pingate.pythonVersions).toEqual(['3.12']);
    expect(reads).toEqual([
      'cki/renovate-config/default.json',
      'cki/renovate-config/python.json#v2',
      'cki/base/default.json',
    ]);
  });

  it('fall back from default.json to renovate.json, as Renovate does', async () => {
    const result = await withPresets(
      { extends: ['local>cki/presets'] },
      { 'cki/presets/renovate.json': '{"automerge": false}' },
    );
    expect(result.config.automerge).toBe(false);
  });

  it('report what a preset says about its own keys at the extends entry, naming the preset file', async () => {
    const result = await withPresets(
      { extends: ['local>cki/presets'] },
      {
        'cki/presets/default.json': '{\n  "rangeStrategy": "pin",\n  "automerge": "yes"\n}',
      },
    );
    expect(lines(result.errors)).toEqual([
      'renovate.json:3:5: preset "local>cki/presets": "automerge" must be true or false, found "yes" (cki/presets/default.json:3:16)',
    ]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:3:5: preset "local>cki/presets": "rangeStrategy" does not apply here: pingate updates exact pins only; ranges are kept as written; accepted and ignored (cki/presets/default.json:2:3)',
    ]);
  });

  it('in a cycle are an error', async () => {
    const result = await withPresets(
      { extends: ['local>a/presets'] },
      {
        'a/presets/default.json': '{"extends": ["local>b/presets"], "labels": ["a"]}',
        'b/presets/default.json': '{"extends": ["local>a/presets"]}',
      },
    );
    expect(lines(result.errors)).toEqual([
      'renovate.json:3:5: preset "local>a/presets" → preset "local>b/presets" → preset "local>a/presets": presets extend each other in a cycle',
    ]);
  });

  it('that cannot be read are an error (fail closed: the pass plans nothing with a config it could not read)', async () => {
    const missing = await withPresets({ extends: ['local>cki/gone'] }, {});
    expect(lines(missing.errors)).toEqual([
      'renovate.json:3:5: preset "local>cki/gone": cannot be read: default.json or renovate.json not found in GitLab project "cki/gone"',
    ]);
    const failing = await withPresets(
      { extends: ['local>cki/flaky'] },
      {
        'cki/flaky/default.json': new Error('GitLab answered 502'),
      },
    );
    expect(lines(failing.errors)).toEqual([
      'renovate.json:3:5: preset "local>cki/flaky": cannot be read from GitLab project "cki/flaky": GitLab answered 502',
    ]);
    const broken = await withPresets(
      { extends: ['local>cki/broken'] },
      { 'cki/broken/default.json': '{"a": ' },
    );
    expect(lines(broken.errors)).toEqual([
      'renovate.json:3:5: preset "local>cki/broken": invalid JSON5: a value expected (a string, number, true, false, null, { or [), found the end of the file (cki/broken/default.json:1:7)',
    ]);
  });

  it('that cannot be read are a warning where a person previews the config (validate, plan); broken ones an error', async () => {
    const text = '{\n  "extends": ["local>cki/gone", "local>cki/broken"]\n}\n';
    const result = await readRepoConfig(
      async (path) => (path === 'renovate.json' ? text : undefined),
      reader({ 'cki/broken/default.json': '{"automerge": "yes"}' }),
      { unreadable: 'warning' },
    );
    expect(lines(result.warnings)).toEqual([
      'renovate.json:2:15: preset "local>cki/gone": cannot be read: default.json or renovate.json not found in GitLab project "cki/gone"; its settings are not applied here (the bot pass reads it with the bot token and stops if it cannot)',
    ]);
    expect(lines(result.errors)).toEqual([
      'renovate.json:2:33: preset "local>cki/broken": "automerge" must be true or false, found "yes" (cki/broken/default.json:1:15)',
    ]);
  });

  it('are a warning where GitLab is not read (validate, plan)', () => {
    const result = parseRepoConfig('{"extends": ["local>cki/presets"]}', 'renovate.json');
    expect(result.errors).toEqual([]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:1:14: preset "local>cki/presets": not read: this command does not read GitLab',
    ]);
  });
});
