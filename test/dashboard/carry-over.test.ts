import { describe, expect, it } from 'vitest';
import { carryOverTicks, tick, tickedIds, untick } from '../../src/dashboard/carry-over.js';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { fullModel } from './models.js';

const DJANGO = 'approve-branch=pingate/django-5.x';
const CLICK = 'unlimit-branch=pingate/click-8.x';
const BULK = 'create-all-awaiting-schedule-prs';

describe('carryOverTicks', () => {
  const newBody = renderDashboard(fullModel());

  it('keeps a tick that arrived while the pass ran', () => {
    const latest = tick(newBody, CLICK);
    const written = carryOverTicks(newBody, latest, new Set());
    expect(tickedIds(written)).toEqual(new Set([CLICK]));
    expect(written).toBe(latest);
  });

  it('drops a tick the pass acted on and keeps the others', () => {
    const latest = tick(newBody, DJANGO, CLICK, BULK);
    const written = carryOverTicks(newBody, latest, new Set([DJANGO]));
    expect(tickedIds(written)).toEqual(new Set([CLICK, BULK]));
  });

  it('drops a tick whose item is gone from the new body', () => {
    const model = fullModel();
    model.rateLimited = model.rateLimited.filter((update) => update.branch !== 'pingate/click-8.x');
    const next = renderDashboard(model);
    const latest = tick(newBody, CLICK, DJANGO);
    const written = carryOverTicks(next, latest, new Set());
    expect(tickedIds(written)).toEqual(new Set([DJANGO]));
    expect(written).not.toContain('click-8.x');
  });

  it('carries ticks from a body people edited with CRLF and [X], into the new body unchanged otherwise', () => {
    const latest = tick(newBody, CLICK).replace('- [x]', '* [X]').replace(/\n/g, '\r\n');
    const written = carryOverTicks(newBody, latest, new Set());
    expect(written).toBe(tick(newBody, CLICK));
    expect(parseDashboard(written).ticked.map((box) => box.value)).toEqual(['pingate/click-8.x']);
  });

  it('returns the new body as it is when nothing is ticked', () => {
    expect(carryOverTicks(newBody, newBody, new Set())).toBe(newBody);
  });
});

describe('tick and untick', () => {
  it('change only the box of the marker named', () => {
    const body = renderDashboard(fullModel());
    const ticked = tick(body, DJANGO);
    expect(ticked.length).toBe(body.length);
    expect(ticked.split('\n').filter((line, index) => line !== body.split('\n')[index])).toEqual([
      '- [x] <!-- approve-branch=pingate/django-5.x -->Update dependency Django to v5.0.2',
    ]);
    expect(untick(ticked, DJANGO)).toBe(body);
  });

  it('keep CRLF line endings', () => {
    const body = '- [x] <!-- rebase-all-open-prs -->all\r\n- [x] <!-- rebase-branch=b -->one\r\n';
    expect(untick(body, 'rebase-all-open-prs')).toBe(
      '- [ ] <!-- rebase-all-open-prs -->all\r\n- [x] <!-- rebase-branch=b -->one\r\n',
    );
  });

  it('leave a box inside fenced code alone', () => {
    const body = '```\n- [ ] <!-- rebase-branch=b -->in code\n```\n- [ ] <!-- rebase-branch=b -->real\n';
    expect(tick(body, 'rebase-branch=b')).toBe(
      '```\n- [ ] <!-- rebase-branch=b -->in code\n```\n- [x] <!-- rebase-branch=b -->real\n',
    );
  });
});
