import { describe, expect, it } from 'vitest';
import { tick } from '../../src/dashboard/carry-over.js';
import { itemIsBox } from '../../src/dashboard/checklist-note.js';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { fullModel } from './models.js';

describe('itemIsBox', () => {
  const body = tick(renderDashboard(fullModel()), 'rebase-branch=pingate/arrow-1.x');
  const [box] = parseDashboard(body).ticked;
  if (!box) throw new Error('the model has a rebase box');

  it('matches an item by the marker its text starts with, whatever the rest says', () => {
    expect(itemIsBox({ text: 'rebase-branch=pingate/arrow-1.x Rebase it', checked: true }, box)).toBe(true);
    expect(itemIsBox({ text: 'rebase-branch=pingate/other-1.x Rebase it', checked: true }, box)).toBe(false);
    expect(itemIsBox({ text: 'retry-branch=pingate/arrow-1.x Rebase it', checked: true }, box)).toBe(false);
  });

  it('matches an item without a marker by its text, spaces as one', () => {
    const text = box.text.replace(/^\S+\s*/, '');
    const unmarked = { ...box, text };
    expect(itemIsBox({ text: text.replace(/ /g, '  ').replace(/ +/g, ' '), checked: true }, unmarked)).toBe(
      true,
    );
    expect(itemIsBox({ text: `${text} and more`, checked: true }, unmarked)).toBe(false);
  });
});
