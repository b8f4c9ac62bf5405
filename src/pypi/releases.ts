import type { IndexFile, Release } from './types.js';

/**
 * Builds releases from their files, keeping of each file only its digest. `versions` (JSON API release keys, PEP 700 `versions`) lists releases that may
 * have no file at all; they are kept, empty. Order: `versions` first, then versions seen only on files.
 */
export function assembleReleases(
  filesByVersion: ReadonlyMap<string, IndexFile[]>,
  versions: readonly string[] = [],
): Release[] {
  const order = [...new Set([...versions, ...filesByVersion.keys()])];
  return order.map((version) => assembleRelease(version, filesByVersion.get(version) ?? []));
}

function assembleRelease(version: string, files: IndexFile[]): Release {
  const yanked = files.length > 0 && files.every((file) => file.yanked);
  const release: Release = {
    version,
    files: files.map((file) => (file.sha256 ? { sha256: file.sha256 } : {})),
    yanked,
  };
  const yankedReason = yanked ? files.find((file) => file.yankedReason)?.yankedReason : undefined;
  if (yankedReason) {
    release.yankedReason = yankedReason;
  }
  const requiresPython = files.find((file) => file.requiresPython)?.requiresPython;
  if (requiresPython) {
    release.requiresPython = requiresPython;
  }
  const uploadTime = earliest(files.map((file) => file.uploadTime));
  if (uploadTime) {
    release.uploadTime = uploadTime;
  }
  return release;
}

function earliest(times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = Number.POSITIVE_INFINITY;
  for (const time of times) {
    const ms = time ? Date.parse(time) : Number.NaN;
    if (!Number.isNaN(ms) && ms < bestMs) {
      best = time;
      bestMs = ms;
    }
  }
  return best;
}

/** Groups files under their version, keeping first-seen order. */
export function groupByVersion<F>(entries: Iterable<{ version: string; file: F }>): Map<string, F[]> {
  const grouped = new Map<string, F[]>();
  for (const { version, file } of entries) {
    const list = grouped.get(version);
    if (list) {
      list.push(file);
    } else {
      grouped.set(version, [file]);
    }
  }
  return grouped;
}
