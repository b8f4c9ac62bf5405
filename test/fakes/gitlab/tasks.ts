import type { Release } from './store.js';

/** A checklist item of a description, as GitLab's Taskable sees it. */
export interface TaskItem {
  complete: boolean;
  /** The item's markdown after the box, trimmed. */
  source: string;
}

const itemPattern = /^(?:>\s{0,4})*(?:\s*(?:[-+*]|\d+[.)]))+\s+(\[\s\]|\[[xX]\])(\s.+)$/;

/** The checklist items, in order; items inside fenced code blocks do not count. */
export function parseTasks(description: string): TaskItem[] {
  const items: TaskItem[] = [];
  let fence: string | null = null;
  for (const line of description.split(/\r?\n/)) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1]!;
      else if (fence === fenceMatch[1]) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const match = itemPattern.exec(line);
    if (match) items.push({ complete: /x/i.test(match[1]!), source: match[2]!.trim() });
  }
  return items;
}

/** Items whose box changed between two descriptions: same position, same text, other state (Taskable). */
export function toggledTasks(before: string, after: string): TaskItem[] {
  const old = parseTasks(before);
  return parseTasks(after).filter((item, index) => {
    const previous = old[index];
    return previous !== undefined && previous.source === item.source && previous.complete !== item.complete;
  });
}

// gitlab.com quotes the item's plain text with markdown punctuation escaped (read live: `a\-b`, `\#4`, `x\.go`),
// and keeps the text inside HTML comments while dropping the comment markers.
const escaped = /[\\`*_{}[\]()#+\-.!|~<>="'&$%^]/g;

function escapeMarkdown(text: string): string {
  return text.replace(escaped, (char) => `\\${char}`);
}

/** An item's quote in each style (see `TaskNoteStyle`). */
function quoted(source: string, style: Release['taskNoteStyle']): string {
  switch (style) {
    case 'source':
      return source;
    case 'escaped-source':
      // The comment's delimiters kept as they are, everything else escaped.
      return source
        .split(/(<!--|-->)/)
        .map((part) => (part === '<!--' || part === '-->' ? part : escapeMarkdown(part)))
        .join('');
    case 'plain-text':
      return source.replace(/<!--|-->/g, '').trim();
    case 'text':
      return escapeMarkdown(source.replace(/<!--|-->/g, '').trim());
  }
}

/** The system note GitLab writes for a ticked or unticked box. */
export function taskNoteBody(
  item: TaskItem,
  release: Pick<Release, 'taskNoteStyle' | 'taskNoteWording'>,
): string {
  const text = quoted(item.source, release.taskNoteStyle);
  return `marked the ${release.taskNoteWording} **${text}** as ${item.complete ? 'completed' : 'incomplete'}`;
}
