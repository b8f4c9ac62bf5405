/**
 * The index client over HTTP/2 (a local HTTPS server with a self-signed certificate, offering h2 and HTTP/1.1 by
 * ALPN as PyPI does) and the in-flight limits it chooses. Without nock, which intercepts HTTP/1.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, HTTP1_CONNECTIONS, HTTP2_STREAMS, type HttpClient } from '../../src/pypi/http.js';
import { selfSignedCert } from '../helpers/tls-cert.js';

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;
type Handler = (request: Request, response: Response) => void;

interface Local {
  url: string;
  connections: () => number;
  versions: string[];
  server: { close(callback: () => void): void };
  closeAll(): void;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(kind: 'h2' | 'https1' | 'http1', handler: Handler, maxStreams?: number): Promise<Local> {
  const { key, cert } = selfSignedCert();
  const versions: string[] = [];
  let connections = 0;
  const onRequest = (request: Request, response: Response) => {
    versions.push(request.httpVersion);
    handler(request, response);
  };
  const server =
    kind === 'h2'
      ? createSecureServer(
          {
            key,
            cert,
            allowHTTP1: true,
            ...(maxStreams ? { settings: { maxConcurrentStreams: maxStreams } } : {}),
          },
          onRequest,
        )
      : kind === 'https1'
        ? createHttpsServer({ key, cert }, onRequest)
        : createServer(onRequest);
  const sockets = new Set<{ destroy(): void }>();
  server.on(kind === 'http1' ? 'connection' : 'secureConnection', (socket: { destroy(): void }) => {
    connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const local: Local = {
    url: `${kind === 'http1' ? 'http' : 'https'}://127.0.0.1:${port}`,
    connections: () => connections,
    versions,
    server: server as Http2SecureServer,
    closeAll: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
  cleanups.push(async () => {
    local.closeAll();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return local;
}

function client(overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const http = createHttpClient({
    timeoutMs: 5_000,
    retries: 2,
    backoffMs: 1,
    maxRetryAfterMs: 2_000,
    indexLabel: 'test index',
    ca: selfSignedCert().cert,
    ...overrides,
  });
  cleanups.unshift(() => http.close());
  return http;
}

/** Answers 304 to a matching If-None-Match, else 200 with the path as body. */
const pages: Handler = (request, response) => {
  if (request.headers['if-none-match'] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
  else response.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' }).end(`page ${request.url}`);
};

/** Holds every answer until `count` requests are open at once, or none came for a while; notes the most open. */
function holding(count: number): { handler: Handler; most: () => number } {
  let open = 0;
  let most = 0;
  const held: (() => void)[] = [];
  let idle: NodeJS.Timeout | undefined;
  const release = () => {
    for (const answer of held.splice(0)) answer();
  };
  return {
    handler: (request, response) => {
      open++;
      most = Math.max(most, open);
      held.push(() => {
        open--;
        pages(request, response);
      });
      clearTimeout(idle);
      if (open >= count) release();
      else idle = setTimeout(release, 300);
    },
    most: () => most,
  };
}

describe('HTTP/2', () => {
  it('is used where the index offers it: one connection for every request, 304s included', async () => {
    const local = await serve('h2', pages);
    const http = client();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        http.get(`${local.url}/pypi/p${i}/json`, i % 2 ? { 'if-none-match': '"v1"' } : {}),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? 304 : 200)),
    );
    expect(answers[0]).toMatchObject({ body: 'page /pypi/p0/json', httpVersion: '2' });
    expect(answers[0]!.headers.get('ETag')).toBe('"v1"');
    expect(new Set(local.versions)).toEqual(new Set(['2.0']));
    expect(local.connections()).toBe(1);
    expect(http.stats()).toMatchObject({ requests: 30, notModified: 15, retries: 0 });
  });

  it('keeps within the streams the server allows at once', async () => {
    const server = holding(3);
    const local = await serve('h2', server.handler, 3);
    const http = client();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(server.most()).toBe(3);
    expect(http.stats().retries).toBe(0);
  });

  it(`opens ${HTTP2_STREAMS} streams at once by default when the server names no lower limit`, async () => {
    const server = holding(HTTP2_STREAMS + 20);
    const local = await serve('h2', server.handler);
    const http = client();
    await Promise.all(Array.from({ length: HTTP2_STREAMS + 20 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(server.most()).toBe(HTTP2_STREAMS);
    expect(local.connections()).toBe(1);
  });

  it('moves to a new connection when the server closes one (GOAWAY), losing no request', async () => {
    let served = 0;
    const local = await serve('h2', (request, response) => {
      // After its fifth answer the server says goodbye, as nginx does after keepalive_requests.
      if (++served === 5 && 'stream' in request) request.stream.session?.close();
      pages(request, response);
    });
    const http = client();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(answers.map((answer) => answer.body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `page /p/${i}`),
    );
    expect(local.connections()).toBeGreaterThanOrEqual(2);
  });

  it('is not used where a TLS server offers HTTP/1.1 only: the keep-alive pool is', async () => {
    const local = await serve('https1', pages);
    const http = client();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(answers.map((answer) => [answer.status, answer.httpVersion])).toEqual(
      Array.from({ length: 5 }, () => [200, '1.1']),
    );
    expect(new Set(local.versions)).toEqual(new Set(['1.1']));
  });

  it('is not asked of a plain http:// index (no h2c by prior knowledge)', async () => {
    const local = await serve('http1', pages);
    const answer = await client().get(`${local.url}/p/1`);

    expect([answer.status, answer.httpVersion, local.versions]).toEqual([200, '1.1', ['1.1']]);
  });

  it('can be turned off: then HTTP/1.1 over TLS', async () => {
    const local = await serve('h2', pages);
    const answer = await client({ http2: false }).get(`${local.url}/p/1`);

    expect([answer.httpVersion, local.versions]).toEqual(['1.1', ['1.1']]);
  });
});

describe('in flight over HTTP/1.1', () => {
  it(`are ${HTTP1_CONNECTIONS} keep-alive connections at most by default`, async () => {
    const server = holding(HTTP1_CONNECTIONS + 10);
    const local = await serve('http1', server.handler);
    const http = client();
    await Promise.all(
      Array.from({ length: HTTP1_CONNECTIONS + 10 }, (_, i) => http.get(`${local.url}/p/${i}`)),
    );

    expect(server.most()).toBe(HTTP1_CONNECTIONS);
    expect(local.connections()).toBe(HTTP1_CONNECTIONS);
  });

  it('follow --concurrency when it is given', async () => {
    const server = holding(8);
    const local = await serve('http1', server.handler);
    const http = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(server.most()).toBe(3);
  });
});

describe('a 429', () => {
  it('holds back every request to the host until Retry-After has passed, not only the one told', async () => {
    const arrivals: { path: string; at: number }[] = [];
    let toldAt = 0;
    const local = await serve('h2', (request, response) => {
      arrivals.push({ path: request.url ?? '', at: performance.now() });
      if (request.url === '/p/0' && toldAt === 0) {
        toldAt = performance.now();
        response.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      // The others are answered slowly, so that some are still to be sent when the 429 comes.
      setTimeout(() => pages(request, response), 20);
    });
    const http = client({ concurrency: 2 });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => http.get(`${local.url}/p/${i}`)));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Requests 0 and 1 went together; every later one (the retry of 0 among them) waited the second asked for.
    const later = arrivals.slice(2);
    expect(later.length).toBe(5);
    expect(Math.min(...later.map(({ at }) => at)) - toldAt).toBeGreaterThanOrEqual(990);
    expect(http.stats().retries).toBe(1);
  });
});
