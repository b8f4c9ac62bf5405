import { normalizeName } from '../versioning/normalize.js';

/** Source archive endings pip accepts, longest first so `.tar.gz` wins over `.gz`. */
const SDIST_ENDINGS = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.Z', '.tar', '.tgz', '.tbz', '.zip'];

/**
 * The version a distribution file belongs to, from its name (the Simple API lists files, not releases).
 * Wheels and eggs: `name-version-…`; source archives: `name-version.tar.gz`, where the name part may be spelled in
 * any case or separator. Undefined for files whose version cannot be told (old installers and the like).
 */
export function versionFromFilename(filename: string, normalizedName: string): string | undefined {
  if (filename.endsWith('.whl') || filename.endsWith('.egg')) {
    return filename.split('-')[1];
  }
  const ending = SDIST_ENDINGS.find((candidate) => filename.toLowerCase().endsWith(candidate.toLowerCase()));
  if (!ending) {
    return undefined;
  }
  const stem = filename.slice(0, -ending.length);
  // The name itself may contain `-`: try every split point until the left part is the project's name.
  for (let dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
    if (normalizeName(stem.slice(0, dash)) === normalizedName) {
      const version = stem.slice(dash + 1);
      return version === '' ? undefined : version;
    }
  }
  return undefined;
}
