/**
 * The template's installation test, run for real: its own script lines in bash, with the real pip 23.2.1 of this
 * machine (in a virtual environment that borrows it), against tiny wheels in a directory (`--find-links`, no index).
 * Files pingate accepts but pip refuses inside a `-c` file (extras, bare paths, direct references) must install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConstraints } from '../../src/constraints/parse.js';
import { renderYaml } from '../../src/constraints/yaml.js';
import { type Mapping, readYaml, resolveJob } from './gitlab-ci.js';

const ROOT = join(import.meta.dirname, '..', '..');
const job = resolveJob(readYaml(ROOT, 'templates/pingate.gitlab-ci.yml'), '.pingate-install-test');
const dirs: string[] = [];
let wheels = '';
let python = '';

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A wheel is a zip of METADATA, WHEEL and RECORD: written with Python's zipfile, as pip reads it. */
function wheel(dir: string, name: string, version: string, requires: string[] = []): void {
  const dist = `${name}-${version}.dist-info`;
  const metadata = ['Metadata-Version: 2.1', `Name: ${name}`, `Version: ${version}`];
  for (const requirement of requires) {
    const extra = /; extra == "(.+)"$/.exec(requirement)?.[1];
    if (extra && !metadata.includes(`Provides-Extra: ${extra}`)) metadata.push(`Provides-Extra: ${extra}`);
    metadata.push(`Requires-Dist: ${requirement}`);
  }
  const files: Record<string, string> = {
    [`${dist}/METADATA`]: `${metadata.join('\n')}\n`,
    [`${dist}/WHEEL`]:
      'Wheel-Version: 1.0\nGenerator: pingate-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  const record = Object.entries(files).map(([path, text]) => {
    const digest = createHash('sha256').update(text).digest('base64url');
    return `${path},sha256=${digest},${Buffer.byteLength(text)}`;
  });
  files[`${dist}/RECORD`] = `${[...record, `${dist}/RECORD,,`].join('\n')}\n`;
  const zip = join(dir, `${name}-${version}-py3-none-any.whl`);
  const script =
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w")\nfor k,v in json.load(sys.stdin).items(): z.writestr(k,v)\nz.close()';
  execFileSync('python3', ['-c', script, zip], { input: JSON.stringify(files) });
}

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'pingate-install-test-'));
  dirs.push(base);
  wheels = join(base, 'wheels');
  mkdirSync(wheels);
  wheel(wheels, 'ptcelery', '5.3.0', ['ptkombu>=5', 'ptredis>=4; extra == "redis"']);
  wheel(wheels, 'ptkombu', '5.3.1');
  wheel(wheels, 'ptredis', '5.0.1');
  wheel(wheels, 'ptsix', '1.16.0');
}, 60_000);

/** A fresh project directory with a virtual environment whose `python -m pip` is this machine's pip. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-install-project-'));
  dirs.push(dir);
  execFileSync('python3', ['-m', 'venv', '--without-pip', '--system-site-packages', join(dir, 'venv')]);
  python = join(dir, 'venv', 'bin', 'python');
  return dir;
}

/** The job's variables as GitLab expands them (`$CI_PROJECT_DIR` inside a value), plus the generated yaml's. */
function jobEnv(dir: string, constraints: string): Record<string, string> {
  const generated = parse(
    renderYaml(parseConstraints(constraints, 'constraints.txt'), {
      format: 'gitlab-ci',
      key: '.pip-constraints',
      variable: 'PIP_CONSTRAINTS',
      sourceName: 'constraints.txt',
    }),
  ) as Mapping;
  const variables = { ...((job['variables'] as Record<string, string>) ?? {}) };
  const expanded = Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, String(value).split('$CI_PROJECT_DIR').join(dir)]),
  );
  return {
    ...expanded,
    PIP_CONSTRAINTS: ((generated['.pip-constraints'] as Mapping)['variables'] as Record<string, string>)[
      'PIP_CONSTRAINTS'
    ]!,
    CI_PROJECT_DIR: dir,
    PATH: `${join(dir, 'venv', 'bin')}:${process.env.PATH ?? ''}`,
    HOME: dir,
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: wheels,
    PIP_CACHE_DIR: join(dir, '.cache', 'pip'),
  };
}

function runJob(dir: string, constraints: string): { status: number | null; output: string } {
  const script = (job['script'] as string[]).join('\n');
  const result = spawnSync('bash', ['-e', '-c', script], {
    cwd: dir,
    env: jobEnv(dir, constraints),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function installed(name: string): string {
  return execFileSync(python, ['-c', `import importlib.metadata as m; print(m.version("${name}"))`], {
    encoding: 'utf8',
  }).trim();
}

describe('the template’s installation test with the real pip', () => {
  it('installs a file with extras: -c without them, the extras as requirements, so what they need is installed', () => {
    const constraints = [
      '# pins',
      'ptcelery[redis]==5.3.0',
      'ptkombu==5.3.1 ; python_version >= "3"',
      'ptredis==5.0.1',
      'ptsix==1.16.0  # why',
      '',
    ].join('\n');
    expect(parseConstraints(constraints, 'constraints.txt').diagnostics).toEqual([]);
    const dir = project();
    // The job as it was: pip refuses the file.
    writeFileSync(join(dir, 'plain.txt'), constraints);
    const plain = spawnSync(python, ['-m', 'pip', 'install', '--dry-run', '-c', 'plain.txt', 'ptsix'], {
      cwd: dir,
      env: jobEnv(dir, constraints),
      encoding: 'utf8',
    });
    expect(plain.stderr).toContain('Constraints cannot have extras');
    const result = runJob(dir, constraints);
    expect(result.output).not.toContain('ERROR');
    expect(result.status).toBe(0);
    expect(['ptcelery', 'ptkombu', 'ptredis', 'ptsix'].map(installed)).toEqual([
      '5.3.0',
      '5.3.1',
      '5.0.1',
      '1.16.0',
    ]);
  }, 180_000);

  it('installs a file with a direct reference and a bare path, which pip refuses as constraints', () => {
    const dir = project();
    const constraints = [
      `ptsix @ file://${join(wheels, 'ptsix-1.16.0-py3-none-any.whl')}`,
      `${join(wheels, 'ptkombu-5.3.1-py3-none-any.whl')}`,
      'ptcelery[redis] == 5.3.0',
      'ptredis==5.0.1',
      '',
    ].join('\n');
    expect(parseConstraints(constraints, 'constraints.txt').diagnostics).toEqual([]);
    const result = runJob(dir, constraints);
    expect(result.output).not.toContain('ERROR');
    expect(result.status).toBe(0);
    expect(['ptcelery', 'ptkombu', 'ptredis', 'ptsix'].map(installed)).toEqual([
      '5.3.0',
      '5.3.1',
      '5.0.1',
      '1.16.0',
    ]);
  }, 180_000);

  it('still fails when the pins cannot be installed together', () => {
    const dir = project();
    const result = runJob(dir, 'ptcelery[redis]==5.3.0\nptredis==3.0\n');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/ptredis/);
  }, 180_000);
});
