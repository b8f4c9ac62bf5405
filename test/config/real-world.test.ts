import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/config/load.js';
import { rulesFor } from '../../src/policy/package-rules.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'renovate');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

/** Public config files of Python projects (test/fixtures/renovate/SOURCES.md): none is refused. */
describe.each([
  ['python-gitlab.renovaterc.json', '.renovaterc.json'],
  ['weblate.github-renovate.json', '.github/renovate.json'],
  ['opentelemetry-python-genai.github-renovate.json5', '.github/renovate.json5'],
  ['cki.renovate.json', 'renovate.json'],
])('%s', (fixture, path) => {
  it('is read without an error, each key Renovate has either honoured, migrated or accepted with a warning', () => {
    const result = parseRepoConfig(read(fixture), path);
    expect(result.errors).toEqual([]);
    const kinds = new Set(result.explain?.map((entry) => entry.kind));
    expect(kinds.has('unknown')).toBe(false);
  });
});

describe('what the real configs mean here', () => {
  it("python-gitlab: Renovate's old names become the new ones and its presets resolve", () => {
    const { config, warnings } = parseRepoConfig(read('python-gitlab.renovaterc.json'), '.renovaterc.json');
    expect(config.dependencyDashboard).toBe(true);
    expect(config.schedule).toEqual(['* 0-3 * * 1']);
    expect(rulesFor(config, 'argcomplete', 'minor').enabled).toBe(false);
    expect(rulesFor(config, 'requests', 'minor').groupName).toBe('all non-major dependencies');
    expect(warnings.map((w) => w.message)).toContain(
      '"packageRules[2].packagePatterns" is Renovate\'s old name for "matchPackageNames": read as "matchPackageNames": ["/^gitlab/gitlab-.+$/"]',
    );
  });

  it('weblate: rules about other datasources and files select nothing; labels and automerge apply', () => {
    const { config } = parseRepoConfig(read('weblate.github-renovate.json'), '.github/renovate.json');
    expect(rulesFor(config, 'django', 'minor', { file: 'constraints.txt' })).toMatchObject({
      automerge: true,
      labels: ['dependencies'],
      schedule: ['every weekend'],
    });
  });

  it('opentelemetry (JSON5 with comments): allowedVersions and the patch group apply', () => {
    const { config } = parseRepoConfig(
      read('opentelemetry-python-genai.github-renovate.json5'),
      '.github/renovate.json5',
    );
    expect(rulesFor(config, 'jiter', 'minor').allowedVersions).toBe('<0.12');
    expect(rulesFor(config, 'anyio', 'patch').groupName).toBe('all patch versions');
    expect(rulesFor(config, 'anyio', 'minor').schedule).toEqual(['before 8am on Monday']);
    expect(config.dependencyDashboard).toBe(true);
  });
});

describe("the README's CKI-like renovate.json", () => {
  const cki = read('cki.renovate.json');

  it('is the file the README shows', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /<!-- cki-renovate-json -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(cki);
  });

  it('works as is: constraints.txt served, weekend schedule in Prague, dashboard, automerge of non-majors', () => {
    const result = parseRepoConfig(cki, 'renovate.json');
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.line}:${w.column}: ${w.message}`)).toEqual([
      '7:5: "pip_requirements.fileMatch" is Renovate\'s old name for "managerFilePatterns": read as "managerFilePatterns": ["/(^|/)constraints\\\\.txt$/"]',
      '9:3: "lockFileMaintenance" does not apply here: constraints.txt has no lock file to refresh: every pin is already exact; accepted and ignored',
    ]);
    const { config } = result;
    expect(config.pingate.files.map((f) => f.constraintsFile)).toEqual(['constraints.txt']);
    expect(config).toMatchObject({
      schedule: ['* * * * 0,6'],
      timezone: 'Europe/Prague',
      dependencyDashboard: true,
      prHourlyLimit: 0,
    });
    expect(rulesFor(config, 'anyio', 'minor').automerge).toBe(true);
    expect(rulesFor(config, 'anyio', 'major').automerge).toBe(false);
    expect(rulesFor(config, 'anyio', 'minor').enabled).toBe(true);
  });
});
