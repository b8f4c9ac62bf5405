import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/validate.js';

const root = join(import.meta.dirname, '..', '..');

async function validate(dir: string): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runValidate({ dir, stdout: (text) => (output += text) });
  return { code, output: output.split(dir).join('DIR') };
}

describe('pingate validate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pingate-validate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on a clean repository', async () => {
    await writeFile(join(dir, 'renovate.json'), '{\n  "timezone": "Europe/Prague"\n}\n');
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\nurllib3==2.2.1\n');
    expect(await validate(dir)).toEqual({
      code: 0,
      output: 'DIR/renovate.json, DIR/constraints.txt: no problems\n',
    });
  });

  it('uses the defaults without renovate.json', async () => {
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\n');
    expect((await validate(dir)).code).toBe(0);
  });

  it('prints every problem of renovate.json and the constraints file as FILE:LINE:COL and exits 1', async () => {
    await writeFile(join(dir, 'renovate.json'), '{\n  "automerg": true,\n  "prHourlyLimit": "2"\n}\n');
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\nurllib3=2.2.1\n');
    const { code, output } = await validate(dir);
    expect(code).toBe(1);
    const lines = output.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'DIR/renovate.json:2:3: unknown key "automerg" (did you mean "automerge"?)',
      'DIR/renovate.json:3:20: "prHourlyLimit" must be a whole number >= 0, found "2"',
    ]);
    expect(lines[2]).toMatch(/^DIR\/constraints\.txt:2:\d+: /);
    expect(lines[3]).toBe('3 problems in DIR/renovate.json, DIR/constraints.txt');
  });

  it('checks every constraints file of pingate.files', async () => {
    await mkdir(join(dir, 'api'));
    await mkdir(join(dir, 'worker'));
    await writeFile(
      join(dir, 'renovate.json'),
      JSON.stringify({
        pingate: {
          files: [
            { constraintsFile: 'api/constraints.txt', yamlFile: 'api/constraints.yml' },
            { constraintsFile: 'worker/constraints.txt', yamlFile: 'worker/constraints.yml' },
          ],
        },
      }),
    );
    await writeFile(join(dir, 'api', 'constraints.txt'), 'flask==3.0.0\n');
    await writeFile(join(dir, 'worker', 'constraints.txt'), 'celery==5.3.0\n!!!\n');
    const { code, output } = await validate(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^DIR\/worker\/constraints\.txt:2:1: /m);
    expect(output).not.toMatch(/api\/constraints\.txt:\d/);
  });

  it('reports a missing constraints file as a problem, not a crash, and exits 2: the check could not be made', async () => {
    const { code, output } = await validate(dir);
    expect(code).toBe(2);
    expect(output).toMatch(/^DIR\/constraints\.txt: .*no such file/m);
  });

  it('prints warnings without failing', async () => {
    await writeFile(
      join(dir, 'renovate.json'),
      '{"extends": ["config:recommended"], "rangeStrategy": "pin"}',
    );
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\n');
    const { code, output } = await validate(dir);
    expect(code).toBe(0);
    expect(output).toBe(
      'DIR/renovate.json:1:37: warning: "rangeStrategy" does not apply here: pingate updates exact pins only; ranges are kept as written; accepted and ignored\n' +
        'DIR/renovate.json, DIR/constraints.txt: no problems\n',
    );
  });

  it('reads the first of the files Renovate reads, as JSON5, and names it', async () => {
    await mkdir(join(dir, '.gitlab'));
    await writeFile(
      join(dir, '.gitlab', 'renovate.json5'),
      "{\n  // weekends only\n  schedule: ['every weekend'],\n  automerg: true,\n}\n",
    );
    await writeFile(join(dir, '.renovaterc'), '{"automerge": "no"}');
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\n');
    expect(await validate(dir)).toEqual({
      code: 1,
      output:
        'DIR/.gitlab/renovate.json5:4:3: unknown key "automerg" (did you mean "automerge"?)\n' +
        '1 problem in DIR/.gitlab/renovate.json5, DIR/constraints.txt\n',
    });
  });

  it('--explain prints each key with what pingate does with it', async () => {
    await writeFile(
      join(dir, 'renovate.json'),
      '{\n  "stabilityDays": 3,\n  "lockFileMaintenance": {"enabled": true},\n  "schedule": ["every weekend"]\n}\n',
    );
    await writeFile(join(dir, 'constraints.txt'), 'requests==2.31.0\n');
    let output = '';
    const code = await runValidate({ dir, explain: true, stdout: (text) => (output += text) });
    expect(code).toBe(0);
    expect(output.split(dir).join('DIR').split('\n').slice(0, 4)).toEqual([
      'DIR/renovate.json: read (the first of the files Renovate reads)',
      'DIR/renovate.json:2:3: stabilityDays: migrated: read as "minimumReleaseAge"',
      'DIR/renovate.json:2:3: minimumReleaseAge: honoured: younger releases wait (shown as pending)',
      'DIR/renovate.json:3:3: lockFileMaintenance: not applicable: constraints.txt has no lock file to refresh: every pin is already exact',
    ]);
  });
});

describe('the pingate binary', () => {
  function pingate(...args: string[]) {
    return spawnSync(process.execPath, [join(root, 'bin', 'pingate.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });
  }

  it('passes on this repository', () => {
    const result = pingate('validate');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('renovate.json, constraints.txt: no problems\n');
    expect(result.status).toBe(0);
  });

  it('has --help with an example', () => {
    const result = pingate('validate', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--dir <dir>/);
    expect(result.stdout).toMatch(/\$ pingate validate/);
  });
});
