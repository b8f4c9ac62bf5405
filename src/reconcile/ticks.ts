import { itemIsBox } from '../dashboard/checklist-note.js';
import { BULK_MARKERS, ITEM_MARKERS, PLAIN_MARKERS } from '../dashboard/markers.js';
import type { TickedBox } from '../dashboard/parse.js';
import { hasRole } from '../platform/roles.js';
import type { Member, Note } from '../platform/types.js';

export interface TickEvidence {
  /** The dashboard issue's notes, system notes included. */
  notes: Note[];
  members: Member[];
  /** The user a webhook delivery names as the editor, when the pass was started by one. */
  editorId?: number;
}

export interface AuthorizedTicks {
  accepted: TickedBox[];
  /** Ticks by someone without Developer access, or by nobody we can name: un-ticked with a note. */
  refused: { box: TickedBox; username?: string }[];
}

/**
 * A tick counts only when whoever made it has at least the Developer role (SPEC §7). Who ticked a box: the newest
 * system note that says its author ticked that item, else the webhook's user.
 */
export function authorizeTicks(ticked: TickedBox[], evidence: TickEvidence): AuthorizedTicks {
  const roles = new Map(evidence.members.map((m) => [m.id, m.role]));
  const out: AuthorizedTicks = { accepted: [], refused: [] };
  const newestFirst = [...evidence.notes].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  );
  for (const box of ticked) {
    const note = newestFirst.find((n) => n.system && ticks(n, box));
    const who = note ? note.authorId : evidence.editorId;
    if (who !== undefined && hasRole(roles.get(who), 'developer')) {
      out.accepted.push(box);
    } else {
      out.refused.push({ box, username: note?.authorUsername });
    }
  }
  return out;
}

function ticks(note: Note, box: TickedBox): boolean {
  return note.checklistItem?.checked === true && itemIsBox(note.checklistItem, box);
}

/** What accepted ticks ask for, per branch; bulk boxes are expanded by the caller, who knows the sections. */
export interface TickIntents {
  create: Set<string>;
  rebase: Set<string>;
  recreate: Set<string>;
  rollbackTo: string[];
  bulk: Set<string>;
  /** The freeze box (SPEC §12) is ticked: open the MR that pins what no line pins. */
  pinUnpinned?: true;
}

export function intentsOf(accepted: TickedBox[]): TickIntents {
  const intents: TickIntents = {
    create: new Set(),
    rebase: new Set(),
    recreate: new Set(),
    rollbackTo: [],
    bulk: new Set(),
  };
  for (const box of accepted) {
    if (box.marker === PLAIN_MARKERS.pinUnpinned) {
      intents.pinUnpinned = true;
      continue;
    }
    if (!box.value) {
      intents.bulk.add(box.marker);
      continue;
    }
    switch (box.marker) {
      case ITEM_MARKERS.approve:
      case ITEM_MARKERS.unschedule:
      case ITEM_MARKERS.unlimit:
      case ITEM_MARKERS.retry:
        intents.create.add(box.value);
        break;
      case ITEM_MARKERS.rebase:
        intents.rebase.add(box.value);
        break;
      case ITEM_MARKERS.recreate:
        intents.recreate.add(box.value);
        intents.create.add(box.value);
        break;
      case ITEM_MARKERS.rollback:
        intents.rollbackTo.push(box.value);
        break;
    }
  }
  return intents;
}

/**
 * Which plan disposition each bulk box releases. Bulk boxes are expanded before the MR limits are applied, when
 * no branch is `rate-limited` yet: the rate-limited ones are among the branches that are due (`open-mr`).
 */
export const BULK_DISPOSITIONS: Record<string, string[]> = {
  [BULK_MARKERS.approveAll]: ['pending-approval'],
  [BULK_MARKERS.createAllAwaitingSchedule]: ['awaiting-schedule', 'pending-age'],
  [BULK_MARKERS.createAllRateLimited]: ['open-mr'],
};
