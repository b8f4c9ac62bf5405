import { describe, expect, it } from 'vitest';
import type { TickedBox } from '../../src/dashboard/parse.js';
import type { Member, Note } from '../../src/platform/types.js';
import { authorizeTicks, intentsOf } from '../../src/reconcile/ticks.js';

const unschedule: TickedBox = {
  marker: 'unschedule-branch',
  value: 'pingate/six-1.x',
  text: 'unschedule-branch=pingate/six-1.x Update dependency six to v1.17.0',
};
const approve: TickedBox = {
  marker: 'approve-branch',
  value: 'pingate/django-5.x',
  text: 'approve-branch=pingate/django-5.x Update dependency Django to v5.0.2',
};

const members: Member[] = [
  { id: 10, username: 'dev', role: 'developer' },
  { id: 11, username: 'guest', role: 'guest' },
  { id: 12, username: 'reporter', role: 'reporter' },
  { id: 13, username: 'owner', role: 'owner' },
];

let noteId = 0;
/** A system note as the platform hands it over: who ticked or un-ticked which item (its wording is read there). */
function note(authorId: number, box: TickedBox, state: 'completed' | 'incomplete', at: string): Note {
  return {
    id: ++noteId,
    body: `(ticked ${box.text})`,
    authorId,
    authorUsername: members.find((m) => m.id === authorId)?.username ?? 'stranger',
    system: true,
    createdAt: at,
    checklistItem: { text: box.text, checked: state === 'completed' },
  };
}

describe('authorizeTicks', () => {
  it('accepts a tick whose newest system note names someone with at least Developer access', () => {
    const notes = [
      note(11, unschedule, 'completed', '2026-03-10T10:00:00Z'),
      note(10, unschedule, 'completed', '2026-03-10T11:00:00Z'),
      note(13, approve, 'completed', '2026-03-10T09:00:00Z'),
    ];
    expect(authorizeTicks([unschedule, approve], { notes, members })).toEqual({
      accepted: [unschedule, approve],
      refused: [],
    });
  });

  it('refuses a tick by a reporter, a guest or a non-member, naming them', () => {
    const refusedBy = (authorId: number) =>
      authorizeTicks([unschedule], {
        notes: [
          note(10, unschedule, 'completed', '2026-03-10T10:00:00Z'),
          note(authorId, unschedule, 'completed', '2026-03-10T11:00:00Z'),
        ],
        members,
      });
    expect(refusedBy(12)).toEqual({ accepted: [], refused: [{ box: unschedule, username: 'reporter' }] });
    expect(refusedBy(11).refused).toEqual([{ box: unschedule, username: 'guest' }]);
    expect(refusedBy(99).refused).toEqual([{ box: unschedule, username: 'stranger' }]);
  });

  it('ignores notes that are not system notes, or that un-tick the box', () => {
    const byHand = { ...note(10, unschedule, 'completed', '2026-03-10T12:00:00Z'), system: false };
    const untick = note(10, unschedule, 'incomplete', '2026-03-10T13:00:00Z');
    const guest = note(11, unschedule, 'completed', '2026-03-10T11:00:00Z');
    expect(authorizeTicks([unschedule], { notes: [byHand, untick, guest], members }).refused).toEqual([
      { box: unschedule, username: 'guest' },
    ]);
  });

  it('falls back to the webhook’s editor when no note quotes the box, and refuses when nobody is known', () => {
    const other = note(10, approve, 'completed', '2026-03-10T10:00:00Z');
    expect(authorizeTicks([unschedule], { notes: [other], members, editorId: 13 }).accepted).toEqual([
      unschedule,
    ]);
    expect(authorizeTicks([unschedule], { notes: [other], members, editorId: 11 }).refused).toEqual([
      { box: unschedule, username: undefined },
    ]);
    expect(authorizeTicks([unschedule], { notes: [], members })).toEqual({
      accepted: [],
      refused: [{ box: unschedule, username: undefined }],
    });
  });

  it('prefers the note to the webhook’s editor', () => {
    const notes = [note(11, unschedule, 'completed', '2026-03-10T10:00:00Z')];
    expect(authorizeTicks([unschedule], { notes, members, editorId: 10 }).accepted).toEqual([]);
  });
});

describe('intentsOf', () => {
  it('sorts ticks into create, rebase, recreate, rollback and bulk', () => {
    const box = (marker: TickedBox['marker'], value?: string): TickedBox => ({
      marker,
      ...(value ? { value } : {}),
      text: '',
    });
    expect(
      intentsOf([
        box('approve-branch', 'a'),
        box('unschedule-branch', 'b'),
        box('unlimit-branch', 'c'),
        box('retry-branch', 'd'),
        box('rebase-branch', 'e'),
        box('recreate-branch', 'f'),
        box('rollback-to', 'c0ffee'),
        box('create-all-rate-limited-prs'),
        box('rebase-all-open-prs'),
      ]),
    ).toEqual({
      create: new Set(['a', 'b', 'c', 'd', 'f']),
      rebase: new Set(['e']),
      recreate: new Set(['f']),
      rollbackTo: ['c0ffee'],
      bulk: new Set(['create-all-rate-limited-prs', 'rebase-all-open-prs']),
    });
  });
});
