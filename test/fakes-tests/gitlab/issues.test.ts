import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitLab } from '../../fakes/gitlab/index.js';
import { startWorld, type World } from './world.js';

let world: World;
let issues: string;
beforeEach(async () => {
  world = await startWorld();
  issues = `/projects/${world.project.id}/issues`;
});
afterEach(async () => {
  await world.fake.close();
});

const dashboard = [
  '## Awaiting Schedule',
  '',
  '- [ ] <!-- unschedule-branch=pingate/a-1.x -->Update dependency a to v1.1',
  '- [ ] <!-- unschedule-branch=pingate/b-2.x -->Update dependency b to v2.1',
  '',
].join('\n');

async function createDashboard() {
  const reply = await world.call('POST', issues, {
    body: { title: 'Dependency Dashboard', description: dashboard, labels: 'deps' },
  });
  expect(reply.status).toBe(201);
  return reply.body;
}

describe('issues', () => {
  it('creates an issue and finds it by author, title search and labels', async () => {
    const created = await createDashboard();
    expect(created).toMatchObject({
      iid: 1,
      state: 'opened',
      labels: ['deps'],
      task_completion_status: { count: 2, completed_count: 0 },
    });
    world.fake.createIssue(world.maintainer, world.project.id, {
      title: 'Dependency Dashboard bug',
      description: 'x',
    });
    const found = await world.call(
      'GET',
      `${issues}?author_id=${world.bot.id}&search=${encodeURIComponent('Dependency Dashboard')}&in=title&state=opened`,
    );
    expect(found.body.map((issue: { iid: number }) => issue.iid)).toEqual([1]);
    expect((await world.call('GET', `${issues}?labels=deps,other`)).body).toEqual([]);
    expect((await world.call('GET', `${issues}?search=unschedule-branch&in=description`)).body).toHaveLength(
      1,
    );
  });

  it('requires a title', async () => {
    const reply = await world.call('POST', issues, { body: { description: 'x' } });
    expect([reply.status, reply.body]).toEqual([400, { error: 'title is missing' }]);
  });

  it('answers 404 for a missing issue', async () => {
    const reply = await world.call('GET', `${issues}/99`);
    expect([reply.status, reply.body]).toEqual([404, { message: '404 Not found' }]);
  });
});

describe('checklist system notes', () => {
  it('notes a ticked box by the person who ticked it, and an unticked one', async () => {
    await createDashboard();
    world.fake.editIssue(
      world.maintainer,
      world.project.id,
      1,
      dashboard.replace('- [ ] <!-- unschedule-branch=pingate/b', '- [x] <!-- unschedule-branch=pingate/b'),
    );
    world.fake.editIssue(world.maintainer, world.project.id, 1, dashboard);
    const notes = await world.call('GET', `${issues}/1/notes?sort=asc`);
    expect(
      notes.body.map((note: { body: string; system: boolean; author: { id: number } }) => [
        note.system,
        note.author.id,
        note.body,
      ]),
    ).toEqual([
      [
        true,
        world.maintainer.id,
        'marked the checklist item **unschedule\\-branch\\=pingate/b\\-2\\.x Update dependency b to v2\\.1** as completed',
      ],
      [
        true,
        world.maintainer.id,
        'marked the checklist item **unschedule\\-branch\\=pingate/b\\-2\\.x Update dependency b to v2\\.1** as incomplete',
      ],
    ]);
  });

  it('writes "changed the description" when no box changed, also for edits through the API', async () => {
    await createDashboard();
    const reply = await world.call('PUT', `${issues}/1`, { body: { description: `${dashboard}\nmore` } });
    expect(reply.body.description).toBe(`${dashboard}\nmore`);
    const notes = await world.call('GET', `${issues}/1/notes`);
    expect(notes.body.map((note: { body: string }) => note.body)).toEqual(['changed the description']);
  });

  it('quotes the raw item markdown in the older GitLab style when asked', async () => {
    const fake = await startFakeGitLab({ taskNoteStyle: 'source' });
    try {
      const user = fake.addUser({ username: 'u' });
      const project = fake.addProject({
        path: 'g/p',
        files: {},
        members: [{ userId: user.id, accessLevel: 30 }],
      });
      fake.createIssue(user, project.id, { title: 'D', description: '- [ ] <!-- m -->Item' });
      fake.editIssue(user, project.id, 1, '- [x] <!-- m -->Item');
      expect(fake.notes(project.id, { issue: 1 }).map((note) => note.body)).toEqual([
        'marked the checklist item **<!-- m -->Item** as completed',
      ]);
    } finally {
      await fake.close();
    }
  });

  it('lets a Reporter edit and a Guest-level outsider not see the issue', async () => {
    await createDashboard();
    const edit = await world.call('PUT', `${issues}/1`, {
      token: world.reporter.token,
      body: { state_event: 'close' },
    });
    expect(edit.body).toMatchObject({ state: 'closed', closed_by: { id: world.reporter.id } });
    expect((await world.call('GET', `${issues}/1`, { token: world.outsider.token })).status).toBe(404);
  });

  it('posts a comment and lists it with the system notes, newest first by default', async () => {
    await createDashboard();
    world.fake.editIssue(world.maintainer, world.project.id, 1, `${dashboard}x`);
    const posted = await world.call('POST', `${issues}/1/notes`, {
      body: { body: 'A tick needs Developer access.' },
    });
    expect(posted).toMatchObject({
      status: 201,
      body: { system: false, noteable_type: 'Issue', noteable_iid: 1 },
    });
    const notes = await world.call('GET', `${issues}/1/notes`);
    expect(notes.body.map((note: { system: boolean }) => note.system)).toEqual([false, true]);
  });
});
