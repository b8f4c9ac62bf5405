import { describe, expect, it } from 'vitest';
import {
  compileRegexPattern,
  matchesAnyPackageName,
  matchesPackageName,
} from '../../src/policy/name-match.js';

describe('matchesPackageName', () => {
  it.each([
    ['requests', 'requests', true],
    ['Requests', 'requests', true],
    ['zope.interface', 'zope-interface', true],
    ['Foo.Bar_baz', 'foo-bar-baz', true],
    ['requests', 'requests-oauthlib', false],
    ['/^requests/', 'requests-oauthlib', true],
    ['/^REQUESTS$/i', 'requests', true],
    ['/^requests$/', 'requests-oauthlib', false],
    ['/oauth/g', 'requests-oauthlib', true],
    ['requests*', 'requests-oauthlib', true],
    ['*-oauthlib', 'requests-oauthlib', true],
    ['*', 'anything', true],
    ['py?aml', 'pyyaml', true],
    ['py?aml', 'pyyyaml', false],
    ['types_*', 'types-requests', true],
    ['a.b*', 'a-bc', true],
    ['a+b', 'aab', false],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(matchesPackageName(pattern, name)).toBe(expected);
  });

  it('drops stateful flags so repeated tests agree', () => {
    const pattern = '/oauth/g';
    expect([1, 2, 3].map(() => matchesPackageName(pattern, 'requests-oauthlib'))).toEqual([true, true, true]);
    expect(compileRegexPattern('/x/gy').flags).toBe('');
  });

  it('throws on an invalid regex (the config validator reports it first)', () => {
    expect(() => compileRegexPattern('/(/')).toThrow(SyntaxError);
  });
});

describe('matchesAnyPackageName', () => {
  it('needs one positive match and no negative one', () => {
    expect(matchesAnyPackageName(['boto3', 'botocore'], 'botocore')).toBe(true);
    expect(matchesAnyPackageName(['boto*', '!boto'], 'boto')).toBe(false);
    expect(matchesAnyPackageName(['boto*', '!boto'], 'boto3')).toBe(true);
    expect(matchesAnyPackageName(['!pip'], 'requests')).toBe(true);
    expect(matchesAnyPackageName(['!pip'], 'pip')).toBe(false);
    expect(matchesAnyPackageName([], 'pip')).toBe(false);
  });
});
