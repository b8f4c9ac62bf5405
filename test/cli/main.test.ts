import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../e2e/harness.js';

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

describe('pingate --version', () => {
  it("prints package.json's version and exits 0", async () => {
    for (const flag of ['--version', '-V']) {
      expect(await runCli([flag], { PATH: process.env.PATH ?? '' })).toEqual({
        code: 0,
        stdout: `${version}\n`,
        stderr: '',
      });
    }
  });
});
