import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World } from './harness.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const WEDNESDAY = '2026-11-18T10:00:00Z';

let world: World;

beforeEach(async () => {
  world = await startWorld({
    constraints: 'anyio==4.2.0\nidna==3.6\n',
    renovate: { schedule: ['every weekend'] },
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
  });
});

afterEach(async () => {
  await world.close();
});

async function pass(now = WEDNESDAY) {
  world.gitlab.setNow(now);
  const result = await world.run(['run', '--now', now]);
  expect(result.code).toBe(0);
  return result;
}

function dashboard() {
  return world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')!;
}

function tick(body: string, branch: string) {
  return body.replace(
    `- [ ] <!-- unschedule-branch=${branch} -->`,
    `- [x] <!-- unschedule-branch=${branch} -->`,
  );
}

const botTitles = () =>
  world.gitlab
    .mergeRequests(PROJECT)
    .filter((mr) => mr.author.username === 'pingate-bot')
    .map((mr) => mr.title);

describe('dashboard ticks on the fake GitLab', () => {
  it('keeps a tick made while the bot is rewriting the issue, and acts on it next pass', async () => {
    await pass();
    world.gitlab.editIssue(
      world.maintainer,
      PROJECT,
      dashboard().iid,
      tick(dashboard().description, 'pingate/anyio-4.x'),
    );
    let raced = false;
    const remove = world.gitlab.beforeRequest((request) => {
      // The bot re-reads the issue just before writing it: a person ticks idna in between.
      if (!raced && request.method === 'GET' && /\/issues\/\d+$/.test(request.path)) {
        raced = true;
        world.gitlab.editIssue(
          world.maintainer,
          PROJECT,
          dashboard().iid,
          tick(dashboard().description, 'pingate/idna-3.x'),
        );
      }
    });
    await pass('2026-11-18T10:05:00Z');
    remove();
    expect(raced).toBe(true);
    expect(botTitles()).toEqual(['Update dependency anyio to v4.3.0']);
    expect(dashboard().description).toContain('- [x] <!-- unschedule-branch=pingate/idna-3.x -->');
    await pass('2026-11-18T10:10:00Z');
    expect(botTitles()).toEqual(['Update dependency anyio to v4.3.0', 'Update dependency idna to v3.7']);
    expect(dashboard().description).not.toContain('- [x]');
  });

  it('un-ticks a box ticked by someone without Developer access, with a note, and opens nothing', async () => {
    await pass();
    world.gitlab.editIssue(
      world.reporter,
      PROJECT,
      dashboard().iid,
      tick(dashboard().description, 'pingate/idna-3.x'),
    );
    await pass('2026-11-18T10:05:00Z');
    expect(botTitles()).toEqual([]);
    expect(dashboard().description).not.toContain('- [x]');
    const notes = world.gitlab.notes(PROJECT, { issue: dashboard().iid }).filter((n) => !n.system);
    expect(notes.map((n) => n.body)).toEqual([expect.stringContaining('@reporter')]);
  });

  it('never touches an MR or a branch under its prefix that a person made', async () => {
    world.gitlab.pushCommit(
      world.maintainer,
      PROJECT,
      'pingate/idna-3.x',
      { 'constraints.txt': 'anyio==4.2.0\nidna==3.7\n' },
      { startBranch: 'main' },
    );
    world.gitlab.pushCommit(
      world.maintainer,
      PROJECT,
      'pingate/experiment',
      { 'notes.txt': 'mine\n' },
      { startBranch: 'main' },
    );
    world.gitlab.createMergeRequest(world.maintainer, PROJECT, {
      sourceBranch: 'pingate/experiment',
      title: 'My experiment',
    });
    const before = world.gitlab.branches(PROJECT);
    await pass();
    await pass('2026-11-21T10:00:00Z');
    const mine = world.gitlab.mergeRequests(PROJECT).find((mr) => mr.title === 'My experiment')!;
    expect(mine.state).toBe('opened');
    expect(mine.description ?? '').toBe('');
    expect(world.gitlab.branches(PROJECT)['pingate/experiment']).toBe(before['pingate/experiment']);
    // The idna update wants that branch name: the person's commit stays, the update is reported as errored.
    expect(world.gitlab.branches(PROJECT)['pingate/idna-3.x']).toBe(before['pingate/idna-3.x']);
    expect(botTitles()).toEqual(['Update dependency anyio to v4.3.0']);
    expect(dashboard().description).toMatch(
      /## Errored[\s\S]*pingate\/idna-3\.x has commits by someone else/,
    );
    expect(world.gitlab.notes(PROJECT, { mergeRequest: mine.iid }).filter((n) => !n.system)).toEqual([]);
  });
});
