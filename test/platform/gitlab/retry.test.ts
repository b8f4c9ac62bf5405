import { describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError, UnavailableError } from '../../../src/platform/errors.js';
import { nock, useNock } from '../../helpers/nock.js';
import { failure, useLocalServer } from './failure.js';
import { HOST, mergeRequestPayload, P, PROJECT, platform } from './payloads.js';

useNock();

const FAST = { retries: 3, backoffMs: 1, maxWaitMs: 5_000 };
const api = (readRetry = FAST) => platform({ readRetry }).forProject(PROJECT);

function reset(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

const NEW_MR = { sourceBranch: 's', targetBranch: 'main', title: 't', description: 'd' };

describe('reads are retried', () => {
  it('through 502, 500 and a reset until GitLab answers', async () => {
    nock(HOST)
      .get(`${P}/merge_requests/2`)
      .reply(502, 'Bad Gateway')
      .get(`${P}/merge_requests/2`)
      .reply(500, { message: '500 Internal Server Error' })
      .get(`${P}/merge_requests/2`)
      .replyWithError(reset('socket hang up'))
      .get(`${P}/merge_requests/2`)
      .reply(200, mergeRequestPayload(2));
    expect((await api().getMergeRequest(2)).iid).toBe(2);
  });

  it('after a 429 with Retry-After, waiting what GitLab asked', async () => {
    nock(HOST)
      .get(`${P}/merge_requests/3`)
      .reply(429, 'Retry later\n', { 'Retry-After': '1' })
      .get(`${P}/merge_requests/3`)
      .reply(200, mergeRequestPayload(3));
    const started = performance.now();
    expect((await api().getMergeRequest(3)).iid).toBe(3);
    // The wait is GitLab's, not the 1 ms back-off (a lower bound only: this cannot fail on a slow machine).
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('not when Retry-After is longer than it waits: the error says when to come back', async () => {
    nock(HOST).get(`${P}/merge_requests/4`).reply(429, 'Retry later\n', { 'Retry-After': '120' });
    const error = await failure(api({ ...FAST, maxWaitMs: 1_000 }).getMergeRequest(4));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.cause.retryAfterMs).toBe(120_000);
  });

  it('a bounded number of times, then the last failure is reported', async () => {
    nock(HOST).get(`${P}/merge_requests/5`).times(4).reply(503, 'Service Unavailable');
    const error = await failure(api().getMergeRequest(5));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.status).toBe(503);
    expect(error.cause.maybeApplied).toBeUndefined();
  });

  it('never after an answer that will not change (404)', async () => {
    nock(HOST).get(`${P}/merge_requests/6`).once().reply(404, { message: '404 Not found' });
    expect(await failure(api().getMergeRequest(6))).toBeInstanceOf(NotFoundError);
  });
});

describe('writes are sent once, and say whether they may have been applied', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [504, true],
  ])('%i: sent once, may have been applied', async (status) => {
    nock(HOST)
      .post(`${P}/merge_requests`)
      .once()
      .reply(status, { message: `${status}` });
    const error = await failure(api().createMergeRequest(NEW_MR));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(true);
  });

  it('429: sent once, not applied, with Retry-After', async () => {
    nock(HOST).post(`${P}/issues/1/notes`).once().reply(429, 'Retry later\n', { 'Retry-After': '7' });
    const error = await failure(api().createIssueNote(1, 'hi'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.cause).toMatchObject({ maybeApplied: false, retryAfterMs: 7_000 });
  });

  it('a 4xx was refused: not applied', async () => {
    nock(HOST).put(`${P}/merge_requests/1`).once().reply(400, { message: 'bad' });
    const error = await failure(api().updateMergeRequest(1, { title: 't' }));
    expect(error.cause.maybeApplied).toBe(false);
  });

  it('a reset after the request went out: may have been applied', async () => {
    nock(HOST).post(`${P}/repository/commits`).once().replyWithError(reset('other side closed'));
    const error = await failure(api().commitFiles({ branch: 'b', startSha: 'a', message: 'm', actions: [] }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(true);
  });
});

describe('writes without nock', () => {
  const { listen, stop } = useLocalServer();

  it('a refused connection never reached GitLab: not applied', async () => {
    const url = await listen(() => {});
    await stop();
    const error = await failure(platform({ url }).forProject(1).createIssue({ title: 't', description: '' }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(false);
  });

  it('a connection the server drops once it has the request: sent once, may have been applied', async () => {
    let received = 0;
    const url = await listen((request) => {
      received += 1;
      request.resume();
      request.on('end', () => request.socket.destroy());
    });
    const error = await failure(platform({ url }).forProject(1).createIssue({ title: 't', description: '' }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(true);
    expect(received).toBe(1);
  });

  it('no answer within the timeout: may have been applied', async () => {
    const url = await listen(() => {});
    const error = await failure(
      platform({ url, timeoutMs: 100 }).forProject(1).createIssue({ title: 't', description: '' }),
    );
    expect(error.cause).toMatchObject({ reason: 'no answer within 100 ms', maybeApplied: true });
  });
});
