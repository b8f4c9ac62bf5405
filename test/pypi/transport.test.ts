import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../src/pypi/http.js';
import { nock, useNock } from '../helpers/nock.js';
import { failure } from './fixtures.js';

useNock();

const PKGS = 'https://pkgs.example.com';
const FILES = 'https://files.example.com';
const PAGE = JSON.stringify({ info: { name: 'demo', summary: 'ünïcode' }, releases: { '1.0': [] } });
const BASIC = `Basic ${Buffer.from('bot:s3cret-token').toString('base64')}`;

function client(options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    concurrency: 4,
    http2: false,
    timeoutMs: 5_000,
    retries: 1,
    backoffMs: 1,
    maxRetryAfterMs: 10,
    indexLabel: `${PKGS}/pypi/`,
    ...options,
  });
}

describe('compression', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
  ])('asks for it and decompresses a %s body', async (encoding, compress) => {
    nock(PKGS)
      .get('/pypi/demo/json')
      .matchHeader('accept-encoding', 'gzip, deflate, br')
      .reply(200, compress(Buffer.from(PAGE)), { 'content-encoding': encoding, etag: '"v1"' });
    const http = client();
    const response = await http.get(`${PKGS}/pypi/demo/json`);

    expect([response.status, response.body, response.headers.get('ETag')]).toEqual([200, PAGE, '"v1"']);
    expect(http.stats()).toEqual({ requests: 1, notModified: 0, bytes: Buffer.byteLength(PAGE), retries: 0 });
  });

  it('retries a body that does not decompress, then names the reason', async () => {
    nock(PKGS)
      .get('/pypi/demo/json')
      .times(2)
      .reply(200, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    const http = client();
    const error = await failure(http.get(`${PKGS}/pypi/demo/json`));

    expect(error.message).toBe(
      'GET https://pkgs.example.com/pypi/demo/json: cannot decompress the gzip body (incorrect header check) (2 attempts)',
    );
    expect(http.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('takes a truncated body for a failure too, and succeeds when it comes whole', async () => {
    const whole = gzipSync(Buffer.from(PAGE));
    nock(PKGS)
      .get('/pypi/demo/json')
      .reply(200, whole.subarray(0, whole.length - 8), { 'content-encoding': 'gzip' });
    nock(PKGS).get('/pypi/demo/json').reply(200, whole, { 'content-encoding': 'gzip' });

    await expect(client().get(`${PKGS}/pypi/demo/json`)).resolves.toMatchObject({ body: PAGE });
  });
});

describe('the timeout', () => {
  it('covers the body as well as the headers', async () => {
    // The first answer sends its headers and half its body, then stalls; the second is whole.
    let answered = 0;
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (answered++ === 0) response.write(PAGE.slice(0, 10));
      else response.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const http = client({ timeoutMs: 100 });
    try {
      await expect(http.get(`http://127.0.0.1:${port}/pypi/demo/json`)).resolves.toMatchObject({
        body: PAGE,
      });
      expect(http.stats()).toMatchObject({ requests: 2, retries: 1 });
    } finally {
      await http.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('covers every redirect hop of an attempt', async () => {
    // Each hop alone is well within the timeout (a busy machine adds to both), the two together are not.
    nock(PKGS).get('/pypi/Demo/json').delay(200).reply(301, '', { location: '/pypi/demo/json' });
    nock(PKGS).get('/pypi/demo/json').delay(200).reply(200, PAGE);
    const error = await failure(client({ timeoutMs: 300, retries: 0 }).get(`${PKGS}/pypi/Demo/json`));

    expect(error.message).toBe(
      'GET https://pkgs.example.com/pypi/Demo/json: timed out after 300 ms (1 attempt)',
    );
  });
});

describe('redirects', () => {
  it('are followed, each hop counted, and the final URL reported', async () => {
    nock(PKGS).get('/pypi/Demo/json').reply(301, '', { location: '/pypi/demo/json' });
    nock(PKGS).get('/pypi/demo/json').reply(307, '', { location: 'https://mirror.example.com/demo.json' });
    nock('https://mirror.example.com').get('/demo.json').reply(200, PAGE);
    const http = client();
    const response = await http.get(`${PKGS}/pypi/Demo/json`);

    expect([response.status, response.url, response.body]).toEqual([
      200,
      'https://mirror.example.com/demo.json',
      PAGE,
    ]);
    expect(http.stats()).toMatchObject({ requests: 3, retries: 0 });
  });

  it('resolve a relative Location against the current URL', async () => {
    nock(PKGS).get('/simple/Demo/').reply(302, '', { location: '../demo/' });
    nock(PKGS).get('/simple/demo/').reply(200, 'page');

    expect((await client().get(`${PKGS}/simple/Demo/`)).url).toBe(`${PKGS}/simple/demo/`);
  });

  it('keep the credentials on the index host, and drop them for another', async () => {
    nock(PKGS)
      .get('/pypi/Demo/json')
      .matchHeader('authorization', BASIC)
      .reply(301, '', { location: '/pypi/demo/json' });
    nock(PKGS)
      .get('/pypi/demo/json')
      .matchHeader('authorization', BASIC)
      .reply(302, '', { location: `${FILES}/demo/json` });
    nock(FILES, { badheaders: ['authorization'] })
      .get('/demo/json')
      .reply(200, PAGE);
    const http = client({ authorization: BASIC, authOrigin: PKGS });

    expect((await http.get(`${PKGS}/pypi/Demo/json`)).body).toBe(PAGE);
  });

  it('stop after five hops, with an error that is not retried', async () => {
    for (let hop = 0; hop < 6; hop++) {
      nock(PKGS)
        .get(`/hop/${hop}`)
        .reply(302, '', { location: `/hop/${hop + 1}` });
    }
    const http = client({ retries: 3 });
    const error = await failure(http.get(`${PKGS}/hop/0`));

    expect([error.message, error.status]).toEqual([
      'GET https://pkgs.example.com/hop/0: more than 5 redirects',
      undefined,
    ]);
    expect(http.stats()).toMatchObject({ requests: 6, retries: 0 });
  });

  it('are not followed without a Location: the 3xx is the answer', async () => {
    nock(PKGS).get('/pypi/demo/json').reply(302, 'moved somewhere');

    expect(await client().get(`${PKGS}/pypi/demo/json`)).toMatchObject({
      status: 302,
      body: 'moved somewhere',
    });
  });
});
