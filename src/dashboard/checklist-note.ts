import type { Note } from '../platform/types.js';
import { markerId, parseMarker } from './markers.js';
import type { TickedBox } from './parse.js';

/**
 * Whether a checklist item a system note names (the platform reads the note) is this ticked box: the marker our
 * boxes carry comes first in the item's text; an item without one is compared by its text.
 */
export function itemIsBox(item: NonNullable<Note['checklistItem']>, box: TickedBox): boolean {
  const marker = parseMarker(item.text.split(' ', 1)[0] ?? '');
  if (marker) return markerId(marker) === markerId(box);
  return item.text === oneLine(box.text);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
