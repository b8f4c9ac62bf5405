import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overridesFromEnv, parseOverride, renderWithOverrides } from '../../src/constraints/override.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import { BadInputError } from '../../src/errors.js';

const URL_A = 'git+https://gitlab.com/cki-project/cki-lib.git@my-branch';

function render(text: string, overrides: { name: string; url: string }[]): string {
  return renderWithOverrides(parseConstraints(text, 'constraints.txt'), overrides);
}

describe('renderWithOverrides', () => {
  it('replaces the pin of the named package and leaves every other byte alone', () => {
    const text = readFileSync(
      new URL(
        '../fixtures/constraints/cki-pipeline-definition-constraints-PARTIAL-reconstructed-2024-02.txt',
        import.meta.url,
      ),
      'utf8',
    );
    expect(render(text, [{ name: 'gitpython', url: URL_A }])).toBe(
      text.replace('GitPython==3.1.41\n', `GitPython @ ${URL_A}\n`),
    );
  });

  it('replaces every line of the package (pins, ranges, references, hashed pins), keeping extras and markers', () => {
    const text = [
      'cki_lib==1.0 ; python_version < "3.12"',
      'CKI.lib>=1 ; python_version >= "3.12"  # why',
      'cki-lib @ https://old.example/cki-lib.zip',
      'celery[redis]==5.3.0 \\',
      '    --hash=sha256:abc',
      'other==1.0',
      '',
    ].join('\r\n');
    expect(
      render(text, [
        { name: 'cki-lib', url: URL_A },
        { name: 'celery', url: 'https://x.example/celery.tar.gz' },
      ]),
    ).toBe(
      [
        `cki_lib @ ${URL_A} ; python_version < "3.12"`,
        `CKI.lib @ ${URL_A} ; python_version >= "3.12"`,
        `cki-lib @ ${URL_A}`,
        'celery[redis] @ https://x.example/celery.tar.gz',
        'other==1.0',
        '',
      ].join('\r\n'),
    );
  });

  it('appends a package the file does not name, in the file line ending', () => {
    expect(render('a==1.0\r\nb==2.0', [{ name: 'cki-lib', url: URL_A }])).toBe(
      `a==1.0\r\nb==2.0\r\ncki-lib @ ${URL_A}\r\n`,
    );
    expect(render('a==1.0\n', [{ name: 'new', url: URL_A }])).toBe(`a==1.0\nnew @ ${URL_A}\n`);
    expect(render('', [{ name: 'new', url: URL_A }])).toBe(`new @ ${URL_A}\n`);
  });

  it('returns the file unchanged without overrides', () => {
    const text = '# c\r\na==1.0  \n';
    expect(render(text, [])).toBe(text);
  });
});

describe('parseOverride', () => {
  it('reads NAME=URL, splitting at the first "="', () => {
    expect(parseOverride(`cki-lib=${URL_A}`)).toEqual({ name: 'cki-lib', url: URL_A });
    expect(parseOverride('pkg=https://x.example/a?b=c')).toEqual({
      name: 'pkg',
      url: 'https://x.example/a?b=c',
    });
  });

  it.each([
    ['cki-lib', 'found no "="'],
    ['=https://x', 'found "", which is not a package name'],
    ['cki lib=https://x', 'found "cki lib", which is not a package name'],
    ['cki-lib=', 'found no URL after "="'],
    ['cki-lib=https://x y', 'found whitespace in the URL'],
    ['cki-lib=main', 'found something that is not a URL (git+https://…, https://…, file://…)'],
  ])('refuses %j', (argument, reason) => {
    expect(() => parseOverride(argument)).toThrow(BadInputError);
    expect(() => parseOverride(argument)).toThrow(
      `--override ${JSON.stringify(argument)}: expected NAME=URL (e.g. cki-lib=git+https://gitlab.com/cki-project/cki-lib.git@main), ${reason}`,
    );
  });
});

describe('overridesFromEnv', () => {
  it('takes every non-empty <name>_pip_url, underscores read as PEP 503 separators, sorted', () => {
    expect(
      overridesFromEnv({
        datawarehouse_api_lib_pip_url: 'git+https://gitlab.com/x/dw.git@b',
        cki_lib_pip_url: ` ${URL_A} `,
        empty_pip_url: '',
        PATH: '/usr/bin',
        CKI_LIB_PIP_URL: 'https://ignored.example/',
      }),
    ).toEqual([
      { name: 'cki-lib', url: URL_A },
      { name: 'datawarehouse-api-lib', url: 'git+https://gitlab.com/x/dw.git@b' },
    ]);
  });

  it('names the variable, never its value, when one is malformed', () => {
    expect(() => overridesFromEnv({ cki_lib_pip_url: 'token-secret' })).toThrow(
      'variable cki_lib_pip_url: expected NAME=URL (e.g. cki-lib=git+https://gitlab.com/cki-project/cki-lib.git@main), found something that is not a URL (git+https://…, https://…, file://…)',
    );
  });
});
