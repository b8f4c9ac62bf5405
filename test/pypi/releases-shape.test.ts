import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedReleases } from '../../src/pypi/releases-shape.js';
import { JsonApiProject } from '../../src/pypi/schema.js';

const FILE_KEYS = [
  'filename',
  'digests',
  'requires_python',
  'upload_time_iso_8601',
  'upload_time',
  'yanked',
  'yanked_reason',
] as const;

/** Any JSON value a field might hold, the documented ones most often. */
const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('sha256', 'md5'), fc.oneof(fc.string(), fc.integer())),
  },
);

/** A file object with any subset of the declared keys holding any value, and sometimes a key of its own. */
const anyFile = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(fc.subarray([...FILE_KEYS]), fc.array(anyValue, { minLength: 7, maxLength: 7 }), fc.boolean())
      .map(([keys, values, extra]) => {
        const file: Record<string, unknown> = Object.fromEntries(keys.map((key, at) => [key, values[at]]));
        if (extra) file.packagetype = 'bdist_wheel';
        return file;
      }),
  },
  { weight: 1, arbitrary: anyValue },
);

const anyReleases = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.dictionary(
      fc.string({ maxLength: 5 }),
      fc.oneof(fc.array(anyFile, { maxLength: 3 }), anyValue),
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

/** A documented, well-formed file (every field optional but `filename`, `null` allowed where PyPI sends it). */
const wellFormedFile = fc.record(
  {
    filename: fc.string(),
    digests: fc.oneof(
      fc.constant(null),
      fc.record({ sha256: fc.option(fc.string()) }, { requiredKeys: [], noNullPrototype: true }),
    ),
    requires_python: fc.option(fc.string()),
    upload_time_iso_8601: fc.option(fc.string()),
    upload_time: fc.option(fc.string()),
    yanked: fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
    yanked_reason: fc.option(fc.string()),
  },
  { requiredKeys: ['filename'], noNullPrototype: true },
);

/** The declared fields of a file as the pass reads them: what the schema's output and the raw file must agree on. */
function declared(releases: unknown): unknown {
  if (releases === null || releases === undefined) return releases;
  return Object.entries(releases as Record<string, unknown[] | null>).map(([version, files]) => [
    version,
    files?.map((file) =>
      FILE_KEYS.flatMap((key) => {
        const value = (file as Record<string, unknown>)[key];
        if (value === undefined) return [];
        if (key !== 'digests' || value === null) return [[key, value]];
        return [[key, (value as { sha256?: unknown }).sha256 ?? null]];
      }),
    ),
  ]);
}

describe('the quick shape check of a project page’s releases', () => {
  it('accepts only what the schema accepts, and the schema reads it as the same values', () => {
    fc.assert(
      fc.property(anyReleases, (releases) => {
        const parsed = JsonApiProject.safeParse({ info: {}, releases });
        if (isWellFormedReleases(releases)) {
          expect(parsed.success).toBe(true);
          expect(declared(parsed.data?.releases)).toEqual(declared(releases));
        }
        // The other way round holds for the documented shapes only (below): the check may send more to zod.
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every well-formed page, so the common case really skips zod', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          // `__proto__` is left to zod (below).
          fc.string({ maxLength: 8 }).filter((version) => version !== '__proto__'),
          fc.option(fc.array(wellFormedFile, { maxLength: 4 })),
          // JSON.parse makes objects of Object's prototype only.
          { noNullPrototype: true },
        ),
        (releases) => {
          expect(JsonApiProject.safeParse({ info: {}, releases }).success).toBe(true);
          expect(isWellFormedReleases(releases)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sends what the schema refuses to zod, which then names it', () => {
    for (const releases of [
      [],
      'no',
      { '1.0': {} },
      { '1.0': [{ digests: {} }] },
      { '1.0': [{ filename: 'a.whl', yanked: 1 }] },
      { '1.0': [{ filename: 'a.whl', digests: { sha256: 5 } }] },
      { '1.0': [{ filename: 'a.whl', digests: [] }] },
      { '1.0': [null] },
    ]) {
      expect(isWellFormedReleases(releases), JSON.stringify(releases)).toBe(false);
    }
    // A key JSON.parse makes an own property but an object literal would not: zod decides.
    expect(isWellFormedReleases(JSON.parse('{"__proto__": []}'))).toBe(false);
  });
});
