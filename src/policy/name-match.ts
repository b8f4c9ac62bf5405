/**
 * Package-name patterns of `matchPackageNames` and `ignoreDeps`: an exact name, a `/regex/flags`, or a glob
 * (Renovate's: minimatch, `*`, `?`, `[…]`, `{a,b}`). Exact names and globs are compared in PEP 503 normal form (`Foo.Bar_baz` = `foo-bar-baz`);
 * a regex is tested as written against the normal form, so write it in lower case with `-` separators.
 */

import { minimatch } from 'minimatch';

const REGEX_PATTERN = /^\/(.+)\/([a-z]*)$/;

/** True when `pattern` is written as `/…/flags`. */
export function isRegexPattern(pattern: string): boolean {
  return REGEX_PATTERN.test(pattern);
}

/**
 * Compiles a `/…/flags` pattern. Throws a `SyntaxError` naming the problem when the regex is invalid.
 * The stateful flags `g` and `y` are dropped: a pattern is a yes/no test, never a cursor.
 */
export function compileRegexPattern(pattern: string): RegExp {
  const match = REGEX_PATTERN.exec(pattern);
  if (!match) {
    throw new SyntaxError(`not a /regex/: ${pattern}`);
  }
  const flags = (match[2] ?? '').replace(/[gy]/g, '');
  return new RegExp(match[1] ?? '', flags);
}

/** PEP 503 normal form; also applied to globs, whose `*` and `?` it leaves alone. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Whether one pattern (exact, `/regex/flags` or glob) matches a PEP 503-normalised package name. */
export function matchesPackageName(pattern: string, normalizedName: string): boolean {
  if (isRegexPattern(pattern)) {
    return compileRegexPattern(pattern).test(normalizedName);
  }
  const normalPattern = normalize(pattern.trim());
  if (/[*?[{]/.test(normalPattern)) {
    // Renovate's glob: minimatch, case-insensitive.
    return minimatch(normalizedName, normalPattern, { dot: true, nocase: true });
  }
  return normalPattern === normalizedName;
}

/**
 * Renovate's list semantics: a pattern starting with `!` excludes. The name matches when it matches at least
 * one positive pattern (or there are none) and no negated one. An empty list matches nothing.
 */
export function matchesAnyPackageName(patterns: readonly string[], normalizedName: string): boolean {
  if (patterns.length === 0) {
    return false;
  }
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  if (negative.some((pattern) => matchesPackageName(pattern, normalizedName))) {
    return false;
  }
  return positive.length === 0 || positive.some((pattern) => matchesPackageName(pattern, normalizedName));
}
