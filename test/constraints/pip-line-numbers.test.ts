/**
 * Line numbers as pip gives them, with pip itself as the judge: pip 23.2.1 numbers the lines of a requirements file
 * by Python's `str.splitlines()`, so a lone CR, U+2028, a form feed … each start a line. For each line break a file
 * holds a bad line after it; pingate's diagnostic must name the line pip names.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConstraints } from '../../src/constraints/parse.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pingate-pip-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * pip's own reading of requirements files (`parse_requirements`, then building each requirement, as
 * `pip install -c FILE` does), over many files in one Python process: the error of each, or null.
 */
const ORACLE = `
import json, sys
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement
session, out = PipSession(), {}
for path in sys.argv[1:]:
    try:
        for parsed in parse_requirements(path, session=session, constraint=True):
            install_req_from_parsed_requirement(parsed)
        out[path] = None
    except Exception as error:
        out[path] = str(error)
print(json.dumps(out))
`;

function write(name: string, text: string): string {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, text, 'utf8');
  return path;
}

/** The line pip names (`… (from line N of FILE)`) for each file. */
async function pipLines(paths: string[]): Promise<number[]> {
  const { stdout } = await run('python3', ['-c', ORACLE, ...paths], { timeout: 120_000 });
  const errors = JSON.parse(stdout) as Record<string, string | null>;
  return paths.map((path) => Number(/from line (\d+) of /.exec(errors[path] ?? '')?.[1] ?? Number.NaN));
}

const CASES: [string, string][] = [
  ['lf', 'six==1.0\nattrs==1.0\nthis is bad\n'],
  ['crlf', 'six==1.0\r\nattrs==1.0\r\nthis is bad\r\n'],
  ['cr', 'six==1.0\rattrs==1.0\rthis is bad\r'],
  ['mixed', 'six==1.0\r\nattrs==1.0\rcelery==5.3.0\nthis is bad\n'],
  ['u2028', 'six==1.0\u2028attrs==1.0\nthis is bad\n'],
  ['u2029', 'six==1.0\u2029this is bad\n'],
  ['nel', 'six==1.0\u0085this is bad\n'],
  ['vt-ff', 'six==1.0\u000battrs==1.0\u000cthis is bad\n'],
  ['fs', 'six==1.0\u001cattrs==1.0\u001ethis is bad\n'],
  ['continuation-cr', `six==1.0 \\\r    --hash=sha256:${'a'.repeat(64)}\rthis is bad\n`],
];

describe('line numbers of diagnostics, judged by pip 23.2.1', () => {
  it('names the bad line pip names, after every kind of line break', async () => {
    const expected = await pipLines(CASES.map(([name, text]) => write(name, text)));
    const ours = CASES.map(([, text]) =>
      parseConstraints(text, 'constraints.txt').diagnostics.map((d) => d.line),
    );
    expect(ours).toEqual(expected.map((line) => [line]));
    // pip names no column; pingate's points at what it could not read ("is").
    expect(CASES.map(([, text]) => parseConstraints(text, 'c.txt').diagnostics[0]?.column)).toEqual(
      CASES.map(() => 6),
    );
  }, 120_000);

  it('agrees with `pip install -c` itself on a file with CR-only line endings', async () => {
    const path = write('cli-cr', 'six==1.0\rattrs==1.0\rthis is bad\r');
    const failed = await run(
      'python3',
      ['-m', 'pip', '--isolated', 'install', '--dry-run', '--no-index', '-c', path, 'six'],
      {
        timeout: 120_000,
      },
    ).then(
      () => undefined,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failed).toContain(`(from line 3 of ${path})`);
    expect(
      parseConstraints('six==1.0\rattrs==1.0\rthis is bad\r', 'c.txt').diagnostics.map((d) => d.line),
    ).toEqual([3]);
  }, 120_000);
});
