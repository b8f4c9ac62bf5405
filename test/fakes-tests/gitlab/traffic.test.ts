import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('request log', () => {
  it('records method, encoded path, status and user; counts writes', async () => {
    await world.call('GET', `/projects/${encodeURIComponent('group/app')}`);
    await world.call('POST', issues, { body: { title: 'x' } });
    await world.call('PUT', `${issues}/9`, { body: { title: 'y' } });
    await world.call('GET', '/user', { token: 'nope' });
    expect(
      world.fake.requests().map(({ method, path, status, userId }) => [method, path, status, userId]),
    ).toEqual([
      ['GET', '/api/v4/projects/group%2Fapp', 200, world.bot.id],
      ['POST', `/api/v4${issues}`, 201, world.bot.id],
      ['PUT', `/api/v4${issues}/9`, 404, world.bot.id],
      ['GET', '/api/v4/user', 401, null],
    ]);
    expect(world.fake.writeCount()).toBe(2);
    world.fake.resetRequests();
    expect(world.fake.writeCount()).toBe(0);
  });
});

describe('injected failures', () => {
  it('fails the nth matching request only, with GitLab bodies', async () => {
    world.fake.failRequest({ method: 'GET', path: /\/issues$/ }, { status: 500, nth: 2 });
    const statuses = [];
    for (let n = 0; n < 3; n += 1) statuses.push((await world.call('GET', issues)).status);
    expect(statuses).toEqual([200, 500, 200]);
    world.fake.failRequest({ path: /\/issues$/ }, { status: 502, times: 2 });
    const bad = await world.call('GET', issues);
    expect([bad.status, bad.body]).toEqual([502, { message: '502 Bad Gateway' }]);
    expect((await world.call('GET', issues)).status).toBe(502);
    expect((await world.call('GET', issues)).status).toBe(200);
  });

  it('answers 429 with Retry-After and does not do the work', async () => {
    world.fake.failRequest({ method: 'POST', path: /\/issues$/ }, { status: 429, retryAfter: 7 });
    const reply = await world.call('POST', issues, { body: { title: 'x' } });
    expect([reply.status, reply.headers.get('retry-after'), reply.body]).toEqual([429, '7', 'Retry later\n']);
    expect(world.fake.issues(world.project.id)).toEqual([]);
  });

  it('can lose the response of a write that happened', async () => {
    world.fake.failRequest({ method: 'POST', path: /\/issues$/ }, { status: 500, afterHandling: true });
    expect((await world.call('POST', issues, { body: { title: 'x' } })).status).toBe(500);
    expect(world.fake.issues(world.project.id).map((issue) => issue.title)).toEqual(['x']);
  });

  it('sends a custom body, e.g. a 409 the state would not give', async () => {
    world.fake.failRequest(
      { method: 'PUT', path: /\/issues\/1$/ },
      { status: 409, body: { message: 'Conflict' } },
    );
    world.fake.createIssue(world.bot, world.project.id, { title: 'x' });
    const reply = await world.call('PUT', `${issues}/1`, { body: { title: 'y' } });
    expect([reply.status, reply.body]).toEqual([409, { message: 'Conflict' }]);
    world.fake.clearFailures();
    expect((await world.call('PUT', `${issues}/1`, { body: { title: 'y' } })).status).toBe(200);
  });
});

describe('beforeRequest', () => {
  it('changes the state between a read and a write (a tick that arrives mid-pass)', async () => {
    const description = '- [ ] <!-- a -->A\n- [ ] <!-- b -->B\n';
    world.fake.createIssue(world.bot, world.project.id, { title: 'Dependency Dashboard', description });
    const remove = world.fake.beforeRequest(({ method, path }) => {
      if (method === 'PUT' && path.endsWith('/issues/1')) {
        world.fake.editIssue(
          world.maintainer,
          world.project.id,
          1,
          description.replace('- [ ] <!-- b', '- [x] <!-- b'),
        );
        remove();
      }
    });
    const read = await world.call('GET', `${issues}/1`);
    expect(read.body.description).toBe(description);
    await world.call('PUT', `${issues}/1`, { body: { description: `${description}\n(rewritten)` } });
    const notes = world.fake.notes(world.project.id, { issue: 1 });
    expect(notes.map((note) => [note.author.username, note.body])).toEqual([
      ['maria', 'marked the checklist item **b B** as completed'],
      ['pingate-bot', 'marked the checklist item **b B** as incomplete'],
    ]);
    expect(world.fake.requests()).toHaveLength(2);
  });
});

describe('failing the nth write', () => {
  it('counts only writes when asked, whatever their path', async () => {
    world.fake.failRequest({ writes: true }, { status: 500, nth: 2 });
    await world.call('GET', issues);
    expect((await world.call('POST', issues, { body: { title: 'one' } })).status).toBe(201);
    await world.call('GET', issues);
    expect((await world.call('PUT', `${issues}/1`, { body: { title: 'two' } })).status).toBe(500);
    expect((await world.call('POST', issues, { body: { title: 'three' } })).status).toBe(201);
    expect(world.fake.issues(world.project.id).map((issue) => issue.title)).toEqual(['one', 'three']);
  });
});
