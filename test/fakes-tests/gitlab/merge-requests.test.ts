import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';

let world: World;
let mrs: string;
beforeEach(async () => {
  world = await startWorld();
  mrs = `/projects/${world.project.id}/merge_requests`;
  world.fake.pushCommit(world.bot, world.project.id, 'pingate/a-1.x', {
    'constraints.txt': 'a==1.1\nb==2.0\n',
  });
});
afterEach(async () => {
  await world.fake.close();
});

function open(body: Record<string, unknown> = {}) {
  return world.call('POST', mrs, {
    body: {
      source_branch: 'pingate/a-1.x',
      target_branch: 'main',
      title: 'Update dependency a to v1.1',
      ...body,
    },
  });
}

describe('merge request lifecycle', () => {
  it('creates an MR with the fields pingate reads', async () => {
    const reply = await open({
      labels: 'deps,bot',
      remove_source_branch: true,
      assignee_ids: [world.maintainer.id, 999],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      iid: 1,
      state: 'opened',
      draft: false,
      labels: ['bot', 'deps'],
      sha: world.fake.branches(world.project.id)['pingate/a-1.x'],
      detailed_merge_status: 'mergeable',
      merge_status: 'can_be_merged',
      force_remove_source_branch: true,
      author: { id: world.bot.id, username: 'pingate-bot' },
      assignees: [expect.objectContaining({ id: world.maintainer.id })],
      closed_by: null,
      merged_by: null,
      merge_commit_sha: null,
      head_pipeline: null,
      web_url: `${world.fake.url}/group/app/-/merge_requests/1`,
    });
  });

  it('refuses a second open MR for the same branches with 409, as GitLab words it', async () => {
    await open();
    const second = await open({ title: 'again' });
    expect([second.status, second.body]).toEqual([
      409,
      { message: ['Another open merge request already exists for this source branch: !1'] },
    ]);
  });

  it('refuses an MR from a missing branch or onto itself with 422', async () => {
    expect((await open({ source_branch: 'nope' })).status).toBe(422);
    const same = await open({ source_branch: 'main' });
    expect([same.status, same.body]).toEqual([
      422,
      { message: ["You can't use same project/branch for source and target"] },
    ]);
  });

  it('filters the list by state, author and source branch', async () => {
    await open();
    world.fake.pushCommit(world.maintainer, world.project.id, 'feature', { 'x.txt': 'x' });
    world.fake.createMergeRequest(world.maintainer, world.project.id, {
      sourceBranch: 'feature',
      title: 'Feature',
    });
    const mine = await world.call('GET', `${mrs}?state=opened&author_id=${world.bot.id}`);
    expect(mine.body.map((mr: { iid: number }) => mr.iid)).toEqual([1]);
    const bySource = await world.call('GET', `${mrs}?source_branch=feature`);
    expect(bySource.body.map((mr: { title: string }) => mr.title)).toEqual(['Feature']);
    expect((await world.call('GET', `${mrs}?state=merged`)).body).toEqual([]);
  });

  it('closes and reopens through state_event, recording who closed it', async () => {
    await open();
    world.fake.closeMergeRequest(world.maintainer, world.project.id, 1);
    const closed = await world.call('GET', `${mrs}/1`);
    expect(closed.body).toMatchObject({
      state: 'closed',
      closed_by: { id: world.maintainer.id },
      detailed_merge_status: 'not_open',
    });
    expect((await world.call('GET', `${mrs}?state=closed`)).body).toHaveLength(1);

    await open({ title: 'replacement' });
    const blocked = await world.call('PUT', `${mrs}/1`, { body: { state_event: 'reopen' } });
    expect(blocked.status).toBe(409);
    await world.call('PUT', `${mrs}/2`, { body: { state_event: 'close' } });
    const reopened = await world.call('PUT', `${mrs}/1`, {
      body: { state_event: 'reopen', title: 'Draft: a' },
    });
    expect(reopened.body).toMatchObject({
      state: 'opened',
      closed_by: null,
      draft: true,
      detailed_merge_status: 'draft_status',
    });
  });

  it('closes the open MRs of a deleted branch, as GitLab does', async () => {
    await open();
    await world.call(
      'DELETE',
      `/projects/${world.project.id}/repository/branches/${encodeURIComponent('pingate/a-1.x')}`,
    );
    expect(world.fake.mergeRequest(world.project.id, 1)).toMatchObject({
      state: 'closed',
      closed_by: { id: world.bot.id },
    });
  });

  it('requires at least one parameter on update', async () => {
    await open();
    const reply = await world.call('PUT', `${mrs}/1`, { body: {} });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toContain('at least one parameter must be provided');
  });

  it('notes a push to the source branch with a system note', async () => {
    await open();
    await world.call('POST', `${mrs}/1/notes`, { body: { body: 'hello' } });
    const sha = world.fake.pushCommit(world.maintainer, world.project.id, 'pingate/a-1.x', {
      'extra.txt': 'e',
    });
    const notes = await world.call('GET', `${mrs}/1/notes?sort=asc`);
    expect(
      notes.body.map((note: { body: string; system: boolean }) => [note.system, note.body.split('\n')[0]]),
    ).toEqual([
      [false, 'hello'],
      [true, 'added 1 commit'],
    ]);
    expect(notes.body[1].body).toContain(sha.slice(0, 8));
    expect((await world.call('GET', `${mrs}/1`)).body.sha).toBe(sha);
    const commits = await world.call('GET', `${mrs}/1/commits`);
    expect(commits.body.map((commit: { author_email: string }) => commit.author_email)).toEqual([
      'maria@example.com',
      'pingate-bot@example.com',
    ]);
  });
});

describe('merging', () => {
  beforeEach(async () => {
    await open({ remove_source_branch: true });
  });

  it('refuses a sha that is not the head with 409 and merges nothing', async () => {
    const reply = await world.call('PUT', `${mrs}/1/merge`, { body: { sha: 'f'.repeat(40) } });
    const head = world.fake.branches(world.project.id)['pingate/a-1.x'];
    expect([reply.status, reply.body]).toEqual([
      409,
      { message: `SHA does not match HEAD of source branch: ${head}` },
    ]);
    expect(world.fake.mergeRequest(world.project.id, 1).state).toBe('opened');
  });

  it('merges with a merge commit, removes the branch and runs the default-branch pipeline', async () => {
    world.fake.onCommit(({ ref }) => ({ jobs: [{ name: `test-${ref}` }] }));
    const head = world.fake.branches(world.project.id)['pingate/a-1.x']!;
    const before = world.fake.branches(world.project.id)['main']!;
    const reply = await world.call('PUT', `${mrs}/1/merge`, { body: { sha: head } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ state: 'merged', sha: head, merged_by: { id: world.bot.id } });
    const merge = world.fake.commit(world.project.id, 'main')!;
    expect(merge.id).toBe(reply.body.merge_commit_sha);
    expect(merge.parent_ids).toEqual([before, head]);
    expect(merge.message).toContain("Merge branch 'pingate/a-1.x' into 'main'");
    expect(world.fake.files(world.project.id)['constraints.txt']).toBe('a==1.1\nb==2.0\n');
    expect(Object.keys(world.fake.branches(world.project.id))).toEqual(['main']);
    expect(world.fake.pipelines(world.project.id).map((p) => [p.ref, p.sha, p.status])).toEqual([
      ['main', merge.id, 'success'],
    ]);
    expect((await world.call('PUT', `${mrs}/1/merge`, { body: {} })).status).toBe(405);
  });

  it('answers 406 when the branches conflict', async () => {
    world.fake.pushCommit(world.maintainer, world.project.id, 'main', { 'constraints.txt': 'a==9\n' });
    expect(world.fake.mergeRequest(world.project.id, 1)).toMatchObject({
      has_conflicts: true,
      merge_status: 'cannot_be_merged',
      detailed_merge_status: 'conflict',
    });
    const reply = await world.call('PUT', `${mrs}/1/merge`, { body: {} });
    expect([reply.status, reply.body]).toEqual([406, { message: 'Branch cannot be merged' }]);
  });

  it('merges cleanly when the default branch changed other files', async () => {
    world.fake.pushCommit(world.maintainer, world.project.id, 'main', { 'README.md': 'new\n' });
    const reply = await world.call('PUT', `${mrs}/1/merge`, { body: {} });
    expect(reply.status).toBe(200);
    expect(world.fake.files(world.project.id)).toEqual({
      'constraints.txt': 'a==1.1\nb==2.0\n',
      'README.md': 'new\n',
    });
  });

  it('answers 405 for a draft, a forced status, and 401 for a Reporter', async () => {
    world.fake.setMergeability(world.project.id, 1, 'not_approved');
    expect((await world.call('PUT', `${mrs}/1/merge`, { body: {} })).status).toBe(405);
    world.fake.setMergeability(world.project.id, 1, null);
    const reporter = await world.call('PUT', `${mrs}/1/merge`, { body: {}, token: world.reporter.token });
    expect([reporter.status, reporter.body]).toEqual([401, { message: '401 Unauthorized' }]);
    await world.call('PUT', `${mrs}/1`, { body: { title: 'Draft: wait' } });
    expect((await world.call('PUT', `${mrs}/1/merge`, { body: {} })).body).toEqual({
      message: '405 Method Not Allowed',
    });
  });

  it('waits for a successful pipeline when the project demands one', async () => {
    await world.fake.close();
    world = await startWorld();
    const fake = world.fake;
    const project = fake.addProject({
      path: 'group/strict',
      files: { 'a.txt': 'a' },
      onlyAllowMergeIfPipelineSucceeds: true,
      members: [{ userId: world.bot.id, accessLevel: 30 }],
    });
    fake.onCommit(() => ({ jobs: [{ name: 'install', status: 'running' }] }));
    fake.pushCommit(world.bot, project.id, 'b', { 'a.txt': 'b' });
    fake.createMergeRequest(world.bot, project.id, { sourceBranch: 'b', title: 'B' });
    expect(fake.mergeRequest(project.id, 1).detailed_merge_status).toBe('ci_still_running');
    expect(
      (await world.call('PUT', `/projects/${project.id}/merge_requests/1/merge`, { body: {} })).status,
    ).toBe(405);
    const pipeline = fake.mergeRequest(project.id, 1).head_pipeline!;
    fake.setJobStatus(project.id, { pipelineId: pipeline.id, name: 'install' }, 'failed');
    expect(fake.mergeRequest(project.id, 1).detailed_merge_status).toBe('ci_must_pass');
    fake.retryJob(project.id, { pipelineId: pipeline.id, name: 'install' }, 'success');
    expect(fake.mergeRequest(project.id, 1)).toMatchObject({
      detailed_merge_status: 'mergeable',
      head_pipeline: { status: 'success' },
    });
  });
});
