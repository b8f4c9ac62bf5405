import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange } from '../../src/http/exchange.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('one HTTP/1.1 exchange (the GitLab and OSV clients’ transport)', () => {
  it('sends the method, headers and body, and reads a gzipped answer and its headers', async () => {
    const base = await serve((request, response, body) => {
      response.setHeader('content-type', 'application/json');
      response.setHeader('content-encoding', 'gzip');
      response.setHeader('x-next-page', '2');
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      const echo = {
        method: request.method,
        token: request.headers['private-token'],
        body,
        length: request.headers['content-length'],
      };
      response.end(gzipSync(JSON.stringify(echo)));
    });
    const answer = await exchange({
      method: 'POST',
      url: new URL(`${base}/api/v4/projects/1/issues`),
      headers: { 'private-token': 'secret', 'content-type': 'application/json' },
      body: '{"title":"Dependency Dashboard ✓"}',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
      method: 'POST',
      token: 'secret',
      body: '{"title":"Dependency Dashboard ✓"}',
      length: String(Buffer.byteLength('{"title":"Dependency Dashboard ✓"}')),
    });
    expect(answer.headers['x-next-page']).toBe('2');
    expect(answer.headers['set-cookie']).toBe('a=1, b=2');
    expect(answer.reader.get('X-Next-Page')).toBe('2');
  });

  it('follows a GET redirect within the origin, and answers one to another origin or of a POST as it came', async () => {
    const other = await serve((_request, response) => response.end('elsewhere'));
    const base = await serve((request, response) => {
      if (request.url === '/moved') {
        response.writeHead(301, { location: '/here' }).end();
      } else if (request.url === '/away') {
        response.writeHead(302, { location: `${other}/token-would-go-here` }).end();
      } else {
        response.end(`here ${request.method}`);
      }
    });
    const get = (path: string, method = 'GET') =>
      exchange({ method, url: new URL(`${base}${path}`), headers: {} });
    const moved = await get('/moved');
    expect([moved.status, moved.body.toString(), moved.url]).toEqual([200, 'here GET', `${base}/here`]);
    expect((await get('/away')).status).toBe(302);
    expect((await get('/moved', 'POST')).status).toBe(301);
  });

  it('stops at five redirects', async () => {
    const base = await serve((request, response) => {
      const n = Number(request.url?.slice(1));
      response.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const answer = await exchange({ method: 'GET', url: new URL(`${base}/0`), headers: {} });
    expect([answer.status, answer.url]).toEqual([302, `${base}/5`]);
  });

  it('ends with an AbortError when its signal fires, before or during the answer', async () => {
    const base = await serve((request, response) => {
      if (request.url === '/slow-body') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('partial');
      }
      // Otherwise: no answer at all.
    });
    for (const path of ['/silent', '/slow-body']) {
      const error = await exchange({
        method: 'GET',
        url: new URL(`${base}${path}`),
        headers: {},
        signal: AbortSignal.timeout(100),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('AbortError');
    }
  });

  it('reports a connection refused with its code', async () => {
    const error = await exchange({ method: 'GET', url: new URL('http://127.0.0.1:9/'), headers: {} }).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
  });
});
