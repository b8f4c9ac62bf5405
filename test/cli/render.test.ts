import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RenderRun, renderCommand, runRender } from '../../src/cli/render.js';
import { BadInputError } from '../../src/errors.js';

const URL_A = 'git+https://gitlab.com/cki-project/cki-lib.git@fix';
let dir: string;
let out: string;
let err: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pingate-render-'));
  out = '';
  err = '';
  await writeFile(join(dir, 'constraints.txt'), '# pins\r\ncki-lib==1.0\r\nrequests==2.31.0\r\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(options: Partial<RenderRun>): Promise<number> {
  return runRender({
    input: 'constraints.txt',
    overrides: [],
    fromEnv: false,
    env: {},
    cwd: dir,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    ...options,
  });
}

describe('runRender', () => {
  it('prints the file with the named package replaced', async () => {
    expect(await run({ overrides: [`cki_lib=${URL_A}`] })).toBe(0);
    expect(out).toBe(`# pins\r\ncki-lib @ ${URL_A}\r\nrequests==2.31.0\r\n`);
    expect(err).toBe('');
  });

  it('appends a package that is not in the file', async () => {
    await run({ overrides: ['kcidb-io=https://x.example/kcidb-io.tar.gz'] });
    expect(out).toBe(
      '# pins\r\ncki-lib==1.0\r\nrequests==2.31.0\r\nkcidb-io @ https://x.example/kcidb-io.tar.gz\r\n',
    );
  });

  it('takes <name>_pip_url variables with --overrides-from-env, a flag beating a variable', async () => {
    await run({
      fromEnv: true,
      env: {
        cki_lib_pip_url: 'https://env.example/cki-lib.zip',
        requests_pip_url: 'https://env.example/requests.zip',
      },
      overrides: [`cki-lib=${URL_A}`],
    });
    expect(out).toBe(`# pins\r\ncki-lib @ ${URL_A}\r\nrequests @ https://env.example/requests.zip\r\n`);
  });

  it('ignores the variables without --overrides-from-env', async () => {
    await run({ env: { cki_lib_pip_url: URL_A } });
    expect(out).toBe('# pins\r\ncki-lib==1.0\r\nrequests==2.31.0\r\n');
  });

  it('refuses a malformed override or a package named twice, before reading anything', async () => {
    await expect(run({ overrides: ['cki-lib'] })).rejects.toThrow(BadInputError);
    await expect(run({ overrides: [`cki-lib=${URL_A}`, `CKI_lib=${URL_A}`] })).rejects.toThrow(
      '--override names cki-lib twice; give each package one URL',
    );
    expect(out).toBe('');
  });

  it('shows an example in --help', () => {
    let help = '';
    renderCommand(() => {})
      .configureOutput({
        writeOut: (text) => {
          help += text;
        },
      })
      .outputHelp();
    expect(help).toContain('$ pingate render --override cki-lib=');
    expect(help).toContain('--overrides-from-env');
  });
});
