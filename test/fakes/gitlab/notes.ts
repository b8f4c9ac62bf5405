import { nextId, now, type State } from './store.js';
import type { Issue, MergeRequest, Note } from './types.js';

export function addNote(
  state: State,
  noteable: { kind: 'Issue'; record: Issue } | { kind: 'MergeRequest'; record: MergeRequest },
  authorId: number,
  body: string,
  system = false,
): Note {
  const at = now(state);
  const note: Note = {
    id: nextId(state, 'note'),
    body,
    authorId,
    system,
    createdAt: at,
    updatedAt: at,
    noteableType: noteable.kind,
    noteableId: noteable.record.id,
    noteableIid: noteable.record.iid,
  };
  noteable.record.notes.push(note);
  return note;
}
