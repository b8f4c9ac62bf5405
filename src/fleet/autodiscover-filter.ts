/**
 * `--autodiscover-filter` as Renovate's `autodiscoverFilter` reads it: each filter is a minimatch glob
 * (`group/*`, `group/**`, case-insensitive) or, written `/…/` or `/…/i`, a regular expression; either may start
 * with `!` to mean "every project that does not match". Like Renovate, a project is kept when it matches ANY filter
 * (the matches of each are added together), paths are compared lower-cased, and no filter keeps everything.
 * That makes a `!` filter beside others keep nearly everything, so it is allowed but warned about, as Renovate's
 * documentation advises against it.
 */
import { Minimatch } from 'minimatch';
import { BadInputError } from '../errors.js';

export interface ProjectFilter {
  matches(path: string): boolean;
  warnings: string[];
}

const REGEX_FILTER = /^!?\/(.*)\/(i?)$/;

/** Throws BadInputError naming `origin` when a `/regex/` does not compile. */
export function compileProjectFilter(filters: readonly string[], origin: string): ProjectFilter {
  const predicates = filters.map((filter) => compileOne(filter, origin));
  const negated = filters.filter((filter) => filter.startsWith('!'));
  const warnings =
    negated.length > 0 && filters.length > 1
      ? [
          `${origin}: filters are combined with "or", so ${negated.map((f) => `"${f}"`).join(', ')} beside ` +
            'other filters keeps every project that any of them keeps; use a single negated filter instead',
        ]
      : [];
  return {
    matches: (path) => {
      if (predicates.length === 0) return true;
      const lower = path.toLowerCase();
      return predicates.some((predicate) => predicate(lower));
    },
    warnings,
  };
}

function compileOne(filter: string, origin: string): (path: string) => boolean {
  const regex = REGEX_FILTER.exec(filter);
  if (!regex) {
    const glob = new Minimatch(filter, { nocase: true });
    return (path) => glob.match(path);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex[1] ?? '', regex[2] ?? '');
  } catch (error) {
    throw new BadInputError(
      `${origin} "${filter}" is not a valid regular expression (${(error as Error).message}); ` +
        'write a minimatch glob such as group/* or a regex such as /^group\\/(api|web)$/',
      undefined,
      { cause: error },
    );
  }
  const positive = !filter.startsWith('!');
  return (path) => compiled.test(path) === positive;
}
