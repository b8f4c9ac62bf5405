/**
 * Physical and logical lines of a requirements file, the way pip reads them: lines are what Python's
 * `str.splitlines()` makes of the text (pip 23.2.1's req_file.py numbers them so), so besides `\n` and `\r\n` a lone
 * `\r`, `\v`, `\f`, `\x1c`–`\x1e`, `\x85`, U+2028 and U+2029 each end a line; a line ending in `\` (and holding no
 * comment) continues on the next one; the pieces are joined with the backslash and line ending removed.
 * Every character of a logical line keeps its offset in the original text, so spans and diagnostics point at the file.
 */
import type { Span } from './types.js';

export interface PhysicalLine {
  /** 1-based. */
  number: number;
  start: number;
  /** End of the content, before the line ending. */
  end: number;
  /** The line break as written (one of `LINE_BREAK`); `''` on a last line without one. */
  ending: string;
}

export interface LogicalLine {
  /** 1-based number of the first physical line. */
  line: number;
  span: Span;
  /** The joined text pip parses. */
  text: string;
  /** `offsets[i]` is the file offset of `text[i]`; `offsets[text.length]` is `span.end`. */
  offsets: number[];
  /** Indices into `text` where a continuation was joined. */
  joints: number[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/** Every line break of Python's `str.splitlines()`, `\r\n` first so that it counts as one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: \x1c-\x1e are line breaks to Python, so to pip.
export const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const LINE_BREAKS = new RegExp(LINE_BREAK.source, 'g');

export function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  // A byte order mark is not content: it stays in the text but outside every line's span.
  let start = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  LINE_BREAKS.lastIndex = start;
  for (let found = LINE_BREAKS.exec(text); found; found = LINE_BREAKS.exec(text)) {
    lines.push({ number: lines.length + 1, start, end: found.index, ending: found[0] });
    start = found.index + found[0].length;
  }
  if (start < text.length) lines.push({ number: lines.length + 1, start, end: text.length, ending: '' });
  return lines;
}

/** pip's rule: a `#` at the start or after whitespace starts a comment, even inside quotes. */
export function commentStart(text: string): number {
  const found = /(^|\s)#/.exec(text);
  return found ? found.index + found[1]!.length : -1;
}

function continues(content: string): boolean {
  return content.endsWith('\\') && commentStart(content) === -1;
}

export function joinLines(text: string, lines: PhysicalLine[]): LogicalLine[] {
  const logical: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  for (const physical of lines) {
    const content = text.slice(physical.start, physical.end);
    const logicalLine = current ?? {
      line: physical.number,
      span: { start: physical.start, end: 0 },
      text: '',
      offsets: [],
      joints: [],
    };
    if (current) {
      logicalLine.joints.push(logicalLine.text.length);
      if (/^\s*#/.test(content)) {
        // pip puts a space before a comment line that ends a continuation, so the comment stays a comment.
        logicalLine.text += ' ';
        logicalLine.offsets.push(physical.start);
      }
    }
    const keep = continues(content) ? content.length - 1 : content.length;
    logicalLine.text += content.slice(0, keep);
    for (let i = 0; i < keep; i += 1) {
      logicalLine.offsets.push(physical.start + i);
    }
    if (continues(content)) {
      current = logicalLine;
      continue;
    }
    logicalLine.span.end = physical.end;
    logicalLine.offsets.push(physical.end);
    logical.push(logicalLine);
    current = undefined;
  }
  if (current) {
    // The file ends inside a continuation: the logical line ends with the last line.
    const last = lines[lines.length - 1]!;
    current.span.end = last.end;
    current.offsets.push(last.end);
    logical.push(current);
  }
  return logical;
}

/** 1-based line and column of a file offset. */
export function locate(lines: PhysicalLine[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lines[middle]!.start <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  const line = lines[low];
  return line ? { line: line.number, column: offset - line.start + 1 } : { line: 1, column: 1 };
}

/** The file span of `text.slice(from, to)` of a logical line (`to` exclusive, `to > from`). */
export function spanOf(logical: LogicalLine, from: number, to: number): Span {
  return { start: logical.offsets[from]!, end: logical.offsets[to - 1]! + 1 };
}
