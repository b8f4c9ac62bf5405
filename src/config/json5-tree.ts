import type { Node } from 'jsonc-parser';

/**
 * A JSON5 reader that keeps where every key and value is, for `FILE:LINE:COL` messages: comments, trailing
 * commas, single quotes, unquoted keys and JSON5 numbers are accepted; the tree has jsonc-parser's `Node`
 * shape. Nesting is bounded (a config never needs more; a hostile file must not exhaust the stack), and every
 * step is linear in the text.
 */

export const MAX_DEPTH = 64;

/** jsonc-parser's Node, writable while the tree is built. */
type Mutable = { -readonly [K in keyof Node]: Node[K] };

export interface Json5Document {
  root: Node;
  value: unknown;
  /** Offset and name of the first thing strict JSON would refuse (a comment, a trailing comma, …). */
  json5Only?: { offset: number; what: string };
}

export type Json5Result =
  | { ok: true; document: Json5Document }
  | { ok: false; offset: number; message: string };

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const ID_START = /[\p{ID_Start}$_]/u;
const ID_PART = /[\p{ID_Continue}$_\u200c\u200d]/u;
const NUMBER = /^[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const LINE_END = /[\n\r\u2028\u2029]/g;
const DOUBLE_STOP = /["\\\n\r]/g;
const SINGLE_STOP = /['\\\n\r]/g;

/** Offset of the next match of a global regex at or after `from`, without copying the text. */
function findFrom(text: string, pattern: RegExp, from: number): number | undefined {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index : undefined;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

class Reader {
  index = 0;
  json5Only: { offset: number; what: string } | undefined;

  constructor(readonly text: string) {}

  mark(offset: number, what: string): void {
    this.json5Only ??= { offset, what };
  }

  fail(message: string, offset = this.index): never {
    throw new SyntaxProblem(offset, message);
  }

  found(): string {
    const char = this.text[this.index];
    return char === undefined ? 'the end of the file' : JSON.stringify(char);
  }

  skip(): void {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index]!;
      if (WHITESPACE.test(char)) {
        this.index++;
      } else if (char === '/' && text[this.index + 1] === '/') {
        this.mark(this.index, 'a comment');
        this.index = findFrom(text, LINE_END, this.index + 2) ?? text.length;
      } else if (char === '/' && text[this.index + 1] === '*') {
        this.mark(this.index, 'a comment');
        const end = text.indexOf('*/', this.index + 2);
        if (end < 0) this.fail('a comment that never ends (no "*/")');
        this.index = end + 2;
      } else {
        return;
      }
    }
  }
}

function leaf(type: Node['type'], offset: number, length: number, value: unknown): Node {
  return { type, offset, length, value } as Node;
}

function parseValue(reader: Reader, depth: number): { node: Node; value: unknown } {
  reader.skip();
  const { text } = reader;
  const start = reader.index;
  const char = text[start];
  if (char === '{' || char === '[') {
    if (depth >= MAX_DEPTH)
      reader.fail(`nested more than ${MAX_DEPTH} levels deep; a configuration never needs that`);
    return char === '{' ? parseObject(reader, depth + 1) : parseArray(reader, depth + 1);
  }
  if (char === '"' || char === "'") {
    const value = parseString(reader);
    return { node: leaf('string', start, reader.index - start, value), value };
  }
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (text.startsWith(word, start) && !ID_PART.test(text[start + word.length] ?? '')) {
      reader.index += word.length;
      const type = value === null ? 'null' : 'boolean';
      return { node: leaf(type, start, word.length, value), value };
    }
  }
  const number = NUMBER.exec(text.slice(start, start + 400));
  if (number && !ID_PART.test(text[start + number[0].length] ?? '')) {
    const raw = number[0];
    if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(raw)) reader.mark(start, `the number ${raw}`);
    reader.index += raw.length;
    const value = /^[+-]?0[xX]/.test(raw) ? Number.parseInt(raw, 16) : Number(raw);
    return { node: leaf('number', start, raw.length, value), value };
  }
  return reader.fail(
    `a value expected (a string, number, true, false, null, { or [), found ${reader.found()}`,
  );
}

function parseString(reader: Reader): string {
  const { text } = reader;
  const quote = text[reader.index]!;
  if (quote === "'") reader.mark(reader.index, 'a single-quoted string');
  const start = reader.index;
  reader.index++;
  let out = '';
  while (reader.index < text.length) {
    const char = text[reader.index]!;
    if (char === quote) {
      reader.index++;
      return out;
    }
    if (char === '\n' || char === '\r') reader.fail('a string that runs past the end of its line');
    if (char !== '\\') {
      const end = findFrom(text, quote === '"' ? DOUBLE_STOP : SINGLE_STOP, reader.index) ?? text.length;
      out += text.slice(reader.index, end);
      reader.index = end;
      continue;
    }
    out += parseEscape(reader);
  }
  return reader.fail('a string that never ends (no closing quote)', start);
}

function parseEscape(reader: Reader): string {
  const { text } = reader;
  const at = reader.index;
  const next = text[at + 1];
  reader.index += 2;
  if (next === undefined) reader.fail('a string that never ends (no closing quote)', at);
  if (next === 'u' || next === 'x') {
    const size = next === 'u' ? 4 : 2;
    const hex = text.slice(reader.index, reader.index + size);
    if (!new RegExp(`^[0-9a-fA-F]{${size}}$`).test(hex)) reader.fail(`an invalid \\${next} escape`, at);
    if (next === 'x') reader.mark(at, 'a \\x escape');
    reader.index += size;
    return String.fromCharCode(Number.parseInt(hex, 16));
  }
  if (next === '\r' || next === '\n' || next === '\u2028' || next === '\u2029') {
    reader.mark(at, 'a line continuation');
    if (next === '\r' && text[reader.index] === '\n') reader.index++;
    return '';
  }
  if (/[1-9]/.test(next)) reader.fail(`an invalid escape \\${next}`, at);
  if (!'"\\/bfnrtu'.includes(next)) reader.mark(at, `the escape \\${next}`);
  return ESCAPES[next] ?? next;
}

function parseKey(reader: Reader): Node {
  reader.skip();
  const { text } = reader;
  const start = reader.index;
  const char = text[start];
  if (char === '"' || char === "'") {
    const value = parseString(reader);
    return leaf('string', start, reader.index - start, value);
  }
  if (char !== undefined && (ID_START.test(char) || char === '\\')) {
    reader.mark(start, 'an unquoted key');
    let index = start;
    while (index < text.length && ID_PART.test(text[index]!)) index++;
    if (index === start) reader.fail('a property name expected', start);
    reader.index = index;
    return leaf('string', start, index - start, text.slice(start, index));
  }
  return reader.fail(`a property name expected, found ${reader.found()}`);
}

function expect(reader: Reader, char: string, what: string): void {
  reader.skip();
  if (reader.text[reader.index] !== char) reader.fail(`${what} expected, found ${reader.found()}`);
  reader.index++;
}

function parseObject(reader: Reader, depth: number): { node: Node; value: unknown } {
  const node: Mutable = { type: 'object', offset: reader.index, length: 0, children: [] };
  const value: Record<string, unknown> = {};
  reader.index++;
  for (;;) {
    reader.skip();
    if (reader.text[reader.index] === '}') break;
    const key = parseKey(reader);
    expect(reader, ':', '":"');
    const parsed = parseValue(reader, depth);
    const property: Mutable = {
      type: 'property',
      offset: key.offset,
      length: parsed.node.offset + parsed.node.length - key.offset,
      parent: node,
      children: [key, parsed.node],
    };
    (key as Mutable).parent = property;
    (parsed.node as Mutable).parent = property;
    node.children!.push(property);
    // Own data property, never the prototype (a key "__proto__" is just a key).
    Object.defineProperty(value, String(key.value), {
      value: parsed.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (!separator(reader, '}')) break;
  }
  expect(reader, '}', '"," or "}"');
  node.length = reader.index - node.offset;
  return { node, value };
}

function parseArray(reader: Reader, depth: number): { node: Node; value: unknown } {
  const node: Mutable = { type: 'array', offset: reader.index, length: 0, children: [] };
  const value: unknown[] = [];
  reader.index++;
  for (;;) {
    reader.skip();
    if (reader.text[reader.index] === ']') break;
    const parsed = parseValue(reader, depth);
    (parsed.node as Mutable).parent = node;
    node.children!.push(parsed.node);
    value.push(parsed.value);
    if (!separator(reader, ']')) break;
  }
  expect(reader, ']', '"," or "]"');
  node.length = reader.index - node.offset;
  return { node, value };
}

/** After an item: true when another may follow; a comma right before the closer is JSON5's trailing comma. */
function separator(reader: Reader, closer: string): boolean {
  reader.skip();
  if (reader.text[reader.index] !== ',') return false;
  const comma = reader.index;
  reader.index++;
  reader.skip();
  if (reader.text[reader.index] === closer) reader.mark(comma, 'a trailing comma');
  return true;
}

/** Parses JSON5 (which includes JSON); the first syntax error comes back with its offset (the caller names the format). */
export function parseJson5(text: string): Json5Result {
  if (text.trim() === '') {
    return { ok: false, offset: 0, message: 'the file is empty; write {} to use the defaults' };
  }
  const reader = new Reader(text);
  try {
    const { node, value } = parseValue(reader, 0);
    reader.skip();
    if (reader.index < text.length) reader.fail(`end of file expected, found ${reader.found()}`);
    const document: Json5Document = { root: node, value };
    if (reader.json5Only) document.json5Only = reader.json5Only;
    return { ok: true, document };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return { ok: false, offset: error.offset, message: error.message };
  }
}
