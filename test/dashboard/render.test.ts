import { describe, expect, it } from 'vitest';
import { HEADINGS } from '../../src/dashboard/headings.js';
import { BULK_MARKERS, DASHBOARD_HEADER } from '../../src/dashboard/markers.js';
import { emptyDashboardModel } from '../../src/dashboard/model.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { expectGolden, fullModel, smallModel } from './models.js';

function headings(body: string): string[] {
  return [...body.matchAll(/^## (.+)$/gm)].map((match) => match[1] ?? '');
}

function sectionOf(body: string, heading: string): string {
  const start = body.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = body.indexOf('\n## ', start + 1);
  return body.slice(start, next < 0 ? undefined : next);
}

function boxes(section: string): string[] {
  return section.split('\n').filter((line) => line.startsWith('- [ ] '));
}

describe('renderDashboard', () => {
  it('renders a full model as in the golden file', () => {
    expectGolden(renderDashboard(fullModel()), 'full.md');
  });

  it('renders a small model as in the golden file', () => {
    expectGolden(renderDashboard(smallModel()), 'small.md');
  });

  it('has every heading of SPEC §7, in order, when every section has something', () => {
    expect(headings(renderDashboard(fullModel()))).toEqual(Object.values(HEADINGS));
  });

  it.each(Object.entries(HEADINGS))('leaves out %s when it is empty', (key, heading) => {
    const model = fullModel();
    if (key === 'freshness' || !(key in model)) throw new Error(`model has no ${key}`);
    (model as unknown as Record<string, unknown[]>)[key] = [];
    const shown = headings(renderDashboard(model));
    expect(shown).not.toContain(heading);
    expect(shown).toEqual(Object.values(HEADINGS).filter((other) => other !== heading));
  });

  it('renders only the header, the intro and no sections for an empty model', () => {
    const body = renderDashboard(emptyDashboardModel());
    expect(body.startsWith(`${DASHBOARD_HEADER}\n\n`)).toBe(true);
    expect(headings(body)).toEqual([]);
    expect(body).not.toContain('```');
    expect(body.endsWith('when its webhook is set up.\n')).toBe(true);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(renderDashboard(fullModel())).toBe(renderDashboard(fullModel()));
    expect(renderDashboard(smallModel())).toBe(renderDashboard(structuredClone(smallModel())));
  });

  it('writes items as `- [ ] <!-- MARKER -->TITLE` with their detail', () => {
    const body = renderDashboard(fullModel());
    expect(body).toContain(
      '- [ ] <!-- unschedule-branch=pingate/anyio-4.x -->Update dependency anyio to v4.3.0 (until 2026-11-28 00:00 Europe/Prague)\n',
    );
    expect(body).toContain('- [ ] <!-- approve-branch=pingate/boto -->Update group boto (boto3, botocore)\n');
    expect(body).toContain(
      '- [ ] <!-- rebase-branch=pingate/backoff-2.x -->Update dependency backoff to v2.2.2 (!42): installation tests failed: install-py39, install-py312\n',
    );
    expect(body).toContain(
      '- [ ] <!-- recreate-branch=pingate/cachetools-5.x -->Update dependency cachetools to v5.3.3\n',
    );
    expect(body).toContain(
      '- [ ] <!-- rollback-to=9f1c2d3e4b5a69788796a5b4c3d2e1f001122334 -->Roll back to 9f1c2d3 (2026-05-02T08:00:00Z, !40)\n',
    );
  });

  it('gives a blocked update and an errored one without a branch no box, but states the reason', () => {
    const body = renderDashboard(fullModel());
    const blocked = sectionOf(body, HEADINGS.blocked);
    expect(boxes(blocked)).toEqual([]);
    expect(blocked).toContain(
      '- Update dependency botocore to v1.35.0: botocore 1.35.0 needs urllib3>=1.25.4,\\<2.1 but constraints.txt pins urllib3==2.2.1\n',
    );
    const errored = sectionOf(body, HEADINGS.errored);
    expect(errored).toContain(
      '- Update dependency cki-lib: look-up failed: HTTP 503 from https://pypi.org/pypi/cki-lib/json\n',
    );
    expect(boxes(errored)).toEqual([
      '- [ ] <!-- retry-branch=pingate/certifi-2024.x -->Update dependency certifi to v2024.7.4: no sha256 digests listed for certifi 2024.7.4',
    ]);
  });

  it('ends a section with its bulk box only when it has more than one box', () => {
    const model = fullModel();
    const full = renderDashboard(model);
    expect(boxes(sectionOf(full, HEADINGS.pendingApproval)).at(-1)).toContain(
      `<!-- ${BULK_MARKERS.approveAll} -->`,
    );
    expect(boxes(sectionOf(full, HEADINGS.awaitingSchedule)).at(-1)).toContain(
      `<!-- ${BULK_MARKERS.createAllAwaitingSchedule} -->`,
    );
    expect(boxes(sectionOf(full, HEADINGS.rateLimited)).at(-1)).toContain(
      `<!-- ${BULK_MARKERS.createAllRateLimited} -->`,
    );
    expect(boxes(sectionOf(full, HEADINGS.open)).at(-1)).toContain(`<!-- ${BULK_MARKERS.rebaseAllOpen} -->`);

    model.pendingApproval = model.pendingApproval.slice(0, 1);
    model.rateLimited = model.rateLimited.slice(0, 1);
    model.open = model.open.slice(0, 1);
    const single = renderDashboard(model);
    for (const marker of [
      BULK_MARKERS.approveAll,
      BULK_MARKERS.createAllRateLimited,
      BULK_MARKERS.rebaseAllOpen,
    ]) {
      expect(single).not.toContain(marker);
    }
    expect(single).toContain(BULK_MARKERS.createAllAwaitingSchedule);
  });

  it('gives Errored, Closed and Known-good no bulk box however many boxes they have', () => {
    const model = fullModel();
    model.errored = [
      { branch: 'pingate/a-1.x', title: 'Update dependency a to v1.1', reason: 'x' },
      { branch: 'pingate/b-1.x', title: 'Update dependency b to v1.1', reason: 'y' },
    ];
    model.closed = [...model.closed, { branch: 'pingate/c-1.x', title: 'Update dependency c to v1.1' }];
    const body = renderDashboard(model);
    for (const heading of [HEADINGS.errored, HEADINGS.closed, HEADINGS.knownGood]) {
      const items = boxes(sectionOf(body, heading));
      expect(items).toHaveLength(2);
      expect(items.every((line) => /<!-- (retry-branch|recreate-branch|rollback-to)=/.test(line))).toBe(true);
    }
  });

  it('keeps the newest five known-good sets, newest first', () => {
    const model = emptyDashboardModel();
    model.knownGood = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
      sha: `${day}`.repeat(40),
      date: `2026-05-0${day}T00:00:00Z`,
      mrIid: day,
    }));
    const items = boxes(sectionOf(renderDashboard(model), HEADINGS.knownGood));
    expect(items.map((line) => /!(\d+)\)$/.exec(line)?.[1])).toEqual(['7', '6', '5', '4', '3']);
  });

  it('draws the freshness pie with the model numbers, leaving out zero slices', () => {
    const body = renderDashboard(fullModel());
    expect(body).toContain(
      '```mermaid\npie showData title Freshness\n    "up to date" : 38\n    "minor behind" : 5\n    "major behind" : 1\n    "blocked" : 1\n```',
    );
    const model = smallModel();
    model.freshness = { upToDate: 0, minorBehind: 0, majorBehind: 2, blocked: 0 };
    expect(renderDashboard(model)).toContain(
      '```mermaid\npie showData title Freshness\n    "major behind" : 2\n```',
    );
  });

  it('leaves the chart out when every count is zero', () => {
    const model = fullModel();
    model.freshness = { upToDate: 0, minorBehind: 0, majorBehind: 0, blocked: 0 };
    expect(renderDashboard(model)).not.toContain('mermaid');
  });

  it('folds detected dependencies in a details block with a listing per file', () => {
    const section = sectionOf(renderDashboard(fullModel()), HEADINGS.detected);
    expect(section).toMatch(
      /^## Detected Dependencies\n\n<details><summary>2 files, \d+ lines<\/summary>\n\n/,
    );
    expect(section).toContain('**constraints.txt**\n\n```text\nanyio==4.2.0\nanymarkup==0.8.1\n');
    expect(section).toContain('**services/docs/constraints.txt**\n\n```text\n# This is a comment');
    expect(section.trimEnd().endsWith('```\n\n</details>')).toBe(true);
  });

  it('fences a listing longer than any backtick run in it', () => {
    const model = emptyDashboardModel();
    model.detected = [{ file: 'constraints.txt', lines: ['pkg==1.0  # ```` four', 'other==2.0'] }];
    const body = renderDashboard(model);
    expect(body).toContain('`````text\npkg==1.0  # ```` four\nother==2.0\n`````');
  });

  it('keeps each item on one line and escapes markdown in text from outside', () => {
    const model = emptyDashboardModel();
    model.problems = ['constraints.txt:3:1: found "*bold* [link](x) <script>"\nsecond line'];
    model.blocked = [{ title: 'Update dependency _private to v1.0', reason: 'needs `x`' }];
    const body = renderDashboard(model);
    expect(body).toContain(
      '- constraints.txt:3:1: found "\\*bold\\* \\[link\\](x) \\<script>" second line\n',
    );
    expect(body).toContain('- Update dependency \\_private to v1.0: needs \\`x\\`\n');
  });

  it('shows a title heading only when the model has one', () => {
    const model = smallModel();
    expect(renderDashboard(model)).not.toMatch(/^# /m);
    model.title = 'Dependency Dashboard';
    expect(renderDashboard(model)).toMatch(/^<!-- pingate-dashboard -->\n\n# Dependency Dashboard\n\n/);
  });

  it('refuses a branch that would break its hidden comment', () => {
    const model = smallModel();
    model.awaitingSchedule = [{ branch: 'bad branch', title: 'Update dependency x to v1' }];
    expect(() => renderDashboard(model)).toThrow(/needs a value without spaces/);
  });

  it('places dependencyDashboardHeader after the title and the footer last, as markdown', () => {
    const body = renderDashboard({
      ...emptyDashboardModel(),
      title: 'Deps',
      header: '  See [our policy](https://example.org/policy).\n',
      footer: 'Questions: #infra',
    });
    const blocks = body.trimEnd().split('\n\n');
    expect(blocks.slice(0, 3)).toEqual([
      DASHBOARD_HEADER,
      '# Deps',
      'See [our policy](https://example.org/policy).',
    ]);
    expect(blocks.at(-1)).toBe('Questions: #infra');
  });

  it('shows a comment in the header as text and closes a fence it leaves open', () => {
    const body = renderDashboard({
      ...emptyDashboardModel(),
      header: '<!-- pingate-dashboard -->\n```\ncode',
      footer: ' \n',
    });
    expect(body).toBe(
      `${DASHBOARD_HEADER}\n\n&lt;!-- pingate-dashboard -->\n\`\`\`\ncode\n\`\`\`\n\n${renderDashboard(emptyDashboardModel()).split('\n\n').slice(1).join('\n\n')}`,
    );
  });
});
