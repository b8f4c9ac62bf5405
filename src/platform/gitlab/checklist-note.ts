import type { Note } from '../types.js';

/**
 * The system note GitLab writes when someone ticks or un-ticks a box in a description (SPEC §7):
 * `marked the checklist item **ITEM** as completed` (or `as incomplete`); before GitLab 15.x `marked the task **…**`.
 * How ITEM is quoted depends on the release, and pingate must read them all:
 * - as written: the item's markdown, hidden comment and all: `<!-- retry-branch=pingate/x-1.x -->Update …`;
 * - gitlab.com (2026): the rendered text with markdown escaped and a hidden comment's delimiters dropped, its
 *   content kept: `retry\-branch\=pingate/x\-1\.x Update …`;
 * - anything in between (escaped with the comment kept, or neither).
 */
const NOTE = /^marked the (?:checklist item|task) \*\*([\s\S]*)\*\* as (completed|incomplete)\.?$/;

/** A backslash before ASCII punctuation, or a comment delimiter: in one pass, so an escaped `\<!--` stays text. */
const QUOTING = /\\([!-/:-@[-`{-~])|<!--|-->/g;

export function readChecklistNote(body: string): Note['checklistItem'] {
  const match = NOTE.exec(body.trim());
  if (!match) return undefined;
  const [, quoted = '', state] = match;
  return { text: itemText(quoted), checked: state === 'completed' };
}

/** The item as a reader sees it: escapes resolved, comment delimiters dropped (their content kept), one space. */
function itemText(quoted: string): string {
  return quoted
    .replace(QUOTING, (_, escaped?: string) => escaped ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
