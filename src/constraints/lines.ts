/**
 * Physical and logical lines of a requirements file, the way pip reads them: a line ending in `\` (and holding no
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
  /** `''` on a last line without one. */
  ending: '' | '\n' | '\r\n';
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

export function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  // A byte order mark is not content: it stays in the text but outside every line's span.
  let start = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ number: lines.length + 1, start, end: text.length, ending: '' });
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    const end = crlf ? newline - 1 : newline;
    lines.push({ number: lines.length + 1, start, end, ending: crlf ? '\r\n' : '\n' });
    start = newline + 1;
  }
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
