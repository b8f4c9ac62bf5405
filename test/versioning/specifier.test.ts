import { satisfies as librarySatisfies } from '@renovatebot/pep440';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidSpecifier, satisfiesSpecifier } from '../../src/versioning/pep440.js';

interface Parts {
  epoch: string;
  release: number[];
  pre: string;
  post: string;
  dev: string;
  local: string;
  v: string;
}

/** Versions close to one another (few segments, small numbers), so that clauses often sit right at their edges. */
const parts: fc.Arbitrary<Parts> = fc.record({
  epoch: fc.constantFrom('', '', '', '', '1!'),
  release: fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
  pre: fc.constantFrom('', '', '', 'a1', 'b0', 'rc2', 'alpha1', 'c1'),
  post: fc.constantFrom('', '', '', '.post0', '.post1', '-1'),
  dev: fc.constantFrom('', '', '', '.dev0', '.dev2'),
  local: fc.constantFrom('', '', '+cpu', '+cu118.1', '+1', '+CPU'),
  v: fc.constantFrom('', '', '', 'v'),
});

const write = (p: Parts) => `${p.v}${p.epoch}${p.release.join('.')}${p.pre}${p.post}${p.dev}${p.local}`;

const operator = fc.constantFrom('===', '~=', '==', '!=', '<=', '>=', '<', '>');

/**
 * One clause: an operator and a version (half the time one of the checked version's own release, where `<`, `>`,
 * `~=` and local labels decide), a release prefix (`==1.2.*`) or an arbitrary string; some invalid.
 */
const clause = (checked: Parts) =>
  fc.oneof(
    fc
      .tuple(operator, fc.constantFrom('', ' '), parts, fc.boolean())
      .map(
        ([op, space, p, same]) =>
          `${op}${space}${write(same ? { ...p, epoch: checked.epoch, release: checked.release } : p)}`,
      ),
    fc
      .tuple(fc.constantFrom('==', '!=', '===', '>='), fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }))
      .map(([op, release]) => `${op}${release.join('.')}.*`),
    fc.constantFrom('===foo', '===1.0', '===1.0+CPU', '==foo', '~=1'),
  );

/** A version and a specifier of up to three clauses. */
const versionAndSpecifier = parts.chain((checked) =>
  fc
    .tuple(fc.array(clause(checked), { minLength: 0, maxLength: 3 }), fc.constantFrom(',', ', ', ' , '))
    .map(([clauses, separator]) => [write(checked), clauses.join(separator)] as const),
);

describe('specifier checks against @renovatebot/pep440', () => {
  it('answers as the library does (pre-releases in), for any valid specifier and version', () => {
    let valid = 0;
    fc.assert(
      fc.property(versionAndSpecifier, ([v, s]) => {
        if (!isValidSpecifier(s)) return;
        valid += 1;
        expect(satisfiesSpecifier(v, s), `${v} in ${JSON.stringify(s)}`).toBe(
          librarySatisfies(v, s, { prereleases: true }),
        );
      }),
      { numRuns: 5000 },
    );
    // The generator is not wasted on invalid specifiers.
    expect(valid).toBeGreaterThan(2500);
  });

  it.each([
    // Exclusive ordering excludes the release itself, its post-releases and local versions.
    ['1.0.post1', '>1.0', false],
    ['1.0+cpu', '>1.0', false],
    ['1.0.1', '>1.0', true],
    ['1.0a1', '<1.0', false],
    // A local version is compared by its public part.
    ['1.0+cpu', '==1.0', true],
    ['1.0+cpu', '<=1.0', true],
    // Compatible release: ~=2.4.1 is >=2.4.1, ==2.4.*.
    ['2.4.9', '~=2.4.1', true],
    ['2.5.0', '~=2.4.1', false],
    ['2.9', '~=2.4', true],
    ['3.0', '~=2.4', false],
    // Prefix matching compares release segments as written.
    ['1.4.0', '==1.4.*', true],
    ['1.40', '==1.4.*', false],
    ['1!1.4', '==1.4.*', false],
    ['1.4.2', '!=1.4.*', false],
    // Arbitrary equality is a string comparison, case aside.
    ['1.0', '===1.0', true],
    ['1.0.0', '===1.0', false],
    ['1.0RC1', '===1.0rc1', true],
    // Pre-releases count when inside the range.
    ['2.0b1', '>=1.0,<3', true],
    ['1.0', '', true],
  ])('%s in %j is %s', (v, s, expected) => {
    expect(satisfiesSpecifier(v, s)).toBe(expected);
    expect(librarySatisfies(v, s, { prereleases: true })).toBe(expected);
  });
});
