import { describe, expect, it } from 'vitest';
import { asCacheHeader, CACHE_FORMAT, CacheHeader } from '../../src/pypi/schema.js';

const good = { format: CACHE_FORMAT, key: 'https://pypi.org/pypi/six/json', length: 10, digest: 'abc' };
const samples: unknown[] = [
  good,
  {
    ...good,
    etag: '"x"',
    lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    location: 'https://pypi.org/pypi/Six/json',
  },
  { ...good, format: CACHE_FORMAT - 1 },
  { ...good, format: String(CACHE_FORMAT) },
  { ...good, key: 7 },
  { ...good, length: -1 },
  { ...good, length: 1.5 },
  { ...good, length: '10' },
  { ...good, digest: null },
  { ...good, etag: 5 },
  { ...good, lastModified: null },
  { ...good, location: ['x'] },
  { format: CACHE_FORMAT, key: 'k', length: 0 },
  null,
  [],
  'header',
  42,
];

describe('the cache header check', () => {
  it('accepts and refuses exactly what the CacheHeader schema does', () => {
    for (const sample of samples) {
      expect(asCacheHeader(sample) !== undefined, JSON.stringify(sample)).toBe(
        CacheHeader.safeParse(sample).success,
      );
    }
  });
});
