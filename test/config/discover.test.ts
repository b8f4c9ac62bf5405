import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverServedFiles, isIgnoredPath, yamlFileFor } from '../../src/config/discover.js';
import { parseRepoConfig } from '../../src/config/load.js';
import { listLocalFiles } from '../../src/config/local-files.js';
import type { PingateConfig } from '../../src/config/schema.js';
import { withDiscoveredFiles } from '../../src/config/served-files.js';
import { readSnapshot } from '../../src/pass/snapshot.js';
import { localSource } from '../../src/pass/sources.js';
import { filePatternMatcher } from '../../src/policy/rule-selectors.js';

function pingateOf(renovate: Record<string, unknown>): PingateConfig {
  const result = parseRepoConfig(JSON.stringify(renovate), 'renovate.json');
  expect(result.errors).toEqual([]);
  return result.config.pingate;
}

const TREE = [
  'README.md',
  'constraints.txt',
  'docs/constraints.txt',
  'requirements/dev.txt',
  'services/api/Constraints.TXT',
  'services/api/constraints.txt',
  'tests/constraints.txt',
];

describe('managerFilePatterns, as Renovate matches them', () => {
  it('a /regex/ against the full path; the old fileMatch is that regex unanchored', () => {
    const old = filePatternMatcher(['/constraints\\.txt$/']);
    expect(TREE.filter(old)).toEqual([
      'constraints.txt',
      'docs/constraints.txt',
      'services/api/constraints.txt',
      'tests/constraints.txt',
    ]);
    expect(TREE.filter(filePatternMatcher(['/^constraints\\.txt$/']))).toEqual(['constraints.txt']);
    expect(TREE.filter(filePatternMatcher(['/constraints\\.txt$/i']))).toContain(
      'services/api/Constraints.TXT',
    );
  });

  it('a glob: minimatch on the whole path, any case, dotfiles included; "*" matches every path', () => {
    expect(TREE.filter(filePatternMatcher(['**/constraints.txt']))).toEqual([
      'constraints.txt',
      'docs/constraints.txt',
      'services/api/Constraints.TXT',
      'services/api/constraints.txt',
      'tests/constraints.txt',
    ]);
    expect(TREE.filter(filePatternMatcher(['requirements/*.txt']))).toEqual(['requirements/dev.txt']);
    expect(filePatternMatcher(['**/*.txt'])('.ci/pins.txt')).toBe(true);
    expect(TREE.filter(filePatternMatcher(['*']))).toEqual(TREE);
    expect(filePatternMatcher(['constraints.txt'])('docs/constraints.txt')).toBe(false);
  });
});

describe('ignorePaths, as Renovate applies them', () => {
  it('a glob (minimatch, dotfiles too) or a substring of the path', () => {
    expect(isIgnoredPath(['**/tests/**'], 'tests/constraints.txt')).toBe(true);
    expect(isIgnoredPath(['**/tests/**'], 'a/tests/b/constraints.txt')).toBe(true);
    expect(isIgnoredPath(['**/tests/**'], 'contests/constraints.txt')).toBe(false);
    expect(isIgnoredPath(['docs/'], 'docs/constraints.txt')).toBe(true);
    expect(isIgnoredPath(['**/.venv/**'], '.venv/lib/constraints.txt')).toBe(true);
    expect(isIgnoredPath([], 'constraints.txt')).toBe(false);
    expect(isIgnoredPath([''], 'constraints.txt')).toBe(false);
  });
});

describe('the yaml file of a discovered constraints file', () => {
  const template = pingateOf({}).files[0]!;

  it('sits beside it as pipeline/constraints.yml sits beside constraints.txt', () => {
    expect(yamlFileFor('constraints.txt', template)).toBe('pipeline/constraints.yml');
    expect(yamlFileFor('services/api/constraints.txt', template)).toBe(
      'services/api/pipeline/constraints.yml',
    );
    expect(yamlFileFor('requirements/dev.txt', template)).toBe('requirements/pipeline/dev.yml');
    expect(yamlFileFor('pins', template)).toBe('pipeline/pins.yml');
  });

  it('follows pingate.yamlFile when it is set', () => {
    const own = pingateOf({
      pingate: { yamlFile: 'ci/pins.yaml' },
      pip_requirements: { fileMatch: ['\\.txt$'] },
    });
    expect(yamlFileFor('constraints.txt', own.files[0]!)).toBe('ci/pins.yaml');
    expect(yamlFileFor('a/dev.txt', own.files[0]!)).toBe('a/ci/dev.yaml');
  });
});

describe('discoverServedFiles', () => {
  it('serves every match but those under ignorePaths (config:recommended ignores tests/), with the shared yaml options', () => {
    const pingate = pingateOf({
      extends: ['config:recommended'],
      pip_requirements: { fileMatch: ['constraints\\.txt$'] },
      pingate: { yamlFormat: 'list' },
    });
    const found = discoverServedFiles(TREE, pingate);
    expect(found.files.map((f) => [f.constraintsFile, f.yamlFile, f.yamlFormat])).toEqual([
      ['constraints.txt', 'pipeline/constraints.yml', 'list'],
      ['docs/constraints.txt', 'docs/pipeline/constraints.yml', 'list'],
      ['services/api/constraints.txt', 'services/api/pipeline/constraints.yml', 'list'],
    ]);
    expect(found.ignored).toEqual(['tests/constraints.txt']);
    expect([found.warnings, found.errors]).toEqual([[], []]);
  });

  it('serves only what includePaths lists, when it lists anything (exact paths or globs)', () => {
    const pingate = pingateOf({
      includePaths: ['services/**', 'constraints.txt'],
      pip_requirements: { fileMatch: ['constraints\\.txt$'] },
    });
    const found = discoverServedFiles(TREE, pingate);
    expect(found.files.map((f) => f.constraintsFile)).toEqual([
      'constraints.txt',
      'services/api/constraints.txt',
    ]);
    expect(found.ignored).toEqual(['docs/constraints.txt', 'tests/constraints.txt']);
  });

  it('says so when nothing is left to serve', () => {
    const pingate = pingateOf({
      ignorePaths: ['tests/'],
      pip_requirements: { managerFilePatterns: ['tests/*.txt'] },
    });
    const found = discoverServedFiles(TREE, pingate);
    expect(found.files).toEqual([]);
    expect(found.warnings).toEqual([
      '"pip_requirements.managerFilePatterns" matches no file of the repository but tests/constraints.txt, which "includePaths" or "ignorePaths" leaves out: pingate serves nothing; list the files in "pingate.files" to serve them',
    ]);
  });

  it('refuses two files that would write one yaml file', () => {
    const pingate = pingateOf({ pip_requirements: { managerFilePatterns: ['/^constraints\\./'] } });
    const found = discoverServedFiles(['constraints.txt', 'constraints.in'], pingate);
    expect(found.errors).toEqual([
      '"pip_requirements.managerFilePatterns" matches constraints.in and constraints.txt, which would both write pipeline/constraints.yml; list the pairs in "pingate.files"',
    ]);
  });

  it('is not in charge when pingate is told its files', () => {
    for (const pingate of [
      { constraintsFile: 'deps/pins.txt' },
      { files: [{ constraintsFile: 'a.txt', yamlFile: 'a.yml' }] },
    ]) {
      const config = pingateOf({ pip_requirements: { fileMatch: ['\\.txt$'] }, pingate });
      expect(config.filePatterns).toBeUndefined();
      expect(discoverServedFiles(TREE, config).files).toEqual(config.files);
    }
  });
});

describe('files pingate is told to serve', () => {
  it('are served as told, with a warning where Renovate would skip them', () => {
    const result = parseRepoConfig(
      JSON.stringify({
        ignorePaths: ['**/tests/**'],
        includePaths: ['services/**'],
        pingate: { files: [{ constraintsFile: 'tests/constraints.txt', yamlFile: 'tests/pins.yml' }] },
      }),
      'renovate.json',
    );
    expect(result.config.pingate.files.map((f) => f.constraintsFile)).toEqual(['tests/constraints.txt']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '"includePaths" does not list tests/constraints.txt: pingate serves it all the same, as what pingate.files or pingate.constraintsFile (default constraints.txt) names is served as told',
      '"ignorePaths" matches tests/constraints.txt: pingate serves it all the same, as what pingate.files or pingate.constraintsFile (default constraints.txt) names is served as told',
    ]);
  });
});

describe('withDiscoveredFiles', () => {
  const text = '{\n  "pip_requirements": {\n    "fileMatch": ["constraints\\\\.txt$"]\n  }\n}\n';

  it('lists the repository only when patterns decide, and places problems at the pip_requirements key', async () => {
    let listed = 0;
    const list = async () => {
      listed += 1;
      return { paths: ['x/constraints.txt', 'x/constraints.txt.txt'], truncatedAt: 2 };
    };
    const plain = parseRepoConfig('{}', 'renovate.json');
    expect(await withDiscoveredFiles(plain, list)).toBe(plain);
    expect(listed).toBe(0);
    const result = await withDiscoveredFiles(parseRepoConfig(text, 'renovate.json'), list);
    expect(listed).toBe(1);
    expect(result.config.pingate.files.map((f) => f.constraintsFile)).toEqual(['x/constraints.txt']);
    expect(result.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.message}`)).toContain(
      "renovate.json:3:5: stopped listing the repository's files after 2: files past them are not served",
    );
  });

  it('serves nothing when discovery fails: the error is a config error', async () => {
    const result = await withDiscoveredFiles(parseRepoConfig(text, 'renovate.json'), async () => ({
      paths: ['constraints.txt', 'pipeline/constraints.yml.constraints.txt'],
    }));
    expect(result.errors).toEqual([]);
    const clash = await withDiscoveredFiles(
      parseRepoConfig('{"pip_requirements": {"managerFilePatterns": ["**/*"]}}', 'renovate.json'),
      async () => ({ paths: ['constraints.txt', 'pipeline/constraints.yml'] }),
    );
    expect(clash.config.pingate.files).toEqual([]);
    expect(clash.errors.map((e) => e.message)).toEqual([
      '"pip_requirements.managerFilePatterns" matches pipeline/constraints.yml, which is the yaml file of constraints.txt; list the pairs in "pingate.files"',
    ]);
  });
});

describe('listLocalFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pingate-tree-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function put(path: string) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), 'x\n');
  }

  it('lists the working tree, sorted, without .git, node_modules, virtual environments or symlinks', async () => {
    for (const path of [
      'constraints.txt',
      '.ci/constraints.txt',
      'services/api/constraints.txt',
      '.git/constraints.txt',
      'node_modules/pkg/constraints.txt',
      'web/node_modules/pkg/constraints.txt',
      'env/pyvenv.cfg',
      'env/lib/constraints.txt',
      'src/__pycache__/constraints.txt',
    ]) {
      await put(path);
    }
    await symlink(join(dir, 'services'), join(dir, 'loop'));
    await symlink(join(dir, 'constraints.txt'), join(dir, 'link.txt'));
    expect(await listLocalFiles(dir)).toEqual({
      paths: ['.ci/constraints.txt', 'constraints.txt', 'services/api/constraints.txt'],
    });
  });

  it('is what pingate plan reads: the snapshot of a checkout serves what the patterns match there', async () => {
    await writeFile(
      join(dir, 'renovate.json'),
      JSON.stringify({ pip_requirements: { fileMatch: ['pins\\.txt$'] } }),
    );
    for (const path of ['pins.txt', 'a/pins.txt', 'node_modules/b/pins.txt', 'constraints.txt'])
      await put(path);
    const snapshot = await readSnapshot(localSource(dir));
    expect(snapshot.pairs.map((pair) => [pair.served.constraintsFile, pair.served.yamlFile])).toEqual([
      ['a/pins.txt', 'a/pipeline/pins.yml'],
      ['pins.txt', 'pipeline/pins.yml'],
    ]);
  });

  it('stops at its bound and says where', async () => {
    for (const path of ['a.txt', 'b.txt', 'c/d.txt']) await put(path);
    expect(await listLocalFiles(dir, 2)).toEqual({ paths: ['a.txt', 'b.txt'], truncatedAt: 2 });
  });
});
