/**
 * A line-by-line reading of a dashboard body as people may have edited it: CRLF or LF, any list bullet, `[x]` or
 * `[X]`, extra spaces. Lines inside fenced code (the Detected Dependencies listing, or code people paste) are never
 * boxes, because a constraints file may hold any text at all.
 */

/** A checklist line with a hidden comment right after its box. */
export interface BoxLine {
  index: number;
  checked: boolean;
  /** What is between `<!--` and `-->`. */
  comment: string;
  /** Everything after the box, comment included, as written. */
  content: string;
  /** The `##` section the line is in, lower-cased; empty before the first. */
  section: string;
}

export interface BodyLines {
  lines: string[];
  /** Indexes of the lines outside fenced code. */
  prose: number[];
  boxes: BoxLine[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}##[ \t]+(.*?)[ \t#]*$/;
const BOX = /^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\][ \t]*(<!--(.*?)-->.*)$/;

/** Splits on CRLF, LF or a lone CR; `lines.join('\n')` is the body with LF endings. */
export function splitLines(body: string): string[] {
  return body.split(/\r\n|\n|\r/);
}

function closesFence(line: string, open: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match?.[1] !== undefined && match[1][0] === open[0] && match[1].length >= open.length;
}

/** The code fence open after `line`, given the one open before it (undefined: none). */
export function fenceAfter(line: string, open: string | undefined): string | undefined {
  if (open !== undefined) return closesFence(line, open) ? undefined : open;
  return FENCE.exec(line)?.[1];
}

export function readBodyLines(body: string): BodyLines {
  const lines = splitLines(body);
  const prose: number[] = [];
  const boxes: BoxLine[] = [];
  let fence: string | undefined;
  let section = '';
  lines.forEach((line, index) => {
    const inFence = fence !== undefined;
    fence = fenceAfter(line, fence);
    // A fence's opening and closing lines are code too.
    if (inFence || fence !== undefined) return;
    prose.push(index);
    const heading = HEADING.exec(line);
    if (heading) section = (heading[1] ?? '').toLowerCase();
    const box = BOX.exec(line);
    if (box) {
      const [, mark = ' ', content = '', comment = ''] = box;
      boxes.push({ index, checked: mark !== ' ', comment, content, section });
    }
  });
  return { lines, prose, boxes };
}
