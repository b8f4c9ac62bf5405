import { describe, expect, it } from 'vitest';
import { readChecklistNote } from '../../../src/platform/gitlab/checklist-note.js';

const ITEM = 'unschedule-branch=pingate/x-1.x Update dependency x to v1.2.0';

describe('readChecklistNote: every way a GitLab release quotes a ticked item', () => {
  it.each([
    [
      'gitlab.com (2026): escaped, comment delimiters dropped',
      'marked the checklist item **unschedule\\-branch\\=pingate/x\\-1\\.x Update dependency x to v1\\.2\\.0** as completed',
    ],
    [
      'older releases: the markdown as written',
      'marked the checklist item **<!-- unschedule-branch=pingate/x-1.x -->Update dependency x to v1.2.0** as completed',
    ],
    [
      'escaped with the comment kept',
      'marked the checklist item **<!-- unschedule\\-branch\\=pingate/x\\-1\\.x -->Update dependency x to v1\\.2\\.0** as completed',
    ],
    [
      'neither escaped nor with the comment',
      'marked the checklist item **unschedule-branch=pingate/x-1.x Update dependency x to v1.2.0** as completed',
    ],
    [
      'the wording before "checklist item"',
      'marked the task **<!-- unschedule-branch=pingate/x-1.x -->Update dependency x to v1.2.0** as completed',
    ],
  ])('%s', (_name, body) => {
    expect(readChecklistNote(body)).toEqual({ text: ITEM, checked: true });
  });

  it('reads an un-tick', () => {
    expect(
      readChecklistNote('marked the checklist item **rebase\\-all\\-open\\-prs Rebase all** as incomplete'),
    ).toEqual({ text: 'rebase-all-open-prs Rebase all', checked: false });
  });

  it('keeps an escaped comment opener as text, and resolves the item markup of the text', () => {
    expect(readChecklistNote('marked the checklist item **a \\<!-- b \\*c\\* \\\\d** as completed')).toEqual({
      text: 'a <!-- b *c* \\d',
      checked: true,
    });
  });

  it('reads no other note', () => {
    expect(readChecklistNote('changed the description')).toBeUndefined();
    expect(readChecklistNote('marked this issue as related to #3')).toBeUndefined();
    expect(readChecklistNote('marked the checklist item **x** as done')).toBeUndefined();
  });
});
