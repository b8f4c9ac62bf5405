import { describe, expect, it } from 'vitest';
import { advisoryFromPypi } from '../../src/osv/advisory.js';
import type { Advisory } from '../../src/osv/types.js';
import { affects, fixes, inRange, mergeAdvisories } from '../../src/plan/security-advisories.js';

function osv(
  id: string,
  events: Advisory['ranges'][number]['events'],
  extra: Partial<Advisory> = {},
): Advisory {
  const fixed = events.flatMap((e) => ('fixed' in e ? [e.fixed] : []));
  return {
    id,
    aliases: [],
    source: 'osv',
    ranges: [{ events }],
    versions: [],
    fixed,
    withdrawn: false,
    ...extra,
  };
}

function pypi(id: string, fixedIn: string[], extra: Record<string, unknown> = {}): Advisory {
  return advisoryFromPypi({ id, aliases: [], fixed_in: fixedIn, withdrawn: null, ...extra });
}

describe('OSV ranges', () => {
  it('opens at introduced, closes at fixed (exclusive) and after last_affected', () => {
    const range = {
      events: [{ introduced: '1.2' }, { fixed: '1.4' }, { introduced: '2.0' }, { last_affected: '2.1' }],
    };
    expect(['1.1', '1.2', '1.3.9', '1.4', '2.0', '2.1', '2.1.1'].map((v) => inRange(range, v))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(inRange({ events: [{ introduced: '0' }] }, '99')).toBe(true);
  });

  it('counts versions listed one by one as affected', () => {
    expect(affects(osv('X', [], { versions: ['1.0'] }), '1.0')).toBe(true);
    expect(affects(osv('X', [], { versions: ['1.0'] }), '1.1')).toBe(false);
  });
});

describe("PyPI's fixed_in", () => {
  it('reads each fix as closing its series, the lowest everything below it', () => {
    const advisory = pypi('PYSEC-2021-9', ['3.1.6', '2.2.18', '3.0.12']);
    const affected = ['2.2.17', '2.2.18', '2.3', '3.0.0', '3.0.12', '3.1.5', '3.1.6', '4.0'].map((v) =>
      affects(advisory, v),
    );
    expect(affected).toEqual([true, false, false, true, false, true, false, false]);
  });
});

describe('mergeAdvisories', () => {
  it('merges by id and aliases, keeps OSV in the lead, and takes a fix only where every source naming one agrees', () => {
    const merged = mergeAdvisories([
      pypi('PYSEC-1', ['1.0.2'], { aliases: ['CVE-1'] }),
      osv('GHSA-1', [{ introduced: '0' }, { fixed: '1.0.1' }], { aliases: ['CVE-1'], summary: 'bad' }),
      osv('GHSA-2', [{ introduced: '0' }]),
    ]);
    expect(merged.map((a) => [a.id, a.aliases, a.sources, a.fixed])).toEqual([
      ['GHSA-1', ['CVE-1', 'PYSEC-1'], ['osv', 'pypi'], ['1.0.1', '1.0.2']],
      ['GHSA-2', [], ['osv'], []],
    ]);
    expect(fixes(merged[0]!, '1.0.1')).toBe(false);
    expect(fixes(merged[0]!, '1.0.2')).toBe(true);
    expect(fixes(merged[1]!, '9.9')).toBe(false);
    expect(merged[1]!.affectedRange).toBe('every release (no fixed release named)');
  });

  it('drops an advisory that either source has withdrawn', () => {
    const merged = mergeAdvisories([
      pypi('PYSEC-1', ['1.1'], { aliases: ['GHSA-1'] }),
      osv('GHSA-1', [{ introduced: '0' }, { fixed: '1.1' }], { withdrawn: true }),
      pypi('PYSEC-2', ['1.1'], { withdrawn: '2026-01-01T00:00:00Z' }),
    ]);
    expect(merged).toEqual([]);
  });
});
