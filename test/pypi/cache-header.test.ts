import { describe, expect, it } from 'vitest';
import { asCacheHeader, CACHE_FORMAT, CacheHeader } from '../../src/pypi/schema.js';

const part = { length: 10, digest: 'abc' };
const good = {
  format: CACHE_FORMAT,
  key: 'https://pypi.org/pypi/six/json',
  parts: [part, { length: 0, digest: 'd' }],
};
const samples: unknown[] = [
  good,
  {
    ...good,
    etag: '"x"',
    lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    location: 'https://pypi.org/pypi/Six/json',
  },
  { ...good, parts: [part] },
  { ...good, parts: [{ ...part, extra: 1 }] },
  { ...good, format: CACHE_FORMAT - 1 },
  { ...good, format: String(CACHE_FORMAT) },
  { ...good, key: 7 },
  { ...good, parts: [] },
  { ...good, parts: part },
  { ...good, parts: [part, null] },
  { ...good, parts: [[10, 'abc']] },
  { ...good, parts: [{ ...part, length: -1 }] },
  { ...good, parts: [{ ...part, length: 1.5 }] },
  { ...good, parts: [{ ...part, length: '10' }] },
  { ...good, parts: [{ ...part, digest: null }] },
  { ...good, parts: [{ length: 10 }] },
  { ...good, etag: 5 },
  { ...good, lastModified: null },
  { ...good, location: ['x'] },
  { format: CACHE_FORMAT, key: 'k' },
  { format: CACHE_FORMAT - 1, key: 'k', length: 10, digest: 'abc' },
  null,
  [],
  'header',
  42,
];

describe('the cache header check', () => {
  it('accepts and refuses exactly what the CacheHeader schema does', () => {
    // Both ways: a check that refused everything would agree with a schema that did.
    expect(samples.filter((sample) => asCacheHeader(sample) !== undefined)).toHaveLength(4);
    for (const sample of samples) {
      expect(asCacheHeader(sample) !== undefined, JSON.stringify(sample)).toBe(
        CacheHeader.safeParse(sample).success,
      );
    }
  });
});
