import { unescapeInline } from './inline-text.js';
import { type Marker, parseMarker } from './markers.js';

/** What a GitLab system note says about a checklist item. */
export interface ChecklistNote {
  /** The item as quoted, escapes resolved: comparable with `TickedBox.text`. */
  text: string;
  completed: boolean;
  /** The box's marker: GitLab keeps a hidden comment's content in the quote, and ours comes first. */
  marker?: Marker;
}

const NOTE = /^marked the checklist item \*\*([\s\S]*)\*\* as (completed|incomplete)\s*$/;

/**
 * Reads the system note GitLab writes when someone ticks or un-ticks a box (`marked the checklist item **…** as
 * completed`), which tells a scheduled pass who ticked it (SPEC §7). Undefined for any other note.
 */
export function readChecklistNote(body: string): ChecklistNote | undefined {
  const match = NOTE.exec(body.trim());
  if (!match) return undefined;
  const [, quoted = '', state] = match;
  const text = unescapeInline(quoted).trim();
  const marker = parseMarker(text.split(/\s+/, 1)[0] ?? '');
  return { text, completed: state === 'completed', ...(marker ? { marker } : {}) };
}
