/**
 * A quick check that a decoded project page's `releases` already has the shape `JsonApiReleases` accepts, so that
 * the common case skips zod: validating the files of a thousand pages (about a hundred thousand objects) cost a
 * cold pass about 0.25 s of CPU in zod, and zod's copy of each of them as much again in garbage collection. The
 * check accepts a subset of what the schema does (anything unusual, even what zod would accept, answers false and
 * goes through zod, which then names the first issue), and what it accepts the schema reads as the same values:
 * test/pypi/releases-shape.test.ts holds the two to that on generated pages.
 */
import type { JsonApiReleases } from './schema.js';

export function isWellFormedReleases(value: unknown): value is JsonApiReleases {
  if (value === undefined || value === null) return true;
  if (!isPlainObject(value)) return false;
  for (const version of Object.keys(value)) {
    if (version === '__proto__') return false;
    const files = value[version];
    if (files === null) continue;
    if (!Array.isArray(files)) return false;
    for (const file of files) {
      if (!isWellFormedFile(file)) return false;
    }
  }
  return true;
}

function isWellFormedFile(file: unknown): boolean {
  if (!isPlainObject(file) || typeof file.filename !== 'string') return false;
  const { digests, yanked } = file;
  if (
    digests !== undefined &&
    digests !== null &&
    !(isPlainObject(digests) && isNullishString(digests.sha256))
  ) {
    return false;
  }
  return (
    (isNullishString(yanked) || typeof yanked === 'boolean') &&
    isNullishString(file.requires_python) &&
    isNullishString(file.upload_time_iso_8601) &&
    isNullishString(file.upload_time) &&
    isNullishString(file.yanked_reason)
  );
}

function isNullishString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** What JSON.parse makes of `{…}`: an object of Object's own prototype, not an array. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
