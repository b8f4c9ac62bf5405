/**
 * PEP 508 requirement strings: `name[extras] specifier ; marker` or `name[extras] @ url ; marker`.
 * Also reads the old `name (>=1.0)` form that Requires-Dist still carries. Offsets are kept so a caller can
 * rewrite a version in place.
 */
import { type MarkerExpression, MarkerSyntaxError, parseMarker } from './markers.js';
import { normalizeName } from './normalize.js';
import { isValidSpecifier } from './pep440.js';
import { Scanner } from './scanner.js';

/** One `op version` clause; `start`/`end` are the version's 0-based offsets in the parsed text. */
export interface SpecifierClause {
  operator: string;
  version: string;
  start: number;
  end: number;
}

export interface Requirement {
  name: string;
  normalizedName: string;
  extras: string[];
  /** Clauses joined without spaces, e.g. `>=1.25.4,<2.1`; `''` when there is none. */
  specifier: string;
  clauses: SpecifierClause[];
  url?: string;
  markerText?: string;
  marker?: MarkerExpression;
}

/** Not a PEP 508 requirement. `column` is the 0-based offset into the parsed text. */
export class RequirementSyntaxError extends Error {
  override readonly name = 'RequirementSyntaxError';
  constructor(
    message: string,
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

export function parseRequirement(text: string): Requirement {
  const scanner = new Scanner(text);
  scanner.skipSpaces();
  const name = scanner.match(NAME);
  if (name === undefined) {
    fail(scanner, 'a package name');
  }
  scanner.skipSpaces();
  const extras = scanner.peek() === '[' ? parseExtras(scanner) : [];
  scanner.skipSpaces();
  const requirement: Requirement = {
    name,
    normalizedName: normalizeName(name),
    extras,
    specifier: '',
    clauses: [],
  };
  if (scanner.eat('@')) {
    scanner.skipSpaces();
    const url = scanner.match(/\S+/);
    if (url === undefined) {
      fail(scanner, 'a URL after "@"');
    }
    requirement.url = url;
  } else {
    requirement.clauses = parseSpecifier(scanner);
    requirement.specifier = requirement.clauses.map((clause) => clause.operator + clause.version).join(',');
  }
  scanner.skipSpaces();
  if (scanner.eat(';')) {
    Object.assign(requirement, parseMarkerPart(scanner));
  } else if (!scanner.atEnd) {
    fail(scanner, expectedAfter(requirement));
  }
  return requirement;
}

function expectedAfter(requirement: Requirement): string {
  if (requirement.url !== undefined) {
    return '";" and a marker, or the end of the requirement';
  }
  if (requirement.clauses.length > 0) {
    return '",", ";" and a marker, or the end of the requirement';
  }
  return 'a version specifier (==, >=, ~=, …), "[extras]", "@ URL" or ";" and a marker';
}

function parseExtras(scanner: Scanner): string[] {
  scanner.eat('[');
  scanner.skipSpaces();
  const extras: string[] = [];
  if (scanner.eat(']')) {
    return extras;
  }
  for (;;) {
    scanner.skipSpaces();
    const extra = scanner.match(NAME);
    if (extra === undefined) {
      fail(scanner, 'an extra name');
    }
    extras.push(extra);
    scanner.skipSpaces();
    if (scanner.eat(']')) {
      return extras;
    }
    if (!scanner.eat(',')) {
      fail(scanner, '"," or "]"');
    }
  }
}

function parseSpecifier(scanner: Scanner): SpecifierClause[] {
  const parenthesized = scanner.eat('(');
  const clauses: SpecifierClause[] = [];
  scanner.skipSpaces();
  const first = parseClause(scanner, parenthesized);
  if (first) {
    clauses.push(first);
    scanner.skipSpaces();
    while (scanner.eat(',')) {
      scanner.skipSpaces();
      clauses.push(parseClause(scanner, true)!);
      scanner.skipSpaces();
    }
  }
  if (parenthesized && !scanner.eat(')')) {
    fail(scanner, clauses.length > 0 ? '"," or ")"' : 'a version specifier (==, >=, ~=, …)');
  }
  return clauses;
}

/** Reads `op version`; when `required` is false and no operator follows, returns undefined. */
function parseClause(scanner: Scanner, required: boolean): SpecifierClause | undefined {
  const operator = OPERATORS.find((op) => scanner.eat(op));
  if (operator === undefined) {
    if (required) {
      fail(scanner, 'a comparison operator (==, !=, <, <=, >, >=, ~=, ===)');
    }
    return undefined;
  }
  scanner.skipSpaces();
  const start = scanner.pos;
  const version = scanner.match(operator === '===' ? /[^\s,;()]+/ : /[A-Za-z0-9._*+!-]+/);
  if (version === undefined) {
    fail(scanner, `a version after "${operator}"`);
  }
  if (operator !== '===' && !isValidSpecifier(operator + version)) {
    scanner.pos = start;
    fail(scanner, `a PEP 440 version after "${operator}"`);
  }
  return { operator, version, start, end: scanner.pos };
}

function parseMarkerPart(scanner: Scanner): { markerText: string; marker: MarkerExpression } {
  scanner.skipSpaces();
  const start = scanner.pos;
  const markerText = scanner.text.slice(start).trimEnd();
  if (markerText === '') {
    fail(scanner, 'an environment marker after ";"');
  }
  try {
    return { markerText, marker: parseMarker(markerText) };
  } catch (error) {
    if (error instanceof MarkerSyntaxError) {
      throw new RequirementSyntaxError(error.message, start + error.column, { cause: error });
    }
    throw error;
  }
}

function fail(scanner: Scanner, expected: string): never {
  scanner.skipSpaces();
  throw new RequirementSyntaxError(`expected ${expected}, found ${scanner.found()}`, scanner.pos);
}
