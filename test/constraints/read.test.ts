import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConstraintsFile, readTextFile } from '../../src/constraints/read.js';
import { BadInputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pingate-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string, name?: string): Promise<BadInputError> {
  const error = await readConstraintsFile(path, name).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadInputError);
  return error as BadInputError;
}

describe('readConstraintsFile', () => {
  it('reads and parses a file, naming it as asked', async () => {
    const path = file('ok.txt', 'a==1.0\r\nb==2.0');
    const parsed = await readConstraintsFile(path, 'constraints.txt');
    expect(parsed.path).toBe('constraints.txt');
    expect(parsed.text).toBe('a==1.0\r\nb==2.0');
    expect(parsed.entries.map((entry) => entry.kind)).toEqual(['pin', 'pin']);
  });

  it('keeps a byte order mark', async () => {
    const parsed = await readConstraintsFile(file('bom.txt', '\uFEFFa==1.0\n'));
    expect(parsed.text).toBe('\uFEFFa==1.0\n');
  });

  it('refuses a missing file', async () => {
    expect((await failure(join(dir, 'nope.txt'), 'nope.txt')).message).toBe(
      'cannot read nope.txt: no such file',
    );
  });

  it('refuses a directory', async () => {
    mkdirSync(join(dir, 'sub'));
    expect((await failure(join(dir, 'sub'), 'sub')).message).toBe(
      'sub is a directory, not a constraints file',
    );
  });

  it('refuses a binary file', async () => {
    const path = file('bin.txt', Buffer.from([0x61, 0x3d, 0x3d, 0x31, 0x00, 0x02]));
    expect((await failure(path, 'bin.txt')).message).toBe(
      'bin.txt is a binary file (NUL byte at offset 4), not a constraints file',
    );
  });

  it('refuses a file over 5 MiB', async () => {
    const path = file('big.txt', '');
    truncateSync(path, 5 * 1024 * 1024 + 1);
    expect((await failure(path, 'big.txt')).message).toBe(
      'big.txt is 5242881 bytes; constraints files over 5 MiB (5242880 bytes) are refused',
    );
  });

  it('accepts a file of exactly 5 MiB', async () => {
    const path = file('edge.txt', `a==1.0\n# ${'x'.repeat(5 * 1024 * 1024 - 9)}`);
    await expect(readConstraintsFile(path)).resolves.toMatchObject({ diagnostics: [] });
  });

  it('refuses invalid UTF-8, saying where', async () => {
    const path = file(
      'latin1.txt',
      Buffer.concat([Buffer.from('a==1.0\nb==2.0 # caf'), Buffer.from([0xe9, 0x0a])]),
    );
    expect((await failure(path, 'latin1.txt')).message).toBe(
      'latin1.txt is not valid UTF-8 (line 2, byte offset 19)',
    );
  });
});

describe('readTextFile', () => {
  it('returns any text file as it is, unparsed', async () => {
    const text = '{\n  "timezone": "Europe/Prague"\n}\n';
    expect(await readTextFile(file('renovate.json', text))).toBe(text);
  });

  it('refuses what readConstraintsFile refuses', async () => {
    const path = file('bin.json', Buffer.from([0x7b, 0x00, 0x7d]));
    await expect(readTextFile(path, 'bin.json')).rejects.toThrow(
      'bin.json is a binary file (NUL byte at offset 1), not a constraints file',
    );
  });
});
