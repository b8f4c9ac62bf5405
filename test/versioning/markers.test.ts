import { describe, expect, it } from 'vitest';
import {
  evaluateMarker,
  linuxCPythonEnvironment,
  MAX_COMPARISONS,
  MAX_MARKER_DEPTH,
  MarkerSyntaxError,
  parseMarker,
} from '../../src/versioning/markers.js';

const py312 = linuxCPythonEnvironment('3.12');
const py39 = linuxCPythonEnvironment('3.9');

function holds(marker: string, env = py312, extras?: string[]): boolean {
  return evaluateMarker(parseMarker(marker), env, extras);
}

describe('parseMarker', () => {
  it('builds a tree where "and" binds tighter than "or"', () => {
    expect(parseMarker('os_name == "nt" or python_version < "3.10" and extra == "socks"')).toEqual({
      type: 'or',
      left: {
        type: 'compare',
        left: { kind: 'variable', name: 'os_name' },
        op: '==',
        right: { kind: 'string', value: 'nt' },
      },
      right: {
        type: 'and',
        left: {
          type: 'compare',
          left: { kind: 'variable', name: 'python_version' },
          op: '<',
          right: { kind: 'string', value: '3.10' },
        },
        right: {
          type: 'compare',
          left: { kind: 'variable', name: 'extra' },
          op: '==',
          right: { kind: 'string', value: 'socks' },
        },
      },
    });
  });

  it('reads parentheses, single quotes, "not in" and old dotted names', () => {
    const tree = parseMarker("(os.name=='posix') and 'linux' not in sys_platform");
    expect(tree).toMatchObject({
      type: 'and',
      left: { left: { kind: 'variable', name: 'os_name' }, op: '==' },
      right: { left: { kind: 'string', value: 'linux' }, op: 'not in', right: { name: 'sys_platform' } },
    });
  });

  it.each([
    [
      'python_version <',
      16,
      'a marker variable (python_version, sys_platform, extra, …) or a quoted string',
      'end of line',
    ],
    [
      'python_versio == "3"',
      0,
      'a marker variable (python_version, sys_platform, extra, …) or a quoted string',
      '"python_versio"',
    ],
    ['python_version = "3"', 15, 'a comparison (==, !=, <, <=, >, >=, ~=, ===, in, not in)', '"="'],
    ['(os_name == "nt"', 16, '")"', 'end of line'],
    ['os_name == "nt" xor', 16, '"and", "or" or the end of the marker', '"xor"'],
    ['os_name == "nt', 14, 'a closing " after "nt', 'end of line'],
  ])('rejects %j at column %i', (text, column, expected, found) => {
    let error: unknown;
    try {
      parseMarker(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MarkerSyntaxError);
    expect(error).toMatchObject({ expected, found });
    expect((error as MarkerSyntaxError).message).toBe(`expected ${expected}, found ${found}`);
    expect((error as MarkerSyntaxError).column).toBe(column);
  });
});

describe('evaluateMarker', () => {
  it('compares python versions as versions, not strings', () => {
    expect(holds('python_version > "3.9"')).toBe(true);
    expect(holds('python_version > "3.9"', py39)).toBe(false);
    expect(holds('python_version >= "3.10"', py39)).toBe(false);
    expect(holds('python_full_version >= "3.12.0"')).toBe(true);
    expect(holds('python_version == "3.12.*"')).toBe(true);
    expect(holds('"3.8" < python_version')).toBe(true);
  });

  it('compares other variables as strings', () => {
    expect(holds('sys_platform == "linux" and platform_machine == "x86_64"')).toBe(true);
    expect(holds('platform_system != "Windows"')).toBe(true);
    expect(holds('implementation_name == "graalpy"')).toBe(false);
    expect(holds('"linux" in sys_platform and "win" not in sys_platform')).toBe(true);
  });

  it('honours and, or and parentheses', () => {
    expect(holds('(os_name == "nt" or python_version < "3.10") and sys_platform == "linux"', py39)).toBe(
      true,
    );
    expect(holds('(os_name == "nt" or python_version < "3.10") and sys_platform == "linux"')).toBe(false);
    expect(holds('os_name == "nt" or python_version < "3.10" and sys_platform == "linux"')).toBe(false);
  });

  it('holds "extra == x" exactly when x is requested, names normalised', () => {
    expect(holds('extra == "socks"')).toBe(false);
    expect(holds('extra == "socks"', py312, ['socks'])).toBe(true);
    expect(holds('extra == "Socks_Proxy"', py312, ['socks-proxy'])).toBe(true);
    expect(holds('extra == "socks"', py312, ['security'])).toBe(false);
    expect(holds('python_version < "3.10" and extra == "socks"', py312, ['socks'])).toBe(false);
  });
});

describe('linuxCPythonEnvironment', () => {
  it('describes CPython on x86_64 Linux', () => {
    expect(linuxCPythonEnvironment('3.12')).toEqual({
      python_version: '3.12',
      python_full_version: '3.12.0',
      os_name: 'posix',
      sys_platform: 'linux',
      platform_release: '',
      platform_system: 'Linux',
      platform_version: '',
      platform_machine: 'x86_64',
      platform_python_implementation: 'CPython',
      implementation_name: 'cpython',
      implementation_version: '3.12.0',
    });
    expect(linuxCPythonEnvironment('3.9.18')).toMatchObject({
      python_version: '3.9',
      python_full_version: '3.9.18',
    });
  });
});

describe('parseMarker limits', () => {
  const nested = (depth: number) => `${'('.repeat(depth)}python_version > "3"${')'.repeat(depth)}`;
  const chain = (terms: number) => Array.from({ length: terms }, () => 'python_version > "3"').join(' and ');

  it(`reads ${MAX_MARKER_DEPTH} nested parentheses and refuses one more where it starts, without a stack overflow`, () => {
    expect(evaluateMarker(parseMarker(nested(MAX_MARKER_DEPTH)), linuxCPythonEnvironment('3.12'))).toBe(true);
    const error = (() => {
      try {
        parseMarker(nested(5000));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MarkerSyntaxError);
    expect(error).toMatchObject({
      column: MAX_MARKER_DEPTH,
      message: `expected at most 64 nested parentheses, found a 65th "("`,
    });
  });

  it(`reads ${MAX_COMPARISONS} chained comparisons and refuses more`, () => {
    expect(evaluateMarker(parseMarker(chain(MAX_COMPARISONS)), linuxCPythonEnvironment('3.12'))).toBe(true);
    expect(() => parseMarker(chain(MAX_COMPARISONS + 1))).toThrow(
      `expected at most ${MAX_COMPARISONS} comparisons in one marker, found comparison ${MAX_COMPARISONS + 1}`,
    );
  });
});
