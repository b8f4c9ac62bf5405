/**
 * PEP 508 environment markers: `parseMarker` builds the tree, `evaluateMarker` answers it for one environment
 * (see marker-evaluate.ts).
 */
import { Scanner } from './scanner.js';

/** PEP 508 environment marker, parsed into a tree that `evaluateMarker` can evaluate. */
export type MarkerExpression =
  | { type: 'and' | 'or'; left: MarkerExpression; right: MarkerExpression }
  | { type: 'compare'; left: MarkerValue; op: MarkerOperator; right: MarkerValue };

export type MarkerValue = { kind: 'variable'; name: string } | { kind: 'string'; value: string };

export type MarkerOperator = '<' | '<=' | '!=' | '==' | '>=' | '>' | '~=' | '===' | 'in' | 'not in';

/** The values of every PEP 508 marker variable except `extra`, which comes from the requested extras. */
export interface MarkerEnvironment {
  python_version: string;
  python_full_version: string;
  os_name: string;
  sys_platform: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  platform_machine: string;
  platform_python_implementation: string;
  implementation_name: string;
  implementation_version: string;
}

export type MarkerVariable = keyof MarkerEnvironment | 'extra';

/** A marker that is not PEP 508. `column` is the 0-based offset into the marker text. */
export class MarkerSyntaxError extends Error {
  override readonly name = 'MarkerSyntaxError';
  constructor(
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`expected ${expected}, found ${found}`);
  }
}

const VARIABLES: Record<string, MarkerVariable> = {
  python_version: 'python_version',
  python_full_version: 'python_full_version',
  os_name: 'os_name',
  sys_platform: 'sys_platform',
  platform_release: 'platform_release',
  platform_system: 'platform_system',
  platform_version: 'platform_version',
  platform_machine: 'platform_machine',
  platform_python_implementation: 'platform_python_implementation',
  implementation_name: 'implementation_name',
  implementation_version: 'implementation_version',
  extra: 'extra',
  // Spellings from before PEP 508 that `packaging` still accepts.
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

const OPERATORS: MarkerOperator[] = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'];

/**
 * Parentheses nested deeper than this, or more comparisons than `MAX_COMPARISONS`, are a syntax error rather than a
 * stack overflow. pip 23.2.1 itself fails (RecursionError) past about 80 levels and about 100 chained comparisons,
 * and real markers have a handful: the limits refuse nothing pip can read that a person would write.
 */
export const MAX_MARKER_DEPTH = 64;
export const MAX_COMPARISONS = 1000;

interface Parser {
  scanner: Scanner;
  depth: number;
  comparisons: number;
}

export function parseMarker(text: string): MarkerExpression {
  const parser: Parser = { scanner: new Scanner(text), depth: 0, comparisons: 0 };
  const expression = parseOr(parser);
  parser.scanner.skipSpaces();
  if (!parser.scanner.atEnd) {
    fail(parser.scanner, '"and", "or" or the end of the marker');
  }
  return expression;
}

function parseOr(parser: Parser): MarkerExpression {
  let left = parseAnd(parser);
  while (eatKeyword(parser.scanner, 'or')) {
    left = { type: 'or', left, right: parseAnd(parser) };
  }
  return left;
}

function parseAnd(parser: Parser): MarkerExpression {
  let left = parseAtom(parser);
  while (eatKeyword(parser.scanner, 'and')) {
    left = { type: 'and', left, right: parseAtom(parser) };
  }
  return left;
}

function parseAtom(parser: Parser): MarkerExpression {
  const { scanner } = parser;
  scanner.skipSpaces();
  if (scanner.peek() === '(') {
    if (parser.depth >= MAX_MARKER_DEPTH) {
      throw new MarkerSyntaxError(
        scanner.pos,
        `at most ${MAX_MARKER_DEPTH} nested parentheses`,
        `a ${MAX_MARKER_DEPTH + 1}th "("`,
      );
    }
    scanner.eat('(');
    parser.depth += 1;
    const inner = parseOr(parser);
    parser.depth -= 1;
    scanner.skipSpaces();
    if (!scanner.eat(')')) {
      fail(scanner, '")"');
    }
    return inner;
  }
  parser.comparisons += 1;
  if (parser.comparisons > MAX_COMPARISONS) {
    throw new MarkerSyntaxError(
      scanner.pos,
      `at most ${MAX_COMPARISONS} comparisons in one marker`,
      `comparison ${parser.comparisons}`,
    );
  }
  const left = parseValue(scanner);
  scanner.skipSpaces();
  const op = parseOperator(scanner);
  const right = parseValue(scanner);
  return { type: 'compare', left, op, right };
}

function parseValue(scanner: Scanner): MarkerValue {
  scanner.skipSpaces();
  const quote = scanner.peek();
  if (quote === '"' || quote === "'") {
    const start = scanner.pos;
    const close = scanner.text.indexOf(quote, start + 1);
    if (close === -1) {
      scanner.pos = scanner.text.length;
      throw new MarkerSyntaxError(
        scanner.pos,
        `a closing ${quote} after ${scanner.text.slice(start, start + 20)}`,
        'end of line',
      );
    }
    scanner.pos = close + 1;
    return { kind: 'string', value: scanner.text.slice(start + 1, close) };
  }
  const start = scanner.pos;
  const word = scanner.match(/[A-Za-z_][A-Za-z0-9_.]*/);
  const name = word === undefined ? undefined : VARIABLES[word];
  if (name === undefined) {
    scanner.pos = start;
    fail(scanner, 'a marker variable (python_version, sys_platform, extra, …) or a quoted string');
  }
  return { kind: 'variable', name };
}

function parseOperator(scanner: Scanner): MarkerOperator {
  for (const op of OPERATORS) {
    if (scanner.eat(op)) {
      return op;
    }
  }
  if (eatKeyword(scanner, 'in')) {
    return 'in';
  }
  const start = scanner.pos;
  if (eatKeyword(scanner, 'not')) {
    if (eatKeyword(scanner, 'in')) {
      return 'not in';
    }
    scanner.pos = start;
  }
  return fail(scanner, 'a comparison (==, !=, <, <=, >, >=, ~=, ===, in, not in)');
}

/** Consumes `word` (after optional spaces) when it is a whole word. */
function eatKeyword(scanner: Scanner, word: string): boolean {
  const start = scanner.pos;
  scanner.skipSpaces();
  if (scanner.eat(word) && !/[A-Za-z0-9_.]/.test(scanner.peek())) {
    return true;
  }
  scanner.pos = start;
  return false;
}

function fail(scanner: Scanner, expected: string): never {
  scanner.skipSpaces();
  throw new MarkerSyntaxError(scanner.pos, expected, scanner.found());
}

export { evaluateMarker, linuxCPythonEnvironment } from './marker-evaluate.js';
