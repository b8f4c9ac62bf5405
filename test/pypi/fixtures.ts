import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A file of test/fixtures/pypi/ as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/pypi/${name}`, import.meta.url), 'utf8');
}

/** A fresh temporary directory per call, removed after the test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingate-pypi-'));
    dirs.push(dir);
    return dir;
  };
}
