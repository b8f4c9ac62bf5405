import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobScript } from '../../fakes/gitlab/index.js';
import { startWorld, type World } from './world.js';

let world: World;
let pipelines: string;
beforeEach(async () => {
  world = await startWorld();
  pipelines = `/projects/${world.project.id}/pipelines`;
});
afterEach(async () => {
  await world.fake.close();
});

function pipelineWith(jobs: JobScript[]) {
  return world.fake.createPipeline(world.project.id, { ref: 'main', jobs });
}

describe('pipeline status from jobs', () => {
  it.each([
    { jobs: [{ name: 'a' }, { name: 'b' }], status: 'success' },
    { jobs: [{ name: 'a' }, { name: 'b', status: 'failed' }], status: 'failed' },
    { jobs: [{ name: 'a' }, { name: 'b', status: 'failed', allowFailure: true }], status: 'success' },
    { jobs: [{ name: 'a' }, { name: 'deploy', status: 'manual' }], status: 'success' },
    { jobs: [{ name: 'a' }, { name: 'deploy', status: 'manual', allowFailure: false }], status: 'manual' },
    { jobs: [{ name: 'a', status: 'running' }, { name: 'b' }], status: 'running' },
    {
      jobs: [
        { name: 'a', status: 'pending' },
        { name: 'b', status: 'created' },
      ],
      status: 'pending',
    },
    { jobs: [{ name: 'a', status: 'canceled' }, { name: 'b' }], status: 'canceled' },
    { jobs: [{ name: 'a', status: 'skipped' }], status: 'skipped' },
    {
      jobs: [
        { name: 'a', status: 'failed' },
        { name: 'b', status: 'running' },
      ],
      status: 'running',
    },
  ] as Array<{ jobs: JobScript[]; status: string }>)('$status for $jobs', ({ jobs, status }) => {
    expect(pipelineWith(jobs).status).toBe(status);
  });
});

describe('pipelines API', () => {
  it('runs the onCommit script for every new branch head and filters by sha, ref and status', async () => {
    world.fake.onCommit(({ ref }) =>
      ref === 'main'
        ? undefined
        : { jobs: [{ name: 'install', status: ref === 'bad' ? 'failed' : 'success' }] },
    );
    const good = world.fake.pushCommit(world.bot, world.project.id, 'good', { 'a.txt': 'a' });
    const bad = world.fake.pushCommit(world.bot, world.project.id, 'bad', { 'b.txt': 'b' });
    world.fake.pushCommit(world.maintainer, world.project.id, 'main', { 'c.txt': 'c' });
    const all = await world.call('GET', pipelines);
    expect(all.body.map((p: { ref: string; status: string }) => [p.ref, p.status])).toEqual([
      ['bad', 'failed'],
      ['good', 'success'],
    ]);
    expect(
      (await world.call('GET', `${pipelines}?sha=${good}`)).body.map((p: { ref: string }) => p.ref),
    ).toEqual(['good']);
    expect((await world.call('GET', `${pipelines}?ref=bad&status=failed`)).body[0].sha).toBe(bad);
    const ascending = await world.call('GET', `${pipelines}?order_by=id&sort=asc`);
    expect(ascending.body.map((p: { ref: string }) => p.ref)).toEqual(['good', 'bad']);
  });

  it('shows a running pipeline that finishes when the test says so', async () => {
    world.fake.onCommit(() => ({ jobs: [{ name: 'install', status: 'running' }, { name: 'lint' }] }));
    world.fake.pushCommit(world.bot, world.project.id, 'b', { 'a.txt': 'a' });
    const [pipeline] = world.fake.pipelines(world.project.id);
    const running = await world.call('GET', `${pipelines}/${pipeline!.id}`);
    expect(running.body).toMatchObject({ status: 'running', finished_at: null, ref: 'b' });
    world.fake.advance(90_000);
    world.fake.setJobStatus(world.project.id, { pipelineId: pipeline!.id, name: 'install' }, 'success');
    const done = await world.call('GET', `${pipelines}/${pipeline!.id}`);
    expect(done.body).toMatchObject({
      status: 'success',
      finished_at: '2025-01-04T10:01:30.000Z',
      duration: 90,
    });
    expect((await world.call('GET', `${pipelines}/999`)).body).toEqual({ message: '404 Not found' });
  });

  it('lists the latest attempt of each job, and retried ones only with include_retried', async () => {
    const pipeline = pipelineWith([
      { name: 'install', status: 'failed' },
      { name: 'lint', allowFailure: true },
    ]);
    expect(pipeline.status).toBe('failed');
    const retry = world.fake.retryJob(
      world.project.id,
      { pipelineId: pipeline.id, name: 'install' },
      'success',
    );
    const jobs = `${pipelines}/${pipeline.id}/jobs`;
    const latest = await world.call('GET', jobs);
    expect(
      latest.body.map((job: { id: number; name: string; status: string }) => [job.name, job.status]),
    ).toEqual([
      ['install', 'success'],
      ['lint', 'success'],
    ]);
    expect(latest.body[0]).toMatchObject({
      id: retry.id,
      allow_failure: false,
      stage: 'test',
      web_url: `${world.fake.url}/group/app/-/jobs/${retry.id}`,
      pipeline: { id: pipeline.id, status: 'success' },
    });
    expect(latest.body[1].allow_failure).toBe(true);
    const all = await world.call('GET', `${jobs}?include_retried=true`);
    expect(all.body.map((job: { name: string; status: string }) => [job.name, job.status])).toEqual([
      ['install', 'success'],
      ['lint', 'success'],
      ['install', 'failed'],
    ]);
    expect((await world.call('GET', `${pipelines}/${pipeline.id}`)).body.status).toBe('success');
  });

  it('forces a status when a test needs one the jobs cannot give', async () => {
    const pipeline = pipelineWith([{ name: 'a', status: 'running' }]);
    world.fake.setPipelineStatus(world.project.id, pipeline.id, 'canceled');
    expect((await world.call('GET', `${pipelines}?status=canceled`)).body).toHaveLength(1);
    world.fake.setPipelineStatus(world.project.id, pipeline.id, null);
    expect((await world.call('GET', `${pipelines}/${pipeline.id}`)).body.status).toBe('running');
  });

  it('shows the head pipeline on the MR and the last pipeline on the commit', async () => {
    world.fake.onCommit(() => ({ jobs: [{ name: 'install' }] }));
    const sha = world.fake.pushCommit(world.bot, world.project.id, 'b', { 'a.txt': 'a' });
    world.fake.createMergeRequest(world.bot, world.project.id, { sourceBranch: 'b', title: 'B' });
    const mr = await world.call('GET', `/projects/${world.project.id}/merge_requests/1`);
    expect(mr.body.head_pipeline).toMatchObject({ sha, ref: 'b', status: 'success' });
    const commit = await world.call('GET', `/projects/${world.project.id}/repository/commits/${sha}`);
    expect(commit.body).toMatchObject({ status: 'success', last_pipeline: { id: mr.body.head_pipeline.id } });
  });
});
