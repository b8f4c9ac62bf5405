import { describe, expect, it } from 'vitest';
import { nock, useNock } from '../../helpers/nock.js';
import { HOST, jobPayload, P, pipelinePayload, projectApi } from './payloads.js';

useNock();

describe('pipelines', () => {
  it('lists the pipelines of a commit, newest first', async () => {
    nock(HOST)
      .get(`${P}/pipelines`)
      .query({ sha: 'head1111', order_by: 'id', sort: 'desc', per_page: '100' })
      .reply(200, [pipelinePayload(52, { status: 'running' }), pipelinePayload(51, { status: 'failed' })]);
    const pipelines = await projectApi().listPipelines({ sha: 'head1111' });
    expect(pipelines).toEqual([
      {
        id: 52,
        sha: 'head1111',
        ref: 'pingate/requests-2.x',
        status: 'running',
        webUrl: `${HOST}/group/proj/-/pipelines/52`,
        createdAt: '2024-03-02T10:06:00.000Z',
        source: 'push',
      },
      expect.objectContaining({ id: 51, status: 'failed' }),
    ]);
  });

  it('lists the pipelines of a ref', async () => {
    nock(HOST)
      .get(`${P}/pipelines`)
      .query({ ref: 'main', order_by: 'id', sort: 'desc', per_page: '100' })
      .reply(200, [pipelinePayload(60, { ref: 'main', source: null })]);
    const [pipeline] = await projectApi().listPipelines({ ref: 'main' });
    expect(pipeline).toEqual(expect.objectContaining({ id: 60, ref: 'main' }));
    expect(pipeline).not.toHaveProperty('source');
  });

  it('gets one pipeline', async () => {
    nock(HOST)
      .get(`${P}/pipelines/52`)
      .reply(200, pipelinePayload(52, { status: 'success' }));
    expect((await projectApi().getPipeline(52)).status).toBe('success');
  });

  it('lists every job with retried attempts marked, by GitLab or by a newer job of the same name', async () => {
    nock(HOST)
      .get(`${P}/pipelines/52/jobs`)
      .query({ include_retried: 'true', per_page: '100' })
      .reply(200, [
        jobPayload(103, 'install-py312', { status: 'success' }),
        jobPayload(102, 'lint', { status: 'failed', allow_failure: true }),
        jobPayload(101, 'install-py312', { status: 'failed' }),
        jobPayload(100, 'install-py39', { status: 'failed', retried: true }),
      ]);
    const jobs = await projectApi().listPipelineJobs(52);
    expect(jobs.map((job) => [job.id, job.name, job.status, job.allowFailure, job.retried])).toEqual([
      [103, 'install-py312', 'success', false, false],
      [102, 'lint', 'failed', true, false],
      [101, 'install-py312', 'failed', false, true],
      [100, 'install-py39', 'failed', false, true],
    ]);
    expect(jobs[0]).toEqual({
      id: 103,
      name: 'install-py312',
      status: 'success',
      allowFailure: false,
      webUrl: `${HOST}/group/proj/-/jobs/103`,
      retried: false,
      createdAt: '2024-03-02T10:06:00.000Z',
    });
  });
});
