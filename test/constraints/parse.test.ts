import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexUrlOf } from '../../src/constraints/index-url.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import type { Entry, PinEntry } from '../../src/constraints/types.js';
import { applyUpdates } from '../../src/constraints/update.js';

const FIXTURES = new URL('../fixtures/constraints/', import.meta.url);
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.endsWith('.txt'));

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

function pins(entries: Entry[]): PinEntry[] {
  return entries.filter((entry): entry is PinEntry => entry.kind === 'pin');
}

function single(text: string): Entry {
  const file = parseConstraints(text, 'constraints.txt');
  expect(file.entries).toHaveLength(1);
  return file.entries[0]!;
}

describe('shared fixtures', () => {
  it('has all four fixtures', () => {
    expect(fixtureNames).toHaveLength(4);
  });

  it.each(fixtureNames)('%s: parse then write with no update is byte-identical', (name) => {
    const text = fixture(name);
    const file = parseConstraints(text, name);
    expect(file.text).toBe(text);
    expect(applyUpdates(file, []).text).toBe(text);
    expect(file.diagnostics).toEqual([]);
  });

  it.each(fixtureNames)('%s: spans tile the file in order, each version span holds its version', (name) => {
    const text = fixture(name);
    const file = parseConstraints(text, name);
    let previous = 0;
    for (const entry of file.entries) {
      expect(entry.span.start).toBeGreaterThanOrEqual(previous);
      expect(text.slice(previous, entry.span.start)).toMatch(/^\r?\n?$/);
      previous = entry.span.end;
      if (entry.kind === 'pin') {
        expect(text.slice(entry.versionSpan.start, entry.versionSpan.end)).toBe(entry.version);
        for (const hash of entry.hashes) {
          expect(text.slice(hash.span.start, hash.span.end)).toBe(`--hash=${hash.algorithm}:${hash.digest}`);
        }
      }
    }
  });

  it('reads the CKI pins with their spelling and normal names', () => {
    const file = parseConstraints(
      fixture('cki-pipeline-definition-constraints-PARTIAL-reconstructed-2024-02.txt'),
      'c.txt',
    );
    const found = pins(file.entries);
    expect(found).toHaveLength(45);
    expect(found[5]).toMatchObject({
      name: 'Automat',
      normalizedName: 'automat',
      version: '22.10.0',
      line: 6,
    });
    expect(found.find((pin) => pin.name === 'GitPython')).toMatchObject({
      normalizedName: 'gitpython',
      version: '3.1.41',
    });
  });

  it('reads duplicates under different markers as separate pins', () => {
    const file = parseConstraints(fixture('pypa-cibuildwheel-constraints-python312.txt'), 'c.txt');
    const pip = pins(file.entries).filter((pin) => pin.normalizedName === 'pip');
    expect(pip.map((pin) => [pin.version, pin.markerText])).toEqual([
      ['26.2.1', 'implementation_name != "graalpy"'],
      ['26.1.2', 'implementation_name == "graalpy" and platform_system != "Windows"'],
      ['26.0.1', 'implementation_name == "graalpy" and platform_system == "Windows"'],
    ]);
    expect(pins(file.entries).filter((pin) => pin.normalizedName === 'filelock')).toHaveLength(2);
  });

  it('reads the hashes of the warehouse file, continuation lines included', () => {
    const file = parseConstraints(fixture('pypi-warehouse-requirements-main.txt'), 'main.txt');
    const all = pins(file.entries);
    expect(all.length).toBeGreaterThan(150);
    expect(all.every((pin) => pin.hashes.length > 0)).toBe(true);
    const celery = all.find((pin) => pin.normalizedName === 'celery');
    expect(celery).toMatchObject({ extras: ['redis'], operator: '==' });
  });

  it('reads every form of the pip documentation example', () => {
    const file = parseConstraints(fixture('pypa-pip-docs-requirements-file-format-example.txt'), 'r.txt');
    const summary = file.entries
      .filter((entry) => entry.kind !== 'comment' && entry.kind !== 'blank')
      .map((entry) => [
        entry.line,
        entry.kind,
        'name' in entry ? entry.name : 'option' in entry ? entry.option : '',
      ]);
    expect(summary).toEqual([
      [3, 'requirement', 'pytest'],
      [4, 'requirement', 'pytest-cov'],
      [5, 'requirement', 'beautifulsoup4'],
      [8, 'pin', 'docopt'],
      [9, 'requirement', 'requests'],
      [10, 'reference', 'urllib3'],
      [13, 'option', '--requirement'],
      [14, 'option', '--constraint'],
      [17, 'reference', 'numpy'],
      [20, 'reference', 'wxPython_Phoenix'],
    ]);
  });
});

describe('line forms', () => {
  it.each([
    ['name==1.2.3', { kind: 'pin', name: 'name', operator: '==', version: '1.2.3' }],
    ['name===1.2.3', { kind: 'pin', operator: '===', version: '1.2.3' }],
    [
      'Name_With.Mixed-Case == 1.2.3',
      { kind: 'pin', name: 'Name_With.Mixed-Case', normalizedName: 'name-with-mixed-case' },
    ],
    ['celery[redis]==5.3.0', { kind: 'pin', extras: ['redis'], version: '5.3.0' }],
    ['pkg==1.0 ; python_version < "3.10"', { kind: 'pin', markerText: 'python_version < "3.10"' }],
    [
      'pkg==1.0; (os_name == "nt" or python_version < "3.10") and extra == "x"',
      { kind: 'pin', marker: { type: 'and' } },
    ],
    ['pkg==1.0  # why', { kind: 'pin', ignored: false }],
    ['pkg==1.0  # renovate: ignore', { kind: 'pin', ignored: true }],
    ['pkg==1.0 # pingate: ignore because of #123', { kind: 'pin', ignored: true }],
    ['torch==2.1.0+cpu', { kind: 'pin', version: '2.1.0+cpu' }],
    ['epoch==1!2.0.post1.dev3', { kind: 'pin', version: '1!2.0.post1.dev3' }],
    ['pkg>=1,<2', { kind: 'requirement', specifier: '>=1,<2' }],
    ['pkg==1.*', { kind: 'requirement', specifier: '==1.*' }],
    ['legacy===2010-final', { kind: 'requirement', specifier: '===2010-final' }],
    [
      'urllib3@https://example.com/u.zip',
      { kind: 'reference', name: 'urllib3', target: 'https://example.com/u.zip' },
    ],
    ['pkg', { kind: 'requirement', specifier: '' }],
    [
      'pkg @ https://example.com/pkg-1.0.tar.gz',
      { kind: 'reference', name: 'pkg', target: 'https://example.com/pkg-1.0.tar.gz' },
    ],
    [
      'git+https://gitlab.com/x/cki-lib.git@main#egg=cki_lib',
      { kind: 'reference', normalizedName: 'cki-lib' },
    ],
    ['./dist/foo-1.0-py3-none-any.whl', { kind: 'reference', name: 'foo', editable: false }],
    ['-e .', { kind: 'reference', target: '.', editable: true }],
    ['--editable=git+https://example.com/x.git#egg=x', { kind: 'reference', name: 'x', editable: true }],
    ['-r other.txt', { kind: 'option', option: '--requirement', value: 'other.txt' }],
    ['-rother.txt', { kind: 'option', option: '--requirement', value: 'other.txt' }],
    ['-c constraints.txt', { kind: 'option', option: '--constraint', value: 'constraints.txt' }],
    [
      '-i https://pypi.example/simple/',
      { kind: 'option', option: '--index-url', value: 'https://pypi.example/simple/' },
    ],
    ['--index-url https://a/simple/', { kind: 'option', option: '--index-url', value: 'https://a/simple/' }],
    ['--index-url=https://a/simple/', { kind: 'option', option: '--index-url', value: 'https://a/simple/' }],
    ['--extra-index-url https://b/simple/', { kind: 'option', option: '--extra-index-url' }],
    ['--find-links ./wheels', { kind: 'option', option: '--find-links', value: './wheels' }],
    ['--pre', { kind: 'option', option: '--pre' }],
    ['# just a comment', { kind: 'comment' }],
    ['   ', { kind: 'blank' }],
  ])('%j', (text, expected) => {
    expect(single(text)).toMatchObject(expected);
  });

  it('reads hashes on the line and on continuation lines, with CRLF', () => {
    const same = single('pkg==1.0 --hash=sha256:aa --hash sha256:bb');
    expect(same).toMatchObject({ kind: 'pin', hashes: [{ digest: 'aa' }, { digest: 'bb' }] });
    const text = 'pkg==1.0 \\\r\n    --hash=sha256:aa \\\r\n    --hash=sha256:bb  \r\n    # via x\r\n';
    const file = parseConstraints(text, 'c.txt');
    expect(file.entries.map((entry) => entry.kind)).toEqual(['pin', 'comment']);
    const pin = file.entries[0] as PinEntry;
    expect(pin.hashes.map((hash) => text.slice(hash.span.start, hash.span.end))).toEqual([
      '--hash=sha256:aa',
      '--hash=sha256:bb',
    ]);
    expect(text.slice(pin.span.start, pin.span.end)).toBe(
      'pkg==1.0 \\\r\n    --hash=sha256:aa \\\r\n    --hash=sha256:bb  ',
    );
    expect(file.entries[1]).toMatchObject({ line: 4 });
  });

  it('joins a continuation that ends in a comment line, as pip does', () => {
    const file = parseConstraints('pkg==1.0 \\\n# pingate: ignore\nother==2.0', 'c.txt');
    expect(file.entries).toMatchObject([
      { kind: 'pin', name: 'pkg', ignored: true, line: 1 },
      { kind: 'pin', name: 'other', line: 3 },
    ]);
  });

  it('keeps a byte order mark outside every entry', () => {
    const text = '\uFEFFpkg==1.0\n';
    const file = parseConstraints(text, 'c.txt');
    expect(file.entries).toMatchObject([{ kind: 'pin', name: 'pkg', span: { start: 1, end: 9 } }]);
    expect(applyUpdates(file, []).text).toBe(text);
  });

  it('handles an empty file, a missing final newline and mixed line endings', () => {
    expect(parseConstraints('', 'c.txt').entries).toEqual([]);
    const text = 'a==1\r\nb==2\n\nc==3  ';
    const file = parseConstraints(text, 'c.txt');
    expect(file.entries.map((entry) => [entry.kind, entry.line])).toEqual([
      ['pin', 1],
      ['pin', 2],
      ['blank', 3],
      ['pin', 4],
    ]);
    expect(applyUpdates(file, []).text).toBe(text);
  });
});

describe('diagnostics', () => {
  it.each([
    ['requests==', 1, 11, 'expected a version after "==", found end of line'],
    ['ok==1.0\n  bad==1.0.x  # comment', 2, 8, 'expected a PEP 440 version after "==", found "1.0.x"'],
    [
      'pkg==1.0; python_version <',
      1,
      27,
      'expected a marker variable (python_version, sys_platform, extra, …) or a quoted string, found end of line',
    ],
    [
      'pkg ~ 1.0',
      1,
      5,
      'expected a version specifier (==, >=, ~=, …), "[extras]", "@ URL" or ";" and a marker, found "~"',
    ],
    [
      'pkg==1.0 --global-option=x',
      1,
      10,
      'expected --hash=ALGORITHM:DIGEST or a "#" comment, found "--global-option=x"',
    ],
    ['pkg==1.0 \\\n    --hash=sha256', 2, 12, 'expected ALGORITHM:DIGEST after "--hash", found "sha256"'],
    ['pkg==1.0 --hash', 1, 16, 'expected ALGORITHM:DIGEST after "--hash", found end of line'],
    ['--index-url', 1, 12, 'expected a URL after "--index-url", found end of line'],
    ['-i', 1, 3, 'expected a URL after "-i", found end of line'],
    ['--pre now', 1, 7, 'expected nothing after "--pre", found "now"'],
    [
      '--frobnicate',
      1,
      1,
      'expected a requirement or a pip option (-r, -c, -i/--index-url, --extra-index-url, -f/--find-links, -e, --pre, …), found "--frobnicate"',
    ],
  ])('%j -> %i:%i', (text, line, column, message) => {
    const file = parseConstraints(text, 'constraints.txt');
    expect(file.diagnostics).toEqual([{ file: 'constraints.txt', line, column, message }]);
  });

  it('keeps the bad line and serves the rest', () => {
    const text = 'good==1.0\nbad===\nalso-good==2.0\n';
    const file = parseConstraints(text, 'constraints.txt');
    expect(file.entries.map((entry) => entry.kind)).toEqual(['pin', 'invalid', 'pin']);
    expect(file.entries[1]).toMatchObject({
      line: 2,
      span: { start: 10, end: 16 },
      diagnostic: { line: 2, column: 7, message: 'expected a version after "===", found end of line' },
    });
    expect(applyUpdates(file, [{ normalizedName: 'also-good', from: '2.0', to: '2.1' }]).text).toBe(
      'good==1.0\nbad===\nalso-good==2.1\n',
    );
  });
});

describe('indexUrlOf', () => {
  it('returns the last index URL option, in either spelling', () => {
    expect(indexUrlOf(parseConstraints('a==1\n', 'c.txt'))).toBeUndefined();
    expect(
      indexUrlOf(parseConstraints('-i https://one/simple/\n--extra-index-url https://x/\n', 'c.txt')),
    ).toBe('https://one/simple/');
    expect(
      indexUrlOf(parseConstraints('-i https://one/simple/\n--index-url=https://two/pypi/\n', 'c.txt')),
    ).toBe('https://two/pypi/');
  });
});
