import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enc } from './client.js';
import { startWorld, type World } from './world.js';

let world: World;
let base: string;
beforeEach(async () => {
  world = await startWorld({ 'constraints.txt': 'a==1.0\nb==2.0\n', 'pipeline/constraints.yml': 'x: 1\n' });
  base = world.fake.branches(world.project.id)['main']!;
});
afterEach(async () => {
  await world.fake.close();
});

function commit(body: Record<string, unknown>) {
  return world.call('POST', `/projects/${world.project.id}/repository/commits`, { body });
}

describe('repository files', () => {
  it('answers a file as base64 JSON and as raw text', async () => {
    const json = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/files/${enc('pipeline/constraints.yml')}?ref=main`,
    );
    expect(json.body).toMatchObject({
      file_name: 'constraints.yml',
      file_path: 'pipeline/constraints.yml',
      encoding: 'base64',
      ref: 'main',
      commit_id: base,
      last_commit_id: base,
    });
    expect(Buffer.from(json.body.content, 'base64').toString()).toBe('x: 1\n');
    const raw = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/files/constraints.txt/raw?ref=${base}`,
    );
    expect([raw.headers.get('content-type'), raw.body]).toEqual([
      'text/plain; charset=utf-8',
      'a==1.0\nb==2.0\n',
    ]);
  });

  it('answers 404 File Not Found, 404 Commit Not Found and 400 without ref', async () => {
    const files = `/projects/${world.project.id}/repository/files`;
    expect((await world.call('GET', `${files}/missing.txt?ref=main`)).body).toEqual({
      message: '404 File Not Found',
    });
    expect((await world.call('GET', `${files}/constraints.txt?ref=nope`)).body).toEqual({
      message: '404 Commit Not Found',
    });
    expect((await world.call('GET', `${files}/constraints.txt`)).body).toEqual({ error: 'ref is missing' });
  });
});

describe('commits API', () => {
  it('creates a branch from start_sha with several actions in one commit', async () => {
    const reply = await commit({
      branch: 'pingate/a-1.x',
      start_sha: base,
      commit_message: 'Update dependency a to v1.1',
      actions: [
        { action: 'update', file_path: 'constraints.txt', content: 'a==1.1\nb==2.0\n' },
        {
          action: 'create',
          file_path: 'notes.md',
          content: Buffer.from('hi\n').toString('base64'),
          encoding: 'base64',
        },
        { action: 'delete', file_path: 'pipeline/constraints.yml' },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      parent_ids: [base],
      title: 'Update dependency a to v1.1',
      author_email: 'pingate-bot@example.com',
      committer_email: 'pingate-bot@example.com',
      stats: { additions: 2, deletions: 2, total: 4 },
    });
    expect(reply.body.id).toMatch(/^[0-9a-f]{40}$/);
    expect(world.fake.files(world.project.id, 'pingate/a-1.x')).toEqual({
      'constraints.txt': 'a==1.1\nb==2.0\n',
      'notes.md': 'hi\n',
    });
    expect(world.fake.files(world.project.id)).toMatchObject({ 'constraints.txt': 'a==1.0\nb==2.0\n' });
  });

  it('refuses an update of a missing file and a create of an existing one, committing nothing', async () => {
    const update = await commit({
      branch: 'b',
      start_branch: 'main',
      commit_message: 'm',
      actions: [{ action: 'update', file_path: 'missing.txt', content: '' }],
    });
    expect([update.status, update.body]).toEqual([400, { message: "A file with this name doesn't exist" }]);
    const create = await commit({
      branch: 'b',
      start_branch: 'main',
      commit_message: 'm',
      actions: [{ action: 'create', file_path: 'constraints.txt', content: '' }],
    });
    expect([create.status, create.body]).toEqual([400, { message: 'A file with this name already exists' }]);
    expect(Object.keys(world.fake.branches(world.project.id))).toEqual(['main']);
  });

  it('refuses to move an existing branch to another start without force, and replaces it with force', async () => {
    const first = await commit({
      branch: 'b',
      start_sha: base,
      commit_message: 'one',
      actions: [{ action: 'update', file_path: 'constraints.txt', content: 'a==1.1\n' }],
    });
    await commit({
      branch: 'b',
      commit_message: 'two',
      actions: [{ action: 'create', file_path: 'x', content: '' }],
    });
    expect(world.fake.commits(world.project.id, 'b')).toHaveLength(3);

    const refused = await commit({
      branch: 'b',
      start_sha: base,
      commit_message: 'again',
      actions: [{ action: 'update', file_path: 'constraints.txt', content: 'a==1.2\n' }],
    });
    expect([refused.status, refused.body]).toEqual([
      400,
      { message: "A branch called 'b' already exists. Switch to that branch in order to make changes" },
    ]);

    const forced = await commit({
      branch: 'b',
      start_sha: base,
      force: true,
      commit_message: 'again',
      actions: [{ action: 'update', file_path: 'constraints.txt', content: 'a==1.2\n' }],
    });
    expect(forced.body.parent_ids).toEqual([base]);
    expect(world.fake.commits(world.project.id, 'b').map((c) => c.id)).toEqual([forced.body.id, base]);
    expect(world.fake.commits(world.project.id, 'b').map((c) => c.id)).not.toContain(first.body.id);
    expect(world.fake.file(world.project.id, 'x', 'b')).toBeUndefined();
  });

  it('needs a branch to start from', async () => {
    const reply = await commit({ branch: 'new', commit_message: 'm', actions: [] });
    expect(reply.body).toEqual({ message: 'You can only create or edit files when you are on a branch' });
    const both = await commit({
      branch: 'new',
      start_branch: 'main',
      start_sha: base,
      commit_message: 'm',
      actions: [],
    });
    expect(both.body).toEqual({ error: 'start_branch, start_sha are mutually exclusive' });
  });

  it('lists commits of a ref touching a path, newest first, and shows one', async () => {
    const other = world.fake.pushCommit(world.maintainer, world.project.id, 'main', { 'README.md': 'hi\n' });
    world.fake.advance(60_000);
    const touching = world.fake.pushCommit(world.maintainer, world.project.id, 'main', {
      'constraints.txt': 'a==2\n',
    });
    const all = await world.call('GET', `/projects/${world.project.id}/repository/commits?ref_name=main`);
    expect(all.body.map((c: { id: string }) => c.id)).toEqual([touching, other, base]);
    const byPath = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/commits?path=constraints.txt`,
    );
    expect(byPath.body.map((c: { id: string }) => c.id)).toEqual([touching, base]);
    const since = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/commits?since=2025-01-04T10:00:30Z`,
    );
    expect(since.body.map((c: { id: string }) => c.id)).toEqual([touching]);
    const one = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/commits/${touching.slice(0, 8)}`,
    );
    expect(one.body).toMatchObject({ id: touching, author_email: 'maria@example.com', parent_ids: [other] });
    expect(
      (await world.call('GET', `/projects/${world.project.id}/repository/commits/0000000`)).body,
    ).toEqual({
      message: '404 Commit Not Found',
    });
  });
});

describe('compare', () => {
  it('diffs from the merge base and lists the commits oldest first', async () => {
    const one = world.fake.pushCommit(world.bot, world.project.id, 'topic', {
      'constraints.txt': 'a==1.1\nb==2.0\n',
    });
    const two = world.fake.pushCommit(world.bot, world.project.id, 'topic', { 'new.txt': 'n\n' });
    world.fake.pushCommit(world.maintainer, world.project.id, 'main', { 'README.md': 'later\n' });
    const reply = await world.call(
      'GET',
      `/projects/${world.project.id}/repository/compare?from=main&to=topic`,
    );
    expect(reply.body.commits.map((c: { id: string }) => c.id)).toEqual([one, two]);
    expect(reply.body.commit.id).toBe(two);
    expect(reply.body.diffs).toEqual([
      expect.objectContaining({
        old_path: 'constraints.txt',
        new_path: 'constraints.txt',
        new_file: false,
        diff: '@@ -1,2 +1,2 @@\n-a==1.0\n+a==1.1\n b==2.0\n',
      }),
      expect.objectContaining({
        old_path: 'new.txt',
        new_path: 'new.txt',
        new_file: true,
        diff: '@@ -0,0 +1,1 @@\n+n\n',
      }),
    ]);
  });
});

describe('branches', () => {
  beforeEach(() => {
    for (const name of ['pingate/a-1.x', 'pingate/b-2.x', 'feature/pingate', 'other']) {
      world.fake.pushCommit(world.bot, world.project.id, name, { [`${name}.txt`]: name });
    }
  });

  it('searches with ^ and $ anchors as GitLab does', async () => {
    const names = async (search: string) =>
      (
        await world.call('GET', `/projects/${world.project.id}/repository/branches?search=${enc(search)}`)
      ).body.map((branch: { name: string }) => branch.name);
    expect(await names('^pingate/')).toEqual(['pingate/a-1.x', 'pingate/b-2.x']);
    expect(await names('pingate')).toEqual(['feature/pingate', 'pingate/a-1.x', 'pingate/b-2.x']);
    expect(await names('pingate$')).toEqual(['feature/pingate']);
  });

  it('shows, deletes and then misses a branch', async () => {
    const path = `/projects/${world.project.id}/repository/branches/${enc('pingate/a-1.x')}`;
    expect((await world.call('GET', path)).body).toMatchObject({
      name: 'pingate/a-1.x',
      merged: false,
      default: false,
    });
    expect((await world.call('DELETE', path)).status).toBe(204);
    const missing = await world.call('GET', path);
    expect([missing.status, missing.body]).toEqual([404, { message: '404 Branch Not Found' }]);
    expect((await world.call('DELETE', path)).status).toBe(404);
  });
});
