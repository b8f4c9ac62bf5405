import { compare as libraryCompare, validRange as libraryValidRange } from '@renovatebot/pep440';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  isPrerelease,
  isValidSpecifier,
  isValidVersion,
  localOf,
  majorOf,
  satisfiesSpecifier,
  updateType,
} from '../../src/versioning/pep440.js';

interface Parts {
  epoch: number;
  release: number[];
  pre?: ['a' | 'b' | 'rc', number];
  post?: number;
  dev?: number;
}

const parts: fc.Arbitrary<Parts> = fc.record(
  {
    epoch: fc.constantFrom(0, 0, 0, 1),
    release: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
    pre: fc.tuple(fc.constantFrom('a' as const, 'b' as const, 'rc' as const), fc.nat(3)),
    post: fc.nat(3),
    dev: fc.nat(3),
  },
  { requiredKeys: ['epoch', 'release'] },
);

function write(version: Parts): string {
  const epoch = version.epoch ? `${version.epoch}!` : '';
  const pre = version.pre ? `${version.pre[0]}${version.pre[1]}` : '';
  const post = version.post === undefined ? '' : `.post${version.post}`;
  const dev = version.dev === undefined ? '' : `.dev${version.dev}`;
  return `${epoch}${version.release.join('.')}${pre}${post}${dev}`;
}

/** PEP 440's sort key, written out independently of the library under test. */
function key(version: Parts): number[] {
  const release = [...version.release];
  while (release.length > 1 && release[release.length - 1] === 0) {
    release.pop();
  }
  const padded = [...release, ...Array(5 - release.length).fill(-1)];
  const letters = { a: 0, b: 1, rc: 2 };
  let pre: number[];
  if (version.pre) {
    pre = [letters[version.pre[0]], version.pre[1]];
  } else if (version.post === undefined && version.dev !== undefined) {
    pre = [-1, 0]; // 1.0.dev1 sorts before 1.0a0
  } else {
    pre = [9, 0];
  }
  const post = version.post === undefined ? -1 : version.post;
  const dev = version.dev === undefined ? 99 : version.dev;
  return [version.epoch, ...padded, ...pre, post, dev];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      return Math.sign(a[i]! - b[i]!);
    }
  }
  return 0;
}

describe('PEP 440 ordering', () => {
  it('orders any two versions as the PEP 440 sort key does', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        expect(compareVersions(write(a), write(b))).toBe(compareKeys(key(a), key(b)));
      }),
      { numRuns: 500 },
    );
  });

  it('is antisymmetric and sorts consistently', () => {
    fc.assert(
      fc.property(fc.array(parts, { minLength: 2, maxLength: 8 }), (list) => {
        const versions = list.map(write);
        const sorted = [...versions].sort(compareVersions);
        for (let i = 1; i < sorted.length; i += 1) {
          expect(compareVersions(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
          expect(compareVersions(sorted[i]!, sorted[i - 1]!)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('knows the documented corner cases', () => {
    const ascending = ['1.0.dev0', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0+cpu', '1.0.post1', '1.1', '2!0.1'];
    expect([...ascending].reverse().sort(compareVersions)).toEqual(ascending);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(() => compareVersions('not-a-version', '1.0')).toThrow(TypeError);
  });
});

describe('version predicates', () => {
  it('validates versions', () => {
    expect(isValidVersion('1!2.0.post1.dev3+cpu.1')).toBe(true);
    expect(isValidVersion('2.1.0+cpu')).toBe(true);
    expect(isValidVersion('1.0 ')).toBe(false);
    expect(isValidVersion('latest')).toBe(false);
  });

  it('tells pre-releases and dev releases apart from finals', () => {
    expect(isPrerelease('2.0b1')).toBe(true);
    expect(isPrerelease('2.0.dev3')).toBe(true);
    expect(isPrerelease('2.0.post1')).toBe(false);
    expect(isPrerelease('garbage')).toBe(false);
  });

  it('reads major and local labels', () => {
    expect(majorOf('1!2.3')).toBe(2);
    expect(majorOf('0.19.0')).toBe(0);
    expect(localOf('2.1.0+cpu.1')).toBe('cpu.1');
    expect(localOf('2.1.0')).toBeUndefined();
    expect(() => majorOf('x')).toThrow(TypeError);
  });
});

describe('specifiers', () => {
  it.each([
    ['1.5', '>=1.0,<2', true],
    ['2.0', '>=1.0,<2', false],
    ['1.4.9', '~=1.4.2', true],
    ['1.5.0', '~=1.4.2', false],
    ['2.8.5', '==2.8.*', true],
    ['2.0b1', '>=1.0', true],
    ['2.0b1', '<2.0', false],
    ['1.0+cpu', '==1.0', true],
    ['1.0', '', true],
    ['1.0', 'not a specifier', false],
    ['nope', '>=1.0', false],
  ])('%s in %j is %s', (version, specifier, expected) => {
    expect(satisfiesSpecifier(version, specifier)).toBe(expected);
  });

  it('validates specifiers', () => {
    expect(isValidSpecifier('>=1.25.4,<2.1')).toBe(true);
    expect(isValidSpecifier('')).toBe(true);
    expect(isValidSpecifier('~=1')).toBe(false);
    expect(isValidSpecifier('>=1.0.*')).toBe(false);
    expect(isValidSpecifier('>=1.0,')).toBe(false);
  });

  it("judges one clause on a plain release number as the library does (pingate's own shortcut)", () => {
    const release = fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 5 });
    const operator = fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '===');
    fc.assert(
      fc.property(operator, release, (op, parts) => {
        const specifier = `${op}${parts.join('.')}`;
        expect(isValidSpecifier(specifier)).toBe(libraryValidRange(specifier));
      }),
    );
    expect(isValidSpecifier('~=1')).toBe(false);
    expect(isValidSpecifier('~=1.0')).toBe(true);
  });
});

describe('updateType', () => {
  it.each([
    ['1.2.3', '2.0.0', 'major'],
    ['1.2.3', '1.3.0', 'minor'],
    ['1.2.3', '1.2.4', 'patch'],
    ['1.2', '1.2.0.1', 'patch'],
    ['0.19.0', '0.20.0', 'minor'],
    ['1.0', '1!1.0', 'major'],
    ['2024.2.2', '2024.7.4', 'minor'],
    ['1.0', '1.0.post1', 'patch'],
  ])('%s -> %s is %s', (from, to, expected) => {
    expect(updateType(from, to)).toBe(expected);
  });
});

describe('PEP 440 ordering against @renovatebot/pep440', () => {
  const spelled = fc
    .tuple(
      parts,
      fc.option(fc.constantFrom('alpha', 'beta', 'c', 'pre', 'preview'), { nil: undefined }),
      fc.option(fc.constantFrom('cpu', 'cu118', '1', '2.abc', 'abc.10', 'ABC-1_2'), { nil: undefined }),
    )
    .map(([version, letter, local]) => {
      const text = write(letter && version.pre ? { ...version, pre: undefined } : version);
      const withLetter =
        letter && version.pre ? text.replace(/^([^!]*!)?([\d.]+)/, `$1$2${letter}${version.pre[1]}`) : text;
      return local ? `${withLetter}+${local}` : withLetter;
    });

  it('sorts any two versions, spellings and local labels included, as the library does', () => {
    fc.assert(
      fc.property(spelled, spelled, (a, b) => {
        expect(compareVersions(a, b)).toBe(Math.sign(libraryCompare(a, b)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('local labels against @renovatebot/pep440', () => {
  const label = fc.constantFrom(
    undefined,
    'cpu',
    'cu118',
    '1',
    '10',
    '2.abc',
    'abc.10',
    'abc.9',
    'ABC-1_2',
    'abc',
  );
  it('orders two local labels of one public version as the library does', () => {
    fc.assert(
      fc.property(parts, label, label, (base, a, b) => {
        const x = a ? `${write(base)}+${a}` : write(base);
        const y = b ? `${write(base)}+${b}` : write(base);
        expect(compareVersions(x, y)).toBe(Math.sign(libraryCompare(x, y)));
      }),
      { numRuns: 500 },
    );
  });
});
