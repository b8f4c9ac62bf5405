import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../src/versioning/normalize.js';
import { parseRequirement, RequirementSyntaxError } from '../../src/versioning/requirement.js';

describe('normalizeName', () => {
  it.each([
    ['Foo.Bar_baz', 'foo-bar-baz'],
    ['GitPython', 'gitpython'],
    ['zope..interface', 'zope-interface'],
    ['a-_.b', 'a-b'],
  ])('%s -> %s', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});

describe('parseRequirement', () => {
  it('reads Requires-Dist with a python_version marker', () => {
    const requirement = parseRequirement('urllib3<2.1,>=1.25.4; python_version >= "3.10"');
    expect(requirement).toMatchObject({
      name: 'urllib3',
      normalizedName: 'urllib3',
      extras: [],
      specifier: '<2.1,>=1.25.4',
      markerText: 'python_version >= "3.10"',
      marker: { type: 'compare', op: '>=' },
    });
    expect(requirement.url).toBeUndefined();
  });

  it('reads an extra marker and a mixed-case name', () => {
    expect(parseRequirement('PySocks!=1.5.7,>=1.5.6; extra == "socks"')).toMatchObject({
      name: 'PySocks',
      normalizedName: 'pysocks',
      specifier: '!=1.5.7,>=1.5.6',
      marker: { left: { kind: 'variable', name: 'extra' }, right: { kind: 'string', value: 'socks' } },
    });
  });

  it('reads the old parenthesised form', () => {
    expect(parseRequirement('foo (>=1.0)')).toMatchObject({ name: 'foo', specifier: '>=1.0' });
    expect(parseRequirement('bar (>=1.0, <2) ; os_name == "posix"')).toMatchObject({ specifier: '>=1.0,<2' });
  });

  it('reads extras, spaces and wildcard clauses, keeping version offsets', () => {
    const text = 'requests [security, socks] >= 2.8.1, == 2.8.*';
    const requirement = parseRequirement(text);
    expect(requirement.extras).toEqual(['security', 'socks']);
    expect(requirement.specifier).toBe('>=2.8.1,==2.8.*');
    expect(requirement.clauses.map((clause) => text.slice(clause.start, clause.end))).toEqual([
      '2.8.1',
      '2.8.*',
    ]);
  });

  it('reads direct references', () => {
    expect(
      parseRequirement(
        'urllib3 @ https://github.com/urllib3/urllib3/archive/1.26.8.zip ; python_version < "3"',
      ),
    ).toMatchObject({
      name: 'urllib3',
      url: 'https://github.com/urllib3/urllib3/archive/1.26.8.zip',
      specifier: '',
      markerText: 'python_version < "3"',
    });
  });

  it('reads a bare name and === pins', () => {
    expect(parseRequirement('pytest')).toMatchObject({ name: 'pytest', specifier: '', clauses: [] });
    expect(parseRequirement('legacy===1.0-foo').clauses).toEqual([
      { operator: '===', version: '1.0-foo', start: 9, end: 16 },
    ]);
  });

  it.each([
    ['requests==', 10, 'expected a version after "==", found end of line'],
    ['requests== 1.0.x', 11, 'expected a PEP 440 version after "==", found "1.0.x"'],
    ['requests>=1.0.*', 10, 'expected a PEP 440 version after ">=", found "1.0.*"'],
    [
      'requests==1.0 extra',
      14,
      'expected ",", ";" and a marker, or the end of the requirement, found "extra"',
    ],
    [
      'requests ~ 1.0',
      9,
      'expected a version specifier (==, >=, ~=, …), "[extras]", "@ URL" or ";" and a marker, found "~"',
    ],
    ['requests[security', 17, 'expected "," or "]", found end of line'],
    ['==1.0', 0, 'expected a package name, found "==1.0"'],
    ['foo==1.0;', 9, 'expected an environment marker after ";", found end of line'],
    [
      'foo==1.0; python_version <> "3"',
      26,
      'expected a marker variable (python_version, sys_platform, extra, …) or a quoted string, found ">"',
    ],
    ['foo (>=1.0', 10, 'expected "," or ")", found end of line'],
  ])('rejects %j at column %i', (text, column, message) => {
    let error: unknown;
    try {
      parseRequirement(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RequirementSyntaxError);
    expect((error as RequirementSyntaxError).message).toBe(message);
    expect((error as RequirementSyntaxError).column).toBe(column);
  });
});
