import { describe, expect, it } from 'vitest';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { fullModel, smallModel } from './models.js';

const body = renderDashboard(fullModel());

/** The body with the box on the line containing `marker` ticked, as GitLab does when someone clicks it. */
function tickLine(text: string, marker: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(`<!-- ${marker}`));
  if (index < 0) throw new Error(`no box ${marker}`);
  lines[index] = lines[index]!.replace('- [ ]', '- [x]');
  return lines.join('\n');
}

function boxMarkers(text: string): string[] {
  return [...text.matchAll(/^- \[ \] <!-- (\S+) -->/gm)].map((match) => match[1] ?? '');
}

describe('parseDashboard', () => {
  it('finds no ticks in a rendered body and reads back its known-good sets', () => {
    const parsed = parseDashboard(body);
    expect(parsed.ticked).toEqual([]);
    expect(parsed.knownGood).toEqual(fullModel().knownGood);
    expect(parsed.isOurs).toBe(true);
  });

  it('has boxes to tick in every section that takes them', () => {
    expect(boxMarkers(body)).toHaveLength(17);
  });

  it.each(boxMarkers(body))('reads a tick on %s as exactly that box', (id) => {
    const [marker, value] = id.split('=');
    const parsed = parseDashboard(tickLine(body, id));
    expect(parsed.ticked).toHaveLength(1);
    expect(parsed.ticked[0]).toMatchObject(value === undefined ? { marker } : { marker, value });
    expect(parsed.ticked[0]?.value).toBe(value);
  });

  it('quotes the item text as GitLab does: comment content kept, escapes resolved', () => {
    const blocked = renderDashboard({
      ...smallModel(),
      awaitingSchedule: [
        { branch: 'pingate/x-1.x', title: 'Update dependency _x to v1.0', detail: 'until <soon>' },
      ],
    });
    const [tick] = parseDashboard(tickLine(blocked, 'unschedule-branch=pingate/x-1.x')).ticked;
    expect(tick?.text).toBe('unschedule-branch=pingate/x-1.x Update dependency _x to v1.0 (until <soon>)');
    const [bulk] = parseDashboard(tickLine(body, 'rebase-all-open-prs')).ticked;
    expect(bulk).toEqual({ marker: 'rebase-all-open-prs', text: 'rebase-all-open-prs Rebase all open MRs' });
  });

  it('reads several ticks in body order, each once', () => {
    let ticked = tickLine(body, 'approve-all-pending-prs');
    ticked = tickLine(ticked, 'rollback-to=0a1b2c3');
    ticked = tickLine(ticked, 'unlimit-branch=pingate/click-8.x');
    ticked += '\n- [x] <!-- unlimit-branch=pingate/click-8.x -->pasted twice\n';
    expect(parseDashboard(ticked).ticked.map((box) => [box.marker, box.value])).toEqual([
      ['approve-all-pending-prs', undefined],
      ['unlimit-branch', 'pingate/click-8.x'],
      ['rollback-to', '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567'],
    ]);
  });

  it('tolerates CRLF, other bullets, [X], extra spaces and edits around the items', () => {
    const edited = [
      '<!-- pingate-dashboard -->',
      'Note from Ana: please approve Django only after the release notes are read.',
      '## Pending Approval',
      '* [X]   <!--   approve-branch=pingate/django-5.x   -->  Update dependency Django to v5.0.2 (ok by Ana)',
      '  - [x] <!--unschedule-branch=pingate/anyio-4.x-->Update dependency anyio',
      '+ [x] <!-- approve-all-pending-prs -->',
      '1. [x] <!-- retry-branch=pingate/certifi-2024.x -->numbered',
      '- [x] a box of Ana without a marker',
      '- [x] <!-- manual-job=foo -->a marker pingate does not know',
      '- [x] <!-- approve-branch -->an item marker without a value',
      '- [x] <!-- rebase-all-open-prs=1 -->a bulk marker with a value',
      '- [ ] <!-- approve-branch=pingate/boto -->left alone',
      '',
    ].join('\r\n');
    const parsed = parseDashboard(edited);
    expect(parsed.isOurs).toBe(true);
    expect(parsed.ticked).toEqual([
      {
        marker: 'approve-branch',
        value: 'pingate/django-5.x',
        text: 'approve-branch=pingate/django-5.x     Update dependency Django to v5.0.2 (ok by Ana)',
      },
      {
        marker: 'unschedule-branch',
        value: 'pingate/anyio-4.x',
        text: 'unschedule-branch=pingate/anyio-4.xUpdate dependency anyio',
      },
      { marker: 'approve-all-pending-prs', text: 'approve-all-pending-prs' },
      {
        marker: 'retry-branch',
        value: 'pingate/certifi-2024.x',
        text: 'retry-branch=pingate/certifi-2024.x numbered',
      },
    ]);
  });

  it('ignores boxes inside fenced code, where any constraints line may appear', () => {
    const model = smallModel();
    model.detected = [
      {
        file: 'constraints.txt',
        lines: ['- [x] <!-- rollback-to=abcdef1234567 -->Roll back to abcdef1 (2026-01-01T00:00:00Z, !1)'],
      },
    ];
    const parsed = parseDashboard(renderDashboard(model));
    expect(parsed.ticked).toEqual([]);
    expect(parsed.knownGood).toEqual([]);
    const tilde =
      '~~~~\n- [x] <!-- approve-all-pending-prs -->x\n~~~\n- [x] <!-- rebase-all-open-prs -->y\n~~~~\n';
    expect(parseDashboard(tilde).ticked).toEqual([]);
  });

  it('reads known-good sets only from their section, ticked or not, and skips entries edited beyond recognition', () => {
    let edited = tickLine(body, 'rollback-to=9f1c2d3');
    edited = edited.replace('Roll back to 0a1b2c3 (2026-04-25T07:30:00Z, !37)', 'the one before the outage');
    edited +=
      '\n## Notes\n\n- [ ] <!-- rollback-to=abcdef1234567 -->Roll back to abcdef1 (2026-06-01T00:00:00Z, !99)\n';
    expect(parseDashboard(edited).knownGood).toEqual([fullModel().knownGood[0]]);
  });

  it('says a body it did not write is not ours', () => {
    expect(parseDashboard('## Open\n\n- [x] <!-- rebase-branch=renovate/foo -->Update foo\n').isOurs).toBe(
      false,
    );
    expect(parseDashboard('').isOurs).toBe(false);
    expect(parseDashboard('```\n<!-- pingate-dashboard -->\n```\n').isOurs).toBe(false);
    expect(parseDashboard(renderDashboard(smallModel()).replace(/\n/g, '\r\n')).isOurs).toBe(true);
  });
});
