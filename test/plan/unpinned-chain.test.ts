import { describe, expect, it } from 'vitest';
import { firstChoice, requiredNames } from '../../src/plan/unpinned-chain.js';
import { project } from './builders.js';

describe('the chain the search is likely to follow', () => {
  it('guesses the newest final release that is not yanked', () => {
    const page = project('lib', ['1.0', '2.0', '2.1rc1', '1.5']);
    expect(firstChoice(page)).toBe('2.0');
    const yanked = { ...page, releases: page.releases.map((r) => ({ ...r, yanked: r.version === '2.0' })) };
    expect(firstChoice(yanked)).toBe('1.5');
    expect(firstChoice(project('empty', []))).toBeUndefined();
  });

  it("names what a release requires outside its extras, in normal form, and skips lines that don't parse", () => {
    expect(
      requiredNames([
        'Zope.Interface>=5',
        'idna ; python_version < "3.10"',
        'pysocks!=1.5.7 ; extra == "socks"',
        'not a requirement ((',
        'zope-interface<7',
      ]),
    ).toEqual(['zope-interface', 'idna']);
  });
});
