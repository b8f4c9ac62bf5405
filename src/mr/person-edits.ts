/**
 * SPEC §11: what a person changes on a bot MR is kept. pingate owns one delimited block of the description and the
 * title it last wrote; a draft marker a person put before the title, a title a person rewrote, and any text outside
 * the block stay as the person left them.
 */
import { readMetadata } from './metadata.js';

export const BLOCK_BEGIN = '<!-- pingate:begin (pingate rewrites what is between these markers) -->';
export const BLOCK_END = '<!-- pingate:end -->';

/**
 * The draft markers a title can start with: `Draft:`, `[Draft]`, `(Draft)`, and the `WIP:`/`[WIP]` of older GitLab
 * releases. Matching more than the host does only ever holds an MR back (fail closed).
 */
const DRAFT_MARKER = /^\s*(?:\[draft\]|\(draft\)|draft:|draft\s+-|\[wip\]|wip:)\s*/i;

/** The draft marker a title starts with, as written, or '' when there is none. */
export function draftMarker(title: string): string {
  return DRAFT_MARKER.exec(title)?.[0] ?? '';
}

export function isDraftTitle(title: string): boolean {
  return draftMarker(title) !== '';
}

/** pingate's part of a description, between its markers. */
export function ownBlock(content: string): string {
  return `${BLOCK_BEGIN}\n${content.trimEnd()}\n${BLOCK_END}`;
}

/**
 * The title to write: pingate's `wanted`, after the draft marker a person added; or the person's own title when they
 * rewrote it (it no longer reads as `ownTitle`, the title pingate last wrote). Without a record of its own title
 * (an MR opened by an older pingate), the title is taken as pingate's.
 */
export function keepTitleEdits(current: string, ownTitle: string | undefined, wanted: string): string {
  const marker = draftMarker(current);
  const rest = current.slice(marker.length);
  if (ownTitle !== undefined && rest !== ownTitle) return current;
  return `${marker}${wanted}`;
}

/**
 * The description to write: `current` with pingate's block replaced by `block`. A description without the block
 * that carries pingate's metadata was pingate's alone (an older pingate): it is replaced. One without either (a
 * person removed the block) keeps the person's text, with pingate's block after it.
 */
export function keepDescriptionEdits(current: string, block: string): string {
  const begin = current.indexOf(BLOCK_BEGIN);
  const end = begin >= 0 ? current.indexOf(BLOCK_END, begin) : -1;
  if (begin >= 0 && end >= 0) {
    return `${current.slice(0, begin)}${block}${current.slice(end + BLOCK_END.length)}`;
  }
  if (readMetadata(current) !== undefined || current.trim() === '') return `${block}\n`;
  return `${current.trimEnd()}\n\n${block}\n`;
}
