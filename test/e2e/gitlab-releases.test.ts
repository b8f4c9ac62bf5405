import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_RELEASE, GITLAB_15_0, type Release } from '../fakes/gitlab/index.js';
import { PROJECT, project, startWorld, type World } from './harness.js';

// What depends on GitLab's release, end to end against the fake modelling each: how a checklist system note
// quotes a ticked item, whether MRs carry detailed_merge_status, and the start-up version check.
const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const WEDNESDAY = '2026-11-18T10:00:00Z';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(release: Partial<Release>, renovate: Record<string, unknown> = {}): Promise<World> {
  world = await startWorld({
    constraints: 'anyio==4.2.0\nidna==3.6\n',
    renovate: { schedule: ['every weekend'], ...renovate },
    projects: [
      project('anyio', [
        ['4.2.0', OLD],
        ['4.3.0', NEW],
      ]),
      project('idna', [
        ['3.6', OLD],
        ['3.7', NEW],
      ]),
    ],
    now: WEDNESDAY,
    release,
  });
  return world;
}

async function pass(w: World, now: string) {
  w.gitlab.setNow(now);
  const result = await w.run(['run', '--now', now]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

const dashboard = (w: World) => w.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')!;
const tick = (body: string, branch: string) =>
  body.replace(`- [ ] <!-- unschedule-branch=${branch} -->`, `- [x] <!-- unschedule-branch=${branch} -->`);
const botTitles = (w: World) =>
  w.gitlab
    .mergeRequests(PROJECT)
    .filter((mr) => mr.author.username === 'pingate-bot')
    .map((mr) => mr.title);

describe('ticks, however the release quotes the ticked item', () => {
  it.each([
    ['gitlab.com today: escaped, comment delimiters dropped', { taskNoteStyle: 'text' }],
    ['older: the markdown as written', { taskNoteStyle: 'source' }],
    ['escaped with the comment kept', { taskNoteStyle: 'escaped-source' }],
    ['neither escaped nor with the comment', { taskNoteStyle: 'plain-text' }],
    ['GitLab 15.0: "marked the task", as written', GITLAB_15_0],
  ] as [string, Partial<Release>][])('%s', async (_name, release) => {
    const w = await start(release);
    await pass(w, WEDNESDAY);
    const iid = dashboard(w).iid;
    w.gitlab.editIssue(w.maintainer, PROJECT, iid, tick(dashboard(w).description, 'pingate/anyio-4.x'));
    w.gitlab.editIssue(w.reporter, PROJECT, iid, tick(dashboard(w).description, 'pingate/idna-3.x'));
    const notes = w.gitlab.notes(PROJECT, { issue: iid }).filter((n) => n.system);
    expect(notes.map((n) => n.body)).toEqual([
      expect.stringMatching(/^marked the (checklist item|task) \*\*.*anyio.*\*\* as completed$/),
      expect.stringMatching(/^marked the (checklist item|task) \*\*.*idna.*\*\* as completed$/),
    ]);
    await pass(w, '2026-11-18T10:05:00Z');
    // The maintainer's tick counts; the reporter's is un-ticked with a note naming them.
    expect(botTitles(w)).toEqual(['Update dependency anyio to v4.3.0']);
    expect(dashboard(w).description).not.toContain('- [x]');
    const said = w.gitlab.notes(PROJECT, { issue: iid }).filter((n) => !n.system);
    expect(said.map((n) => n.body)).toEqual([expect.stringContaining('@reporter')]);
  });
});

describe('GitLab before 15.6 (no detailed_merge_status)', () => {
  it('merges a bot MR whose pipeline passed, by merge_status', async () => {
    const w = await start(GITLAB_15_0, {
      schedule: ['at any time'],
      prHourlyLimit: 0,
      pingate: { requiredJobs: ['test-install'] },
    });
    w.gitlab.onCommit(() => ({ jobs: [{ name: 'test-install' }] }));
    await pass(w, WEDNESDAY);
    const mrs = () => w.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
    expect(mrs().map((mr) => [mr.state, 'detailed_merge_status' in mr, mr.merge_status])).toEqual([
      ['opened', false, 'can_be_merged'],
      ['opened', false, 'can_be_merged'],
    ]);
    const second = await pass(w, '2026-11-18T11:00:00Z');
    expect(second.stdout).toMatch(/merged/);
    expect(mrs().some((mr) => mr.state === 'merged')).toBe(true);
  });
});

describe('the start-up version check', () => {
  it('says nothing on a supported release', async () => {
    const w = await start({ ...CURRENT_RELEASE, version: '15.0.0' });
    expect((await pass(w, WEDNESDAY)).stdout).not.toContain('warning');
  });

  it('warns, and still serves, on a release older than the oldest supported', async () => {
    const w = await start({ ...GITLAB_15_0, version: '14.10.5-ee' });
    const result = await pass(w, WEDNESDAY);
    expect(result.stdout).toContain(
      'warning: GitLab 14.10.5-ee is older than 15.0, the oldest release pingate supports',
    );
    expect(dashboard(w)).toBeDefined();
  });
});
