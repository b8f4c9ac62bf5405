/**
 * Local input that used to hang or crash the CLI (issue: "local input that hangs or crashes"), each run through the
 * real binary with a deadline and its peak memory measured. Bounds are generous (a busy machine starts Node slowly):
 * they tell "finished" from "hung" and "a few dozen MB" from "read without bound", not fast from slow.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BoundedResult, runBounded } from '../helpers/bounded-cli.js';

const MAX_MB = 256;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function repo(constraints?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-local-input-'));
  dirs.push(dir);
  if (constraints !== undefined) writeFileSync(join(dir, 'constraints.txt'), constraints);
  return dir;
}

function expectBounded(result: BoundedResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.peakMb).toBeLessThan(MAX_MB);
  // No uncaught error: no stack trace, no RangeError.
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/RangeError|^\s+at /m);
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('constraints files that are not regular files, or too large', () => {
  it('refuses a symlink to /dev/zero at once (exit 2), instead of reading it without bound', async () => {
    const dir = repo();
    symlinkSync('/dev/zero', join(dir, 'constraints.txt'));
    const validate = await runBounded(['validate'], { cwd: dir });
    expectBounded(validate);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain(
      'constraints.txt: constraints.txt is a character device, not a regular file',
    );
    const yaml = await runBounded(['yaml'], { cwd: dir });
    expectBounded(yaml);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain('constraints.txt is a character device, not a regular file');
  }, 60_000);

  it('refuses a named pipe nobody writes to, without waiting for a writer', async () => {
    const dir = repo();
    mkfifo(join(dir, 'constraints.txt'));
    const result = await runBounded(['validate'], { cwd: dir });
    expectBounded(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('constraints.txt is a named pipe (FIFO), not a regular file');
  }, 60_000);

  it('refuses a file over 5 MiB without reading it (exit 2)', async () => {
    const dir = repo('');
    truncateSync(join(dir, 'constraints.txt'), 6 * 1024 * 1024);
    const result = await runBounded(['validate'], { cwd: dir });
    expectBounded(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'is 6291456 bytes; constraints files over 5 MiB (5242880 bytes) are refused',
    );
  }, 60_000);

  it('exits 2 on a missing constraints file, 1 on problems, 0 when clean', async () => {
    expect((await runBounded(['validate'], { cwd: repo() })).code).toBe(2);
    expect((await runBounded(['validate'], { cwd: repo('six==1.0\nnot a pin\n') })).code).toBe(1);
    expect((await runBounded(['validate'], { cwd: repo('six==1.0\n') })).code).toBe(0);
  }, 60_000);
});

describe('lines pip reads but a parser could choke on', () => {
  it('reports a marker nested 5,000 parentheses deep as FILE:LINE:COL, not a stack overflow', async () => {
    const deep = `${'('.repeat(5000)}python_version > "3"${')'.repeat(5000)}`;
    const dir = repo(`attrs==23.2.0\nsix==1.0 ; ${deep}\n`);
    const validate = await runBounded(['validate'], { cwd: dir });
    expectBounded(validate);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'constraints.txt:2:76: expected at most 64 nested parentheses, found a 65th "("',
    );
    // The other commands keep the line as it is and go on.
    const yaml = await runBounded(['yaml', '--output', 'out.yml'], { cwd: dir });
    expectBounded(yaml);
    expect(yaml.code).toBe(0);
    expect(yaml.stderr).toContain('constraints.txt:2:76: ');
  }, 60_000);

  it('numbers lines after CR-only endings and U+2028 as pip does', async () => {
    const dir = repo('six==1.0\rattrs==23.2.0\u2028celery==5.3.0\nnot a pin\n');
    const result = await runBounded(['validate'], { cwd: dir });
    expectBounded(result);
    expect(result.stdout).toMatch(/^constraints\.txt:4:5: /m);
  }, 60_000);
});

describe('yaml --output that is not a regular file', () => {
  it('writes through /dev/stdout into a pipe, without reading it first, and leaves the link alone', async () => {
    const before = lstatSync('/dev/stdout');
    const link = before.isSymbolicLink() ? readlinkSync('/dev/stdout') : undefined;
    const dir = repo('six==1.0\n');
    const result = await runBounded(['yaml', '--output', '/dev/stdout'], { cwd: dir });
    expectBounded(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PIP_CONSTRAINTS: |\n      six==1.0\n');
    // The report goes to stderr, beside the yaml.
    expect(result.stderr).toBe('wrote /dev/stdout from constraints.txt\n');
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(before.isSymbolicLink());
    if (link !== undefined) expect(readlinkSync('/dev/stdout')).toBe(link);
  }, 60_000);

  it('writes through a symlink to its target, keeping the link', async () => {
    const dir = repo('six==1.0\n');
    mkdirSync(join(dir, 'pipeline'));
    writeFileSync(join(dir, 'real.yml'), 'old\n');
    symlinkSync('../real.yml', join(dir, 'pipeline', 'constraints.yml'));
    const result = await runBounded(['yaml'], { cwd: dir });
    expectBounded(result);
    expect(lstatSync(join(dir, 'pipeline', 'constraints.yml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.yml'), 'utf8')).toContain('      six==1.0\n');
    expect((await runBounded(['yaml', '--check'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('writes into a named pipe a reader holds, and refuses one nobody reads instead of hanging', async () => {
    const dir = repo('six==1.0\n');
    const fifo = join(dir, 'out.yml');
    mkfifo(fifo);
    const unread = await runBounded(['yaml', '--output', 'out.yml'], { cwd: dir });
    expectBounded(unread);
    expect(unread.code).toBe(2);
    expect(unread.stderr).toContain('cannot write out.yml: it is a pipe that no process reads');
    // A reader holds the pipe open (without blocking this process); the yaml fits the pipe's buffer.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const result = await runBounded(['yaml', '--output', 'out.yml'], { cwd: dir });
      expectBounded(result);
      expect(result.code).toBe(0);
      const buffer = Buffer.alloc(64 * 1024);
      const read = buffer.subarray(0, readSync(reader, buffer)).toString('utf8');
      expect(read).toContain('      six==1.0\n');
    } finally {
      closeSync(reader);
    }
    const check = await runBounded(['yaml', '--output', 'out.yml', '--check'], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('out.yml is not a regular file');
  }, 60_000);
});
