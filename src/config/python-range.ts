import { isValidSpecifier, satisfiesSpecifier } from '../versioning/pep440.js';

/** Python minor versions a `constraints.python` range is read against (SPEC §5: pythonVersions). */
const KNOWN_PYTHONS = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

/** Renovate's `constraints.python` in PEP 440 terms: a bare version, `^3.9`/`~3.10` (Poetry) or a specifier. */
function asSpecifier(range: string): string | undefined {
  const text = range.trim();
  const bare = /^(\d+)\.(\d+)(?:\.\d+|\.\*)?$/.exec(text);
  if (bare) return `==${bare[1]}.${bare[2]}.*`;
  const caret = /^\^(\d+)\.(\d+)/.exec(text);
  if (caret) return `>=${caret[1]}.${caret[2]},<${Number(caret[1]) + 1}`;
  const tilde = /^~(\d+)\.(\d+)$/.exec(text);
  if (tilde) return `>=${tilde[1]}.${tilde[2]},<${tilde[1]}.${Number(tilde[2]) + 1}`;
  return isValidSpecifier(text) ? text : undefined;
}

/**
 * The Python versions a `constraints.python` range allows, e.g. `">=3.10"` → 3.10 … 3.14, `"3.11"` → 3.11;
 * undefined when it is not a range pingate can read (the caller reports it).
 */
export function pythonVersionsOf(range: string): string[] | undefined {
  const specifier = asSpecifier(range);
  if (specifier === undefined) return undefined;
  const versions = KNOWN_PYTHONS.filter((version) => satisfiesSpecifier(`${version}.0`, specifier));
  return versions.length > 0 ? versions : undefined;
}
