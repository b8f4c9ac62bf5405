import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the pass and its deciders', () => {
  it('import nothing of the CLI at run time (commands call the pass, never the other way)', () => {
    const offending = ['pass', 'reconcile', 'gate', 'mr', 'dashboard'].flatMap((folder) =>
      sources(join(root, folder)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*from '(\.\.\/)+cli\/[^']*'/gm)].map(
          (m) => `${file.slice(root.length + 1)}: ${m[0]}`,
        ),
      ),
    );
    expect(offending).toEqual([]);
  });
});
