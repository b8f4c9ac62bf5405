import { Minimatch, minimatch } from 'minimatch';
import type { PackageRule } from '../config/schema.js';
import { isValidSpecifier, isValidVersion, satisfiesSpecifier } from '../versioning/pep440.js';
import { compileRegexPattern, isRegexPattern } from './name-match.js';

/**
 * packageRules selectors beyond the package name (SPEC §5), as Renovate means them for a pin in a
 * constraints file: Renovate's pip_requirements manager, the pypi datasource, the python category, no
 * dependency type.
 */
const HERE = {
  matchManagers: 'pip_requirements',
  matchDatasources: 'pypi',
  matchCategories: 'python',
} as const;

/** False for a rule scoped to other managers, datasources, categories or to dependency types. */
export function servesHere(rule: PackageRule): boolean {
  for (const [key, here] of Object.entries(HERE) as [keyof typeof HERE, string][]) {
    const list = rule[key];
    if (list && !matchesList(list, here)) return false;
  }
  return rule.matchDepTypes === undefined;
}

/** Renovate's list semantics for plain strings, globs and /regex/: a positive match and no "!" match. */
function matchesList(patterns: readonly string[], value: string): boolean {
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  if (negative.some((pattern) => matchesOne(pattern, value))) return false;
  return positive.length === 0 || positive.some((pattern) => matchesOne(pattern, value));
}

function matchesOne(pattern: string, value: string): boolean {
  if (isRegexPattern(pattern)) return compileRegexPattern(pattern).test(value);
  return pattern === value || minimatch(value, pattern, { dot: true, nocase: true });
}

/**
 * `managerFilePatterns`: a /regex/ or a glob, against a file's full path in the repository, as Renovate matches
 * them (a glob ignores case and matches dotfiles; `*` alone matches every path). Compiled once, for a whole tree.
 */
export function filePatternMatcher(patterns: readonly string[]): (file: string) => boolean {
  const tests = patterns.map((pattern): ((file: string) => boolean) => {
    if (isRegexPattern(pattern)) {
      const regex = compileRegexPattern(pattern);
      return (file) => regex.test(file);
    }
    if (pattern === '*') return () => true;
    const glob = new Minimatch(pattern, { dot: true, nocase: true });
    return (file) => glob.match(file);
  });
  return (file) => tests.some((test) => test(file));
}

/** `matchFileNames`: an exact path or a glob (`**` crosses directories), against the served file's path. */
export function matchesFileName(patterns: readonly string[], file: string): boolean {
  return patterns.some((pattern) => pattern === file || minimatch(file, pattern, { dot: true }));
}

/** `matchCurrentVersion`: a PEP 440 range, an exact version, or a /regex/; a leading `!` negates a regex. */
export function matchesCurrentVersion(selector: string, version: string): boolean {
  const negated = selector.startsWith('!/');
  const body = negated ? selector.slice(1) : selector;
  if (isRegexPattern(body)) return compileRegexPattern(body).test(version) !== negated;
  if (!isValidVersion(version)) return false;
  if (isValidVersion(body)) return satisfiesSpecifier(version, `==${body}`);
  return isValidSpecifier(body) && satisfiesSpecifier(version, body);
}
