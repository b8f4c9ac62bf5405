import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConstraints } from '../../src/constraints/parse.js';
import { applyUpdates } from '../../src/constraints/update.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/constraints/${name}`, import.meta.url), 'utf8');
}

function update(text: string, ...updates: Parameters<typeof applyUpdates>[1]) {
  return applyUpdates(parseConstraints(text, 'constraints.txt'), updates);
}

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('applyUpdates: versions', () => {
  it('changes only the version text of the matching line', () => {
    const text = fixture('cki-pipeline-definition-constraints-PARTIAL-reconstructed-2024-02.txt');
    const result = update(text, { normalizedName: 'gitpython', from: '3.1.41', to: '3.1.42' });
    expect(result).toEqual({ text: text.replace('GitPython==3.1.41\n', 'GitPython==3.1.42\n'), skipped: [] });
  });

  it('moves only the duplicate whose version is the current one (cibuildwheel: pip three times, filelock twice)', () => {
    const text = fixture('pypa-cibuildwheel-constraints-python312.txt');
    const result = update(
      text,
      { normalizedName: 'pip', from: '26.1.2', to: '26.1.3' },
      { normalizedName: 'filelock', from: '3.32.3', to: '3.33.0' },
    );
    expect(result.skipped).toEqual([]);
    expect(result.text).toBe(
      text
        .replace(
          'pip==26.1.2; implementation_name == "graalpy"',
          'pip==26.1.3; implementation_name == "graalpy"',
        )
        .replace(
          'filelock==3.32.3; implementation_name != "graalpy"',
          'filelock==3.33.0; implementation_name != "graalpy"',
        ),
    );
  });

  it('moves every line of the package that has the same version, whatever the marker or spelling', () => {
    const text =
      'Zope.Interface==5.0 ; python_version < "3.12"\r\nzope_interface == 5.0 ; python_version >= "3.12"  # why\r\nzope-interface==4.0 ; os_name == "nt"\r\n';
    expect(update(text, { normalizedName: 'zope-interface', from: '5.0', to: '6.1' })).toEqual({
      text: 'Zope.Interface==6.1 ; python_version < "3.12"\r\nzope_interface == 6.1 ; python_version >= "3.12"  # why\r\nzope-interface==4.0 ; os_name == "nt"\r\n',
      skipped: [],
    });
  });

  it('matches the current version by PEP 440 equality', () => {
    expect(update('a==1.0\n', { normalizedName: 'a', from: '1.0.0', to: '1.1' }).text).toBe('a==1.1\n');
  });

  it('skips ignored pins, absent pins and bad versions, with reasons, changing nothing', () => {
    const text = 'a==1.0  # pingate: ignore\nb==2.0\n';
    const result = update(
      text,
      { normalizedName: 'a', from: '1.0', to: '1.1' },
      { normalizedName: 'c', from: '1.0', to: '1.1' },
      { normalizedName: 'b', from: '2.0', to: 'two' },
    );
    expect(result.text).toBe(text);
    expect(result.skipped.map((skip) => skip.reason)).toEqual([
      'a 1.0 is marked "# pingate: ignore" in constraints.txt',
      'constraints.txt has no pin of c at 1.0',
      '"two" is not a PEP 440 version',
    ]);
  });

  it('never replaces a local version by one without it', () => {
    const text = 'torch==2.1.0+cpu\n';
    expect(update(text, { normalizedName: 'torch', from: '2.1.0+cpu', to: '2.2.0' })).toEqual({
      text,
      skipped: [
        {
          update: { normalizedName: 'torch', from: '2.1.0+cpu', to: '2.2.0' },
          reason: 'torch 2.1.0+cpu has the local version label +cpu; 2.2.0 has none',
        },
      ],
    });
    expect(update(text, { normalizedName: 'torch', from: '2.1.0+cpu', to: '2.2.0+cpu' }).text).toBe(
      'torch==2.2.0+cpu\n',
    );
  });

  it('keeps the file intact when the same pin is updated twice in one batch', () => {
    const result = update(
      'a==1.0\n',
      { normalizedName: 'a', from: '1.0', to: '1.1' },
      { normalizedName: 'a', from: '1.0', to: '1.2' },
    );
    expect(result.text).toBe('a==1.1\n');
    expect(result.skipped).toHaveLength(1);
  });
});

describe('applyUpdates: hashes', () => {
  it('rewrites the hashes of a warehouse pin in its layout, one per continuation line', () => {
    const text = fixture('pypi-warehouse-requirements-main.txt');
    const before = [
      'alembic==1.18.5 \\',
      '    --hash=sha256:06d8ba9d04558022f5395e9317de03d270f3dced49cee01f89fe7a13c26f14bc \\',
      '    --hash=sha256:1554982221dd17e9a749b53902407578eb305e453f71999e8c7f0a48389fff8e',
      '    # via',
    ].join('\n');
    const after = [
      'alembic==1.19.0 \\',
      `    --hash=sha256:${A} \\`,
      `    --hash=sha256:${B} \\`,
      `    --hash=sha256:${C}`,
      '    # via',
    ].join('\n');
    expect(text).toContain(before);
    const result = update(text, {
      normalizedName: 'alembic',
      from: '1.18.5',
      to: '1.19.0',
      sha256: [C, A, B.toUpperCase()],
    });
    expect(result).toEqual({ text: text.replace(before, after), skipped: [] });
  });

  it('keeps hashes on the same line when that is where they were', () => {
    expect(
      update(`a==1.0 --hash=sha256:${A}  # why\n`, {
        normalizedName: 'a',
        from: '1.0',
        to: '2.0',
        sha256: [B, C],
      }).text,
    ).toBe(`a==2.0 --hash=sha256:${B} --hash=sha256:${C}  # why\n`);
  });

  it('copies the continuation of a single hash, CRLF and tab indentation included', () => {
    const text = `a==1.0 ; python_version < "3.10" \\\r\n\t--hash=sha256:${A}\r\nb==1\r\n`;
    expect(update(text, { normalizedName: 'a', from: '1.0', to: '2.0', sha256: [B, C] }).text).toBe(
      `a==2.0 ; python_version < "3.10" \\\r\n\t--hash=sha256:${B} \\\r\n\t--hash=sha256:${C}\r\nb==1\r\n`,
    );
  });

  it('skips a hashed pin without new digests, or with bad ones', () => {
    const text = `a==1.0 --hash=sha256:${A}\n`;
    expect(update(text, { normalizedName: 'a', from: '1.0', to: '2.0' })).toMatchObject({
      text,
      skipped: [{ reason: 'a 1.0 is pinned with --hash options, but no sha256 digests of 2.0 were given' }],
    });
    expect(update(text, { normalizedName: 'a', from: '1.0', to: '2.0', sha256: ['abc'] })).toMatchObject({
      text,
      skipped: [{ reason: '"abc" is not a sha256 hex digest' }],
    });
  });

  it('ignores digests for pins without hashes', () => {
    expect(update('a==1.0\n', { normalizedName: 'a', from: '1.0', to: '2.0', sha256: [A] }).text).toBe(
      'a==2.0\n',
    );
  });
});
