/**
 * PEP 440 version specifiers, each parsed once and then checked against any number of versions, with exactly the
 * answers of @renovatebot/pep440's `satisfies(version, specifier, { prereleases: true })` (a property test holds
 * the two together). The library parses the specifier and both versions again on every call, about 50 µs a
 * check; the conflict check of a 1,000-pin file makes hundreds of them after the network is done.
 *
 * Callers pass specifiers the library's `validRange` accepted and versions it can explain.
 */

/** What a check needs of a version: pep440.ts's memoised view of the library's `explain`. */
export interface VersionFacts {
  epoch: number;
  release: number[];
  local: string | null;
  /** The normalised version without its local label. */
  public: string;
}

export interface SpecifierRuntime {
  explain(version: string): VersionFacts | null;
  compare(a: string, b: string): number;
}

type Operator = '===' | '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>';

interface Clause {
  operator: Operator;
  /** As written; absent for an arbitrary (`===`) string that is not a version. */
  version?: string;
  facts?: VersionFacts;
  /** The text after `===` when it is not a version. */
  legacy?: string;
  /** `==1.4.*` / `!=1.4.*`: the version is a release prefix. */
  prefix: boolean;
}

export type CompiledSpecifier = (version: string, facts: VersionFacts) => boolean;

const CLAUSE = /^(===|~=|==|!=|<=|>=|<|>)\s*(.*)$/;

/** A check for `specifier`, which must be valid (see `isValidSpecifier`). */
export function compileSpecifier(specifier: string, runtime: SpecifierRuntime): CompiledSpecifier {
  const clauses =
    specifier.trim() === '' ? [] : specifier.split(',').map((text) => parseClause(text, runtime));
  return (version, facts) => clauses.every((clause) => holds(clause, version, facts, runtime));
}

function parseClause(text: string, runtime: SpecifierRuntime): Clause {
  const [, operator, rest] = CLAUSE.exec(text.trim()) as unknown as [string, Operator, string];
  const prefix = rest.endsWith('.*');
  const version = prefix ? rest.slice(0, -2) : rest;
  const facts = runtime.explain(version);
  if (!facts) return { operator, legacy: rest, prefix: false };
  return { operator, version, facts, prefix };
}

function holds(clause: Clause, version: string, facts: VersionFacts, runtime: SpecifierRuntime): boolean {
  const wanted = clause.facts;
  if (clause.operator === '~=' && wanted) {
    // `~=2.4.1` is `>=2.4.1, ==2.4.*`.
    return (
      ordered('>=', clause, version, facts, runtime) &&
      startsWith(facts, wanted.epoch, wanted.release.slice(0, -1))
    );
  }
  if (clause.prefix && wanted) {
    const match = startsWith(facts, wanted.epoch, wanted.release);
    return clause.operator === '!=' ? !match : match;
  }
  return ordered(clause.operator, clause, version, facts, runtime);
}

/** The release begins with `release`, segment by segment (no zero padding), in the same epoch. */
function startsWith(facts: VersionFacts, epoch: number, release: number[]): boolean {
  return facts.epoch === epoch && release.every((segment, i) => facts.release[i] === segment);
}

function ordered(
  operator: Operator,
  clause: Clause,
  version: string,
  facts: VersionFacts,
  runtime: SpecifierRuntime,
): boolean {
  let left = version;
  let right = clause.version ?? clause.legacy ?? '';
  // A version with a local label is compared by its public part, and so is the specifier's version.
  if (facts.local && clause.facts) {
    left = facts.public;
    right = clause.facts.public;
  }
  if (operator === '===') return left.toLowerCase() === right.toLowerCase();
  // `<` and `>` exclude every version of the same release (`>1.0` does not admit 1.0.post1 or 1.0+local).
  if (
    (operator === '<' || operator === '>') &&
    clause.facts &&
    sameRelease(clause.facts.release, facts.release)
  ) {
    return false;
  }
  const order = runtime.compare(left, right);
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>=':
    case '~=':
      return order >= 0;
    case '>':
      return order > 0;
  }
}

/** Equal releases, trailing zeros ignored (1.0 and 1.0.0). */
function sameRelease(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  }
  return true;
}
