/** Line diffs as GitLab shows them in `diffs[].diff`: unified hunks without the file headers. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Edit script by longest common subsequence, after trimming the common head and tail. */
function editScript(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const table: number[][] = Array.from({ length: midA.length + 1 }, () => new Array(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i -= 1) {
    for (let j = midB.length - 1; j >= 0; j -= 1) {
      table[i]![j] =
        midA[i] === midB[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      ops.push({ kind: ' ', line: midA[i]! });
      i += 1;
      j += 1;
    } else if (i < midA.length && (j >= midB.length || table[i + 1]![j]! >= table[i]![j + 1]!)) {
      ops.push({ kind: '-', line: midA[i]! });
      i += 1;
    } else {
      ops.push({ kind: '+', line: midB[j]! });
      j += 1;
    }
  }
  for (const line of a.slice(endA)) ops.push({ kind: ' ', line });
  return ops;
}

const context = 3;

/** The hunks of a unified diff, `@@ -a,b +c,d @@` headers included. */
export function unifiedDiff(before: string | undefined, after: string | undefined): string {
  const ops = editScript(splitLines(before), splitLines(after));
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const last = hunks.at(-1);
    if (last && index - last[1] <= context * 2) last[1] = index;
    else hunks.push([index, index]);
  }
  return hunks
    .map(([from, to]) => renderHunk(ops, Math.max(0, from - context), Math.min(ops.length - 1, to + context)))
    .join('');
}

function renderHunk(ops: Op[], first: number, last: number): string {
  let oldLine = 1;
  let newLine = 1;
  for (const op of ops.slice(0, first)) {
    if (op.kind !== '+') oldLine += 1;
    if (op.kind !== '-') newLine += 1;
  }
  const body = ops.slice(first, last + 1);
  const oldCount = body.filter((op) => op.kind !== '+').length;
  const newCount = body.filter((op) => op.kind !== '-').length;
  const header = `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@\n`;
  return header + body.map((op) => `${op.kind}${op.line}\n`).join('');
}

/** Added and removed lines, for commit `stats`. */
export function lineStats(
  before: string | undefined,
  after: string | undefined,
): { additions: number; deletions: number } {
  const ops = editScript(splitLines(before), splitLines(after));
  return {
    additions: ops.filter((op) => op.kind === '+').length,
    deletions: ops.filter((op) => op.kind === '-').length,
  };
}
