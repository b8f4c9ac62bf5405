/**
 * A project's record in the two parts of its cache file: the body, with each release's files as their number, and
 * the files' sha256 digests, release by release. The digests are two thirds of a record's bytes (64 hex digits a
 * file, several files a release) and only a `--hash` pin reads them, so a warm pass decodes the body alone and each
 * release gets placeholders for its files, right in number, without digests; `decodeDigests` puts the digests in
 * when a hashed pin asks (PackageIndex.digests).
 *
 * Both parts are this program's own output, checked by their digests in the cache (cache.ts), so they are read back
 * without a schema; a part of another shape (a bug, never damage) is refused as a whole, as damage is.
 */

import type { StoredBodyPart, StoredDigestsPart, StoredProjectBody } from './schema.js';
import type { ReleaseFile } from './types.js';

/** The placeholder of a file whose digest has not been read. Frozen, and shared: it costs nothing per file. */
const UNREAD_FILE: ReleaseFile = Object.freeze({});
const unreadLists: ReleaseFile[][] = [];

/** `count` placeholders, one frozen list per count: a release read without its digests allocates nothing. */
function unreadFiles(count: number): ReleaseFile[] {
  let list = unreadLists[count];
  if (!list) {
    list = Object.freeze(Array.from({ length: count }, () => UNREAD_FILE)) as ReleaseFile[];
    unreadLists[count] = list;
  }
  return list;
}

/** The body part: the record with each release's files as their number. */
export function encodeBody(body: StoredProjectBody): string {
  const releases = body.page.releases.map((release) => ({ ...release, files: release.files.length }));
  const stored: StoredBodyPart = { ...body, page: { ...body.page, releases } };
  return JSON.stringify(stored);
}

/** The digests part: each release's list of its files' digests (null for a file without one). */
export function encodeDigests(body: StoredProjectBody): string {
  const digests: StoredDigestsPart = body.page.releases.map((release) =>
    release.files.map((file) => file.sha256 ?? null),
  );
  return JSON.stringify(digests);
}

/** The record from its body part, each release with placeholders for its files; undefined when it is not one. */
export function decodeBody(text: string): StoredProjectBody | undefined {
  let body: StoredBodyPart;
  try {
    body = JSON.parse(text) as StoredBodyPart;
  } catch {
    return undefined;
  }
  const releases = body?.page?.releases;
  if (!Array.isArray(releases)) return undefined;
  for (const release of releases) {
    if (!Number.isInteger(release.files) || release.files < 0) return undefined;
    (release as unknown as { files: ReleaseFile[] }).files = unreadFiles(release.files);
  }
  return body as unknown as StoredProjectBody;
}

/**
 * Puts the digests part's digests into the record's releases (in place: whoever holds the project sees them);
 * false, and nothing changed, when the part does not fit the releases.
 */
export function decodeDigests(text: string, body: StoredProjectBody): boolean {
  let digests: StoredDigestsPart;
  try {
    digests = JSON.parse(text) as StoredDigestsPart;
  } catch {
    return false;
  }
  const { releases } = body.page;
  const fits =
    Array.isArray(digests) &&
    digests.length === releases.length &&
    digests.every((list, i) => Array.isArray(list) && list.length === releases[i]!.files.length);
  if (!fits) return false;
  releases.forEach((release, i) => {
    release.files = digests[i]!.map((sha256) => (typeof sha256 === 'string' ? { sha256 } : {}));
  });
  return true;
}
