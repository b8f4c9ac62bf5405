import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PlatformError,
  RateLimitedError,
  UnavailableError,
} from '../../../src/platform/errors.js';
import { nock, useNock } from '../../helpers/nock.js';
import { failure, useLocalServer } from './failure.js';
import { API, HOST, P, platform, projectApi, TOKEN } from './payloads.js';

useNock();

/** Everything an error could leak through: message, stack, cause, and how loggers print it. */
function everythingPrinted(error: Error): string {
  return [
    error.message,
    error.stack,
    JSON.stringify(error),
    JSON.stringify(error.cause),
    inspect(error, { depth: 9 }),
  ].join('\n');
}

describe('errors', () => {
  it('maps 404 to NotFoundError with the request and status, and no token', async () => {
    nock(HOST).get(`${P}/merge_requests/404`).reply(404, { message: '404 Not found' });
    const error = await failure(projectApi().getMergeRequest(404));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(404);
    expect(error.message).toBe(
      'GitLab GET /projects/group%2Fproj/merge_requests/404 answered 404: 404 Not found',
    );
    expect(error.cause).toEqual({
      request: { method: 'GET', path: '/projects/group%2Fproj/merge_requests/404' },
      response: { status: 404, message: '404 Not found' },
    });
    expect(everythingPrinted(error)).not.toContain(TOKEN);
  });

  it('maps 409 to ConflictError', async () => {
    nock(HOST)
      .post(`${P}/merge_requests`)
      .reply(409, { message: ['Another open merge request already exists for this source branch: !5'] });
    const error = await failure(
      projectApi().createMergeRequest({
        sourceBranch: 's',
        targetBranch: 'main',
        title: 't',
        description: 'd',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.cause.response?.status).toBe(409);
  });

  it.each([401, 403])('maps %i to ForbiddenError', async (status) => {
    nock(HOST)
      .put(`${P}/merge_requests/1`)
      .reply(status, { message: `${status} Forbidden` });
    const error = await failure(projectApi().updateMergeRequest(1, { title: 't' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.status).toBe(status);
    expect(everythingPrinted(error)).not.toContain(TOKEN);
  });

  it('maps 429 to RateLimitedError with Retry-After in milliseconds', async () => {
    nock(HOST)
      .get(`${P}/merge_requests/1`)
      .reply(429, 'Retry later\n', { 'Retry-After': '60', 'Content-Type': 'text/plain' });
    const error = await failure(projectApi().getMergeRequest(1));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.cause).toEqual({
      request: { method: 'GET', path: '/projects/group%2Fproj/merge_requests/1' },
      response: { status: 429, message: 'Retry later\n' },
      retryAfterMs: 60_000,
    });
  });

  it('maps 502 to UnavailableError', async () => {
    nock(HOST).get(`${P}/pipelines/5`).reply(502, 'Bad Gateway');
    const error = await failure(projectApi().getPipeline(5));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.status).toBe(502);
  });

  it('maps 500 to UnavailableError that may have been applied, for a write', async () => {
    nock(HOST).post(`${P}/issues/1/notes`).once().reply(500, { message: '500 Internal Server Error' });
    const error = await failure(projectApi().createIssueNote(1, 'hello'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe(
      'GitLab POST /projects/group%2Fproj/issues/1/notes answered 500: 500 Internal Server Error',
    );
    expect(error.cause.maybeApplied).toBe(true);
  });

  it('maps other client errors to the base PlatformError', async () => {
    nock(HOST)
      .post(`${P}/repository/commits`)
      .reply(400, { message: 'You can only create or edit files when you are on a branch' });
    const error = await failure(
      projectApi().commitFiles({ branch: 'b', startSha: 'nope', message: 'm', actions: [] }),
    );
    expect(error.constructor).toBe(PlatformError);
    expect(error.status).toBe(400);
  });

  it('reports an answer of the wrong shape as a PlatformError naming the call', async () => {
    nock(HOST).get(`${P}/merge_requests/3`).reply(200, { iid: 'three' });
    const error = await failure(projectApi().getMergeRequest(3));
    expect(error.constructor).toBe(PlatformError);
    expect(error.message).toMatch(
      /^GitLab GET \/projects\/group%2Fproj\/merge_requests\/3 answered something unexpected/,
    );
  });

  it('maps a body that is not the JSON it claims to be to UnavailableError', async () => {
    nock(HOST).get(`${P}/merge_requests/4`).reply(200, '{"iid": 4,', { 'content-type': 'application/json' });
    const error = await failure(projectApi().getMergeRequest(4));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.reason).toMatch(/^unreadable answer: /);
    expect(error.cause.maybeApplied).toBeUndefined();
  });

  it('maps a compressed body that does not decompress to UnavailableError, not a crash', async () => {
    nock(HOST).get(`${P}/merge_requests/5`).reply(200, Buffer.from('not gzip at all'), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    const error = await failure(projectApi().getMergeRequest(5));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.reason).toMatch(/^unreadable answer: cannot decompress the gzip body/);
  });

  it('redacts the token if an answer ever echoes it', async () => {
    nock(HOST)
      .get(`${API}/user`)
      .reply(401, { message: `401 Unauthorized: token ${TOKEN} revoked` });
    const error = await failure(platform().currentUser());
    expect(error.message).toBe('GitLab GET /user answered 401: 401 Unauthorized: token [REDACTED] revoked');
    expect(everythingPrinted(error)).not.toContain(TOKEN);
  });
});

describe('failures without an answer', () => {
  const { listen, stop } = useLocalServer();

  it('maps a refused connection to UnavailableError with the reason', async () => {
    const url = await listen(() => {});
    await stop();
    const error = await failure(platform({ url }).forProject(1).getProject());
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.status).toBeUndefined();
    expect(error.cause.reason).toMatch(/ECONNREFUSED/);
    expect(error.message).toMatch(/^GitLab GET \/projects\/1 failed: .*ECONNREFUSED/);
    expect(everythingPrinted(error)).not.toContain(TOKEN);
  });

  it('maps a call that outlasts the timeout to UnavailableError', async () => {
    const url = await listen(() => {
      // never answers
    });
    const error = await failure(platform({ url, timeoutMs: 100 }).forProject(1).getProject());
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.reason).toBe('no answer within 100 ms');
  });

  it('sends the token as PRIVATE-TOKEN and nowhere else', async () => {
    let seen: { headers: Record<string, unknown>; url?: string } | undefined;
    const url = await listen((request, response) => {
      seen = { headers: request.headers, url: request.url };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 7, username: 'bot' }));
    });
    await platform({ url: `${url}/` }).currentUser();
    expect(seen?.url).toBe('/api/v4/user');
    expect(seen?.headers['private-token']).toBe(TOKEN);
  });
});
