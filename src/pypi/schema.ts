/**
 * Index payloads, validated leniently: PyPI has releases with no files, `yanked` as a bool or a reason string,
 * missing upload times and `null` where a string is documented. Only the fields pingate reads are declared; zod
 * drops the rest. Our own cache entries are validated strictly, so a damaged entry is noticed and dropped.
 */
import { z } from 'zod';

/** A string, `null` or absent. No `.transform` to undefined: it makes parsing a 2,000-file payload 3× slower. */
const optionalString = z.string().nullish();

/** `true`/`false`, or a reason string (any string, even empty, means yanked: PEP 592/691). */
const Yanked = z.union([z.boolean(), z.string()]).nullish();

/** One file of a release in PyPI's JSON API (`releases[version][]`, `urls[]`). */
export const JsonApiFile = z.object({
  filename: z.string(),
  digests: z.object({ sha256: optionalString }).partial().nullish(),
  requires_python: optionalString,
  upload_time_iso_8601: optionalString,
  upload_time: optionalString,
  yanked: Yanked,
  yanked_reason: optionalString,
});
export type JsonApiFile = z.infer<typeof JsonApiFile>;

/**
 * One advisory in PyPI's JSON API (`vulnerabilities[]` of a release, and of the project page for its newest release):
 * `fixed_in` lists the releases that fix it, `withdrawn` is a time when it was withdrawn.
 */
export const JsonApiVulnerability = z.object({
  id: z.string(),
  aliases: z.array(z.string()).nullish(),
  summary: optionalString,
  details: optionalString,
  fixed_in: z.array(z.string()).nullish(),
  link: optionalString,
  source: optionalString,
  withdrawn: optionalString,
});
export type JsonApiVulnerability = z.infer<typeof JsonApiVulnerability>;

const Vulnerabilities = z.array(JsonApiVulnerability).nullish();

/** `releases` of a project page: each version's files (`null` or `[]` for a release with none). */
export const JsonApiReleases = z.record(z.string(), z.array(JsonApiFile).nullable()).nullish();
export type JsonApiReleases = z.infer<typeof JsonApiReleases>;

/** A project page without its `releases`: what is left is small, whatever the project's history. */
export const JsonApiProjectHead = z.object({
  info: z.object({
    name: optionalString,
    project_urls: z.record(z.string(), z.string().nullable()).nullish(),
    /** The release `info` describes (the newest), and its requirements: spares one request per project. */
    version: optionalString,
    requires_dist: z.array(z.string()).nullish(),
  }),
  vulnerabilities: Vulnerabilities,
});

/** `GET {index}{name}/json`. */
export const JsonApiProject = JsonApiProjectHead.extend({ releases: JsonApiReleases });
export type JsonApiProject = z.infer<typeof JsonApiProject>;

/** `GET {index}{name}/{version}/json`: `info.requires_dist` (null when the release declares none) and `vulnerabilities`. */
export const JsonApiRelease = z.object({
  info: z.object({
    requires_dist: z.array(z.string()).nullish(),
  }),
  vulnerabilities: Vulnerabilities,
});
export type JsonApiRelease = z.infer<typeof JsonApiRelease>;

/** PEP 658/714 metadata marker: `true`, `false`, or `{sha256: …}`. */
const CoreMetadata = z.union([z.boolean(), z.record(z.string(), z.string())]).nullish();

/** One file of a PEP 691 project page. */
export const SimpleJsonFile = z.object({
  filename: z.string(),
  url: z.string(),
  hashes: z.record(z.string(), z.string()).nullish(),
  'requires-python': optionalString,
  yanked: Yanked,
  'upload-time': optionalString,
  'core-metadata': CoreMetadata,
  'dist-info-metadata': CoreMetadata,
  'data-dist-info-metadata': CoreMetadata,
});
export type SimpleJsonFile = z.infer<typeof SimpleJsonFile>;

/** `GET {index}{name}/` with `Accept: application/vnd.pypi.simple.v1+json` (PEP 691, PEP 700 `versions`). */
export const SimpleJsonProject = z.object({
  name: optionalString,
  files: z.array(SimpleJsonFile),
  versions: z.array(z.string()).nullish(),
});
export type SimpleJsonProject = z.infer<typeof SimpleJsonProject>;

// ---- our own cache entries (strict) ----

export const CachedReleaseFile = z.object({
  sha256: z.string().optional(),
});

export const CachedRelease = z.object({
  version: z.string(),
  files: z.array(CachedReleaseFile),
  yanked: z.boolean(),
  yankedReason: z.string().optional(),
  requiresPython: z.string().optional(),
  uploadTime: z.string().optional(),
});

/** A parsed project page as kept in the cache, with the PEP 658 metadata URL of each version that has one. */
export const CachedProject = z.object({
  name: z.string(),
  releases: z.array(CachedRelease),
  projectUrls: z.record(z.string(), z.string()),
  metadataUrls: z.record(z.string(), z.string()).optional(),
  revision: z.string().optional(),
});
export type CachedProject = z.infer<typeof CachedProject>;

/**
 * What revalidates a stored response: its ETag and Last-Modified, as the index sent them, and where it was found
 * when a redirect led there from the URL asked for (PyPI's JSON API redirects `pyyaml` to `PyYAML`), so that the
 * next revalidation goes straight there instead of through the redirect.
 */
export const Validators = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  location: z.string().optional(),
});
export type Validators = z.infer<typeof Validators>;

/** The validators that are set, and nothing else (no `etag: undefined` written to disk). */
export function validatorsOf({ etag, lastModified, location }: Validators): Validators {
  return {
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    ...(location ? { location } : {}),
  };
}

/**
 * One project as kept on disk: its page (parsed) and the requirements of each of its releases learnt so far
 * (immutable, so kept across page changes). One file per project keeps the number of files, which dominates the
 * cache's cost, at one per pin.
 */
export const StoredProjectBody = z.object({
  page: CachedProject,
  requiresDist: z.record(z.string(), z.array(z.string())),
  /** PyPI's advisories of a release by version, with when they were read: unlike requirements they change. */
  vulnerabilities: z
    .record(z.string(), z.object({ checkedAt: z.number(), list: z.array(JsonApiVulnerability) }))
    .optional(),
});
export type StoredProjectBody = z.infer<typeof StoredProjectBody>;

/** A project as held in memory: the stored body with the validators of its page. */
export type StoredProject = StoredProjectBody & Validators;

/**
 * A project's record on disk, in two parts (record-parts.ts): first the body with each release's files as their
 * number, then the files' sha256 digests, release by release (null for a file without one). A warm pass reads the
 * first part only; the second is decoded for a `--hash` pin.
 */
export const StoredRelease = CachedRelease.extend({ files: z.number().int().nonnegative() });
export const StoredBodyPart = StoredProjectBody.extend({
  page: CachedProject.extend({ releases: z.array(StoredRelease) }),
});
export type StoredBodyPart = z.infer<typeof StoredBodyPart>;
export const StoredDigestsPart = z.array(z.array(z.string().nullable()));
export type StoredDigestsPart = z.infer<typeof StoredDigestsPart>;

/** Changes whenever what a cache file holds changes shape: an entry of another format is a miss. */
export const CACHE_FORMAT = 6;

/** One part of a cache file: its length in bytes (to notice a file cut short) and its digest (any other damage). */
export const CachePart = z.object({ length: z.number().int().nonnegative(), digest: z.string() });

/**
 * The first line of every cache file. `key` guards against hash collisions and hand-copied files; `parts` says where
 * each part of the rest lies and what it must digest to.
 */
export const CacheHeader = Validators.extend({
  format: z.literal(CACHE_FORMAT),
  key: z.string(),
  parts: z.array(CachePart).min(1),
});
export type CacheHeader = z.infer<typeof CacheHeader>;

/**
 * `CacheHeader.safeParse`, written out: a pass reads a thousand headers before its first request can go, and zod
 * took 60 ms of that warm pass for them, this a millisecond. The same rules (test/pypi/cache-header.test.ts).
 */
export function asCacheHeader(raw: unknown): CacheHeader | undefined {
  if (!isRecord(raw) || raw['format'] !== CACHE_FORMAT || typeof raw['key'] !== 'string') return undefined;
  for (const name of ['etag', 'lastModified', 'location']) {
    if (raw[name] !== undefined && typeof raw[name] !== 'string') return undefined;
  }
  const parts = raw['parts'];
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  return parts.every(isCachePart) ? (raw as CacheHeader) : undefined;
}

function isCachePart(part: unknown): boolean {
  return isRecord(part) && typeof part['digest'] === 'string' && isCount(part['length']);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
