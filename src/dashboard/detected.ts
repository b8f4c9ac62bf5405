import { escapeInline } from './inline-text.js';
import type { DetectedFile } from './model.js';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A fence longer than any backtick run in the lines, so no line of a file can close it early. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Every line of every constraints file, folded away in a `<details>` block, one fenced listing per file.
 * The blank lines around the listings end GitLab's HTML block so the fences render as code.
 */
export function renderDetectedDependencies(files: readonly DetectedFile[]): string | undefined {
  if (files.length === 0) return undefined;
  const total = files.reduce((sum, file) => sum + file.lines.length, 0);
  const parts = [`<details><summary>${plural(files.length, 'file')}, ${plural(total, 'line')}</summary>`];
  for (const file of files) {
    const lines = file.lines.map((line) => line.replace(/[\r\n]+/g, ' '));
    const fence = fenceFor(lines);
    parts.push(`**${escapeInline(file.file)}**`, [`${fence}text`, ...lines, fence].join('\n'));
  }
  parts.push('</details>');
  return parts.join('\n\n');
}
