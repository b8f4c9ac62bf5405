import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import { isUnreachable } from '../../src/pypi/http.js';
import { nock, useNock } from '../helpers/nock.js';
import { failure } from './fixtures.js';

useNock();

const PYPI = 'https://pypi.org';
const PROJECT = { info: { name: 'demo' }, releases: { '1.0': [] } };

function index(
  options: { retries?: number; timeoutMs?: number; maxRetryAfterMs?: number; indexUrl?: string } = {},
) {
  // nock intercepts HTTP/1.1 only: HTTP/2 has tests of its own (http2.test.ts).
  return createPackageIndex({ indexUrl: `${PYPI}/pypi/`, backoffMs: 1, http2: false, ...options });
}

/** A socket error as node:http reports it (nock's interception of node:http drops errors that are not `Error`s). */
function socketError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('retries', () => {
  it('waits for Retry-After after a 429, then succeeds', async () => {
    nock(PYPI).get('/pypi/demo/json').reply(429, 'slow down', { 'retry-after': '1' });
    nock(PYPI).get('/pypi/demo/json').reply(200, PROJECT);
    // Retry-After is capped, so the test waits 60 ms rather than a second; the cap is what is honoured.
    const client = index({ maxRetryAfterMs: 60 });
    const started = performance.now();
    const project = await client.getProject('demo');

    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(project.releases.map((release) => release.version)).toEqual(['1.0']);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('gives up after the retries with the status as the reason', async () => {
    nock(PYPI).get('/pypi/demo/json').times(4).reply(500, 'oops');
    const client = index({ retries: 3 });
    const error = await failure(client.getProject('demo'));

    expect(error.status).toBe(500);
    expect(error.message).toBe('GET https://pypi.org/pypi/demo/json: HTTP 500 (4 attempts)');
    expect(client.stats()).toMatchObject({ requests: 4, retries: 3 });
  });

  it('retries a 503 and a connection reset', async () => {
    nock(PYPI).get('/pypi/demo/json').reply(503);
    nock(PYPI).get('/pypi/demo/json').replyWithError(socketError('ECONNRESET', 'socket hang up'));
    nock(PYPI).get('/pypi/demo/json').reply(200, PROJECT);
    const client = index();

    await expect(client.getProject('demo')).resolves.toMatchObject({ name: 'demo' });
    expect(client.stats().retries).toBe(2);
  });

  it('names the socket error when resets never stop', async () => {
    nock(PYPI).get('/pypi/demo/json').times(2).replyWithError(socketError('ECONNRESET', 'socket hang up'));
    const error = await failure(index({ retries: 1 }).getProject('demo'));

    expect(error.message).toBe('GET https://pypi.org/pypi/demo/json: ECONNRESET (2 attempts)');
    expect(error.status).toBeUndefined();
    expect(isUnreachable(error)).toBe(false);
  });

  it('does not retry other 4xx', async () => {
    nock(PYPI).get('/pypi/demo/json').once().reply(403, 'forbidden');
    const client = index();
    const error = await failure(client.getProject('demo'));

    expect(error).toMatchObject({ status: 403, message: 'GET https://pypi.org/pypi/demo/json: HTTP 403' });
    expect(client.stats()).toMatchObject({ requests: 1, retries: 0 });
  });

  it('times out a request that takes too long, and retries it', async () => {
    nock(PYPI).get('/pypi/demo/json').delay(300).reply(200, PROJECT);
    nock(PYPI).get('/pypi/demo/json').reply(200, PROJECT);
    const client = index({ timeoutMs: 40, retries: 1 });

    await expect(client.getProject('demo')).resolves.toMatchObject({ name: 'demo' });
    expect(client.stats().retries).toBe(1);
  });

  it('reports the timeout when every attempt is too slow', async () => {
    nock(PYPI).get('/pypi/demo/json').delay(300).reply(200, PROJECT);
    const error = await failure(index({ timeoutMs: 40, retries: 0 }).getProject('demo'));

    expect(error.message).toBe('GET https://pypi.org/pypi/demo/json: timed out after 40 ms (1 attempt)');
  });
});

describe('credentials', () => {
  const indexUrl = 'https://bot:s3cret-token@pkgs.example.com/pypi/';
  const basic = `Basic ${Buffer.from('bot:s3cret-token').toString('base64')}`;

  it('are sent as Basic auth', async () => {
    nock('https://pkgs.example.com')
      .get('/pypi/demo/json')
      .matchHeader('authorization', basic)
      .reply(200, PROJECT);

    await expect(index({ indexUrl }).getProject('demo')).resolves.toMatchObject({ name: 'demo' });
  });

  it('are not sent to another host, such as the one serving the files', async () => {
    const page = {
      name: 'demo',
      files: [
        {
          filename: 'demo-1.0-py3-none-any.whl',
          url: 'https://files.example.com/demo-1.0-py3-none-any.whl',
          hashes: {},
          'core-metadata': true,
        },
      ],
    };
    nock('https://pkgs.example.com')
      .get('/simple/demo/')
      .matchHeader('authorization', basic)
      .reply(200, page, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
    nock('https://files.example.com', { badheaders: ['authorization'] })
      .get('/demo-1.0-py3-none-any.whl.metadata')
      .reply(200, 'Requires-Dist: attrs\n');
    const client = index({ indexUrl: 'https://bot:s3cret-token@pkgs.example.com/simple/' });

    expect(await client.getRequiresDist('demo', '1.0')).toEqual(['attrs']);
  });

  it('never appear in error messages', async () => {
    nock('https://pkgs.example.com').get('/pypi/demo/json').times(2).reply(502);
    nock('https://pkgs.example.com').get('/pypi/gone/json').reply(404);
    nock('https://pkgs.example.com').get('/pypi/odd/json').reply(200, '{"info": 3}');
    nock('https://pkgs.example.com').get('/pypi/down/json').times(2).replyWithError(socketError('ENOTFOUND'));
    const client = index({ indexUrl, retries: 1 });
    const messages = await Promise.all(
      ['demo', 'gone', 'odd', 'down'].map(async (name) => (await failure(client.getProject(name))).message),
    );

    expect(messages).toEqual([
      'GET https://pkgs.example.com/pypi/demo/json: HTTP 502 (2 attempts)',
      'no such project on https://***@pkgs.example.com/pypi/',
      expect.stringMatching(
        /^https:\/\/\*\*\*@pkgs\.example\.com\/pypi\/ sent an unexpected payload for odd: info/,
      ),
      'cannot reach the package index https://***@pkgs.example.com/pypi/ (ENOTFOUND)',
    ]);
    expect(messages.join('\n')).not.toContain('s3cret');
  });
});

describe('an index that cannot be reached', () => {
  it('is reported as unreachable once, and later look-ups fail at once', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = index({ indexUrl: `http://127.0.0.1:${port}/pypi/`, retries: 2 });

    const first = await failure(client.getProject('demo'));
    expect(isUnreachable(first)).toBe(true);
    expect(first.message).toBe(
      `cannot reach the package index http://127.0.0.1:${port}/pypi/ (ECONNREFUSED)`,
    );
    // An index that never answered gets one retry on a connection error, not all of them.
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });

    const later = await failure(client.getProject('other'));
    expect(later).toBe(first);
    expect(client.stats().requests).toBe(2);
    await client.close();
  });

  it('sends one request first to an index it has not reached yet, so an offline pass fails after one', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = index({ indexUrl: `http://127.0.0.1:${port}/pypi/`, retries: 3 });
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const errors = await Promise.all(names.map((name) => failure(client.getProject(name))));
    expect(errors.every(isUnreachable)).toBe(true);
    expect(client.stats().requests).toBe(2);
    await client.close();
  });
});

describe('an index not reached yet', () => {
  it('lets the other requests go once the first one has connected, without waiting for its answer', async () => {
    // The first request is answered only when all five have arrived (or, failing that, after 2 s).
    const arrived: string[] = [];
    let release: () => void = () => {};
    const allArrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrivedBeforeFirstAnswer = 0;
    const server = createServer((request, response) => {
      arrived.push(request.url ?? '');
      if (arrived.length === 5) release();
      const answer = () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ...PROJECT, info: { name: request.url?.split('/')[2] } }));
      };
      if (arrived.length > 1) return answer();
      void Promise.race([allArrived, new Promise((resolve) => setTimeout(resolve, 2_000))]).then(() => {
        arrivedBeforeFirstAnswer = arrived.length;
        answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = index({ indexUrl: `http://127.0.0.1:${port}/pypi/` });
    const names = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const projects = await Promise.all(names.map((name) => client.getProject(name)));
    expect(projects.map((p) => p.name)).toEqual(names);
    expect(arrivedBeforeFirstAnswer).toBe(5);
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('reached', () => {
  it('resolves once the first request is answered or has its connection, never before a request', async () => {
    const client = index();
    let reached = false;
    void client.reached?.().then(() => {
      reached = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reached).toBe(false);

    nock(PYPI).get('/pypi/demo/json').reply(200, PROJECT);
    await client.getProject('demo');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reached).toBe(true);
  });

  it('resolves when the first request fails without a connection', async () => {
    nock(PYPI).get('/pypi/demo/json').times(2).replyWithError(socketError('ECONNREFUSED'));
    const client = index({ retries: 1 });
    await failure(client.getProject('demo'));
    await new Promise((resolve) => setImmediate(resolve));

    await expect(client.reached?.()).resolves.toBeUndefined();
  });
});
