import { describe, expect, it } from 'vitest';
import { tick } from '../../src/dashboard/carry-over.js';
import { readChecklistNote } from '../../src/dashboard/checklist-note.js';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { fullModel } from './models.js';

describe('readChecklistNote', () => {
  it('reads the note GitLab writes for a ticked box, escapes and all', () => {
    const note =
      'marked the checklist item **approve\\-branch\\=pingate/django\\-5\\.x Update dependency Django to v5\\.0\\.2** as completed';
    expect(readChecklistNote(note)).toEqual({
      text: 'approve-branch=pingate/django-5.x Update dependency Django to v5.0.2',
      completed: true,
      marker: { marker: 'approve-branch', value: 'pingate/django-5.x' },
    });
  });

  it('matches the text parseDashboard gives for the same box', () => {
    const body = tick(renderDashboard(fullModel()), 'rebase-branch=pingate/arrow-1.x');
    const [box] = parseDashboard(body).ticked;
    const escaped = box?.text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
    const note = readChecklistNote(`marked the checklist item **${escaped}** as completed`);
    expect(note?.text).toBe(box?.text);
    expect(note?.marker).toEqual({ marker: 'rebase-branch', value: 'pingate/arrow-1.x' });
  });

  it('reads an un-tick, a box without a marker, and nothing else', () => {
    expect(
      readChecklistNote('marked the checklist item **rebase\\-all\\-open\\-prs Rebase all** as incomplete'),
    ).toEqual({
      text: 'rebase-all-open-prs Rebase all',
      completed: false,
      marker: { marker: 'rebase-all-open-prs' },
    });
    expect(readChecklistNote('marked the checklist item **buy milk** as completed')).toEqual({
      text: 'buy milk',
      completed: true,
    });
    expect(readChecklistNote('changed the description')).toBeUndefined();
  });
});
