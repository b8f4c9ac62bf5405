import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryOverTicks, tick } from '../../src/dashboard/carry-over.js';
import { normaliseKnownGood } from '../../src/dashboard/known-good.js';
import { type DashboardModel, type DashboardUpdate, emptyDashboardModel } from '../../src/dashboard/model.js';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';

const branch = fc
  .array(fc.stringMatching(/^[a-z0-9._]{1,8}$/), { minLength: 1, maxLength: 3 })
  .map((parts) => `pingate/${parts.join('-')}`);
/** Any text at all: markdown, HTML, comments, newlines, unicode. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('<!-- x -->', '`a`', '- [x] y', '_z_', '\\*'),
);
const update: fc.Arbitrary<DashboardUpdate> = fc.record(
  { branch, title: text, detail: text, reason: text },
  { requiredKeys: ['branch', 'title'] },
);
const updates = fc.uniqueArray(update, { selector: (u) => u.branch, maxLength: 4 });
const knownGood = fc.record({
  sha: fc.stringMatching(/^[0-9a-f]{40}$/),
  date: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  mrIid: fc.nat(),
});
const model: fc.Arbitrary<DashboardModel> = fc.record({
  problems: fc.array(text, { maxLength: 3 }),
  pinUnpinned: fc.option(fc.nat(3), { nil: undefined }),
  vulnerabilities: fc.array(
    fc.record({ pin: text, advisories: fc.array(text, { maxLength: 2 }), action: text }),
    { maxLength: 2 },
  ),
  pendingApproval: updates,
  awaitingSchedule: updates,
  rateLimited: updates,
  blocked: fc.array(fc.record({ title: text, reason: text }), { maxLength: 2 }),
  errored: fc.array(fc.record({ branch: fc.option(branch, { nil: undefined }), title: text, reason: text }), {
    maxLength: 3,
  }),
  open: fc.uniqueArray(fc.record({ branch, iid: fc.nat(), title: text, gateState: text }), {
    selector: (o) => o.branch,
    maxLength: 3,
  }),
  closed: updates,
  knownGood: fc.uniqueArray(knownGood, { selector: (k) => k.sha, maxLength: 7 }),
  detected: fc.array(fc.record({ file: text, lines: fc.array(text, { maxLength: 5 }) }), { maxLength: 2 }),
  freshness: fc.record({
    upToDate: fc.nat(9),
    minorBehind: fc.nat(9),
    majorBehind: fc.nat(9),
    blocked: fc.nat(9),
  }),
});

function boxLines(body: string): { index: number; id: string }[] {
  return body
    .split('\n')
    .map((line, index) => ({ index, id: /^- \[ \] <!-- (\S+) -->/.exec(line)?.[1] }))
    .filter((box): box is { index: number; id: string } => box.id !== undefined);
}

function flat(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

describe('render then parse, for any model', () => {
  it('finds no ticks, is ours and reads back the known-good sets', () => {
    fc.assert(
      fc.property(model, (m) => {
        const parsed = parseDashboard(renderDashboard(m));
        expect(parsed.ticked).toEqual([]);
        expect(parsed.isOurs).toBe(true);
        expect(parsed.knownGood).toEqual(normaliseKnownGood(m.knownGood));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a tick on any one box as exactly that box, and carries it over', () => {
    fc.assert(
      fc.property(model, fc.nat(), (m, pick) => {
        const body = renderDashboard(m);
        const boxes = boxLines(body);
        fc.pre(boxes.length > 0);
        const chosen = boxes[pick % boxes.length]!;
        const lines = body.split('\n');
        lines[chosen.index] = lines[chosen.index]!.replace('- [ ]', '- [x]');
        const ticked = lines.join('\n');
        const parsed = parseDashboard(ticked).ticked;
        expect(
          parsed.map((box) => (box.value === undefined ? box.marker : `${box.marker}=${box.value}`)),
        ).toEqual([chosen.id]);
        expect(carryOverTicks(body, ticked, new Set())).toBe(tick(body, chosen.id));
        expect(carryOverTicks(body, ticked, new Set([chosen.id]))).toBe(body);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every box, tick and known-good set whatever header and footer the config gives', () => {
    const configText = fc.oneof(
      text,
      fc.constantFrom(
        '```',
        '~~~~\n- [ ] <!-- rebase-all-open-prs -->x',
        '<!-- pingate-dashboard -->',
        '## Known-good constraints\n\n- [ ] <!-- rollback-to=0123456789012345678901234567890123456789 -->x',
        '- [x] <!-- approve-all-pending-prs -->all',
      ),
    );
    fc.assert(
      fc.property(model, configText, configText, (m, header, footer) => {
        const plain = renderDashboard(m);
        const body = renderDashboard({ ...m, header, footer });
        const parsed = parseDashboard(body);
        expect(parsed.ticked).toEqual([]);
        expect(parsed.isOurs).toBe(true);
        expect(parsed.knownGood).toEqual(normaliseKnownGood(m.knownGood));
        const boxes = boxLines(plain).map((box) => box.id);
        expect(boxLines(body).map((box) => box.id)).toEqual(boxes);
        expect(parseDashboard(tick(body, boxes[0] ?? 'none')).ticked).toHaveLength(boxes.length > 0 ? 1 : 0);
      }),
      { numRuns: 200 },
    );
  });

  it('quotes an update box as its marker, title and detail', () => {
    fc.assert(
      fc.property(update, (u) => {
        const body = renderDashboard({ ...emptyDashboardModel(), rateLimited: [u] });
        const [box] = parseDashboard(tick(body, `unlimit-branch=${u.branch}`)).ticked;
        const detail = u.detail && flat(u.detail) ? ` (${flat(u.detail)})` : '';
        const reason = u.reason && flat(u.reason) ? `: ${flat(u.reason)}` : '';
        expect(box?.text).toBe(flat(`unlimit-branch=${u.branch} ${flat(u.title)}${detail}${reason}`));
      }),
      { numRuns: 300 },
    );
  });
});
