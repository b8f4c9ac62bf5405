import type { Release, ReleaseFile } from './types.js';

/**
 * Builds releases from their files. `versions` (JSON API release keys, PEP 700 `versions`) lists releases that may
 * have no file at all; they are kept, empty. Order: `versions` first, then versions seen only on files.
 */
export function assembleReleases(
  filesByVersion: ReadonlyMap<string, ReleaseFile[]>,
  versions: readonly string[] = [],
): Release[] {
  const order = [...new Set([...versions, ...filesByVersion.keys()])];
  return order.map((version) => assembleRelease(version, filesByVersion.get(version) ?? []));
}

function assembleRelease(version: string, files: ReleaseFile[]): Release {
  const release: Release = {
    version,
    files,
    yanked: files.length > 0 && files.every((file) => file.yanked),
  };
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
