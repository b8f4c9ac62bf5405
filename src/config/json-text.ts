import { findNodeAtLocation, getNodeValue, type Node, type ParseError, parseTree } from 'jsonc-parser';

/** A path into the JSON document, as zod reports it: keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** A problem found in renovate.json, before it is given a line and column. */
export interface ConfigProblem {
  path: JsonPath;
  message: string;
  /** Point at the key (unknown keys, misplaced keys) or at the value (wrong values). */
  at: 'key' | 'value';
  /** Exact offset, when the path alone is ambiguous (a duplicate key). */
  offset?: number;
}

export interface JsonDocument {
  root: Node;
  value: unknown;
}

export type JsonParseResult =
  | { ok: true; document: JsonDocument }
  | { ok: false; offset: number; message: string };

const SYNTAX_MESSAGES: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes expected',
  4: 'a value expected',
  5: '":" expected',
  6: '"," expected',
  7: '"}" expected',
  8: '"]" expected',
  9: 'end of file expected',
  10: 'comments are not allowed in JSON',
  11: 'unexpected end of comment',
  12: 'unexpected end of string',
  13: 'unexpected end of number',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character in string',
};

/** Strict JSON (no comments, no trailing commas), with a tree that maps paths back to offsets. */
export function parseJsonText(text: string): JsonParseResult {
  if (text.trim() === '') {
    return { ok: false, offset: 0, message: 'the file is empty; write {} to use the defaults' };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) {
    // Later syntax errors are mostly echoes of the first one.
    return syntaxError(text, first);
  }
  if (!root) {
    return { ok: false, offset: 0, message: 'invalid JSON: a value expected' };
  }
  return { ok: true, document: { root, value: getNodeValue(root) } };
}

function syntaxError(text: string, error: ParseError): JsonParseResult {
  const before = text.slice(0, error.offset).trimEnd();
  const expectingMore = error.error === 3 || error.error === 4;
  if (expectingMore && before.endsWith(',') && /^\s*[}\]]/.test(text.slice(error.offset))) {
    return { ok: false, offset: before.length - 1, message: 'invalid JSON: trailing comma before } or ]' };
  }
  const message = SYNTAX_MESSAGES[error.error] ?? 'unexpected text';
  return { ok: false, offset: error.offset, message: `invalid JSON: ${message}` };
}

/** 1-based line and column (UTF-16 units) of an offset; \r\n, \n and \r all end a line. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A reusable `positionAt` for many offsets of one text: line starts found once, each offset by binary search
 * (thousands of diagnostics stay linear, not one scan of the text each).
 */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** The node at `path`, or the nearest existing ancestor when part of the path is missing. */
function nearestNode(root: Node, path: JsonPath): { node: Node; exact: boolean } {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length) as (string | number)[]);
    if (node) {
      return { node, exact: length === path.length };
    }
  }
  return { node: root, exact: path.length === 0 };
}

/** Offset of the key or the value a problem is about; a missing key points at the object holding it. */
export function offsetOf(root: Node, problem: ConfigProblem): number {
  if (problem.offset !== undefined) {
    return problem.offset;
  }
  const { node, exact } = nearestNode(root, problem.path);
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (exact && problem.at === 'key' && property?.children?.[0]) {
    return property.children[0].offset;
  }
  return node.offset;
}

/** The JSON text at `path` (shortened), for "found …"; undefined when the key is absent. */
export function rawValueAt(text: string, root: Node, path: JsonPath): string | undefined {
  const node = findNodeAtLocation(root, path as (string | number)[]);
  if (!node) {
    return undefined;
  }
  const raw = text.slice(node.offset, node.offset + node.length).replace(/\s+/g, ' ');
  return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
}

/** `packageRules[0].schedule[1]` */
export function formatPath(path: JsonPath): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** JSON.parse keeps the last of two equal keys silently; say so. */
export function duplicateKeyProblems(root: Node, path: (string | number)[] = []): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (root.type === 'object') {
    const seen = new Set<string>();
    for (const property of root.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (seen.has(key)) {
        problems.push({
          path: [...path, key],
          at: 'key',
          offset: keyNode?.offset ?? property.offset,
          message: `duplicate key "${formatPath([...path, key])}": only the last one counts`,
        });
      }
      seen.add(key);
      if (valueNode) problems.push(...duplicateKeyProblems(valueNode, [...path, key]));
    }
  } else if (root.type === 'array') {
    (root.children ?? []).forEach((child, index) => {
      problems.push(...duplicateKeyProblems(child, [...path, index]));
    });
  }
  return problems;
}
