/**
 * A local package index for tests and the benchmark, on 127.0.0.1 with a free port. Serves PyPI's JSON API under
 * `/pypi/` and the Simple API under `/simple/` (see routes.ts), with strong ETags and 304s on project pages, a set
 * delay per request, and failures a test can inject. `GET /_fake/stats` reports what it has served.
 *
 * Plain HTTP/1.1 by default; with `tls`, HTTPS offering HTTP/2 and HTTP/1.1 by ALPN as PyPI does, at most
 * `maxStreams` streams at once per connection (100, as CDNs commonly advertise).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createSecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  constants as http2Constants,
  type ServerHttp2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { normalizeName } from '../../../src/versioning/normalize.js';
import { type Reply, route } from './routes.js';
import type { FailureSpec, FakeProject, RequestRecord } from './types.js';

export interface IndexServerOptions {
  projects: FakeProject[];
  /** Added to every answer, in ms. Default 0. */
  delayMs?: number;
  /** Send ETags on project pages and answer `If-None-Match` with 304. Default true. */
  etags?: boolean;
  /** Keep a record of every request (for `requests()`). Default true; the benchmark turns it off. */
  record?: boolean;
  /** Offer PEP 691 JSON on the Simple API. Default true; false acts like an index that only has HTML. */
  simpleJson?: boolean;
  /** Serve HTTPS with this certificate, HTTP/2 and HTTP/1.1 by ALPN. */
  tls?: { key: string; cert: string };
  /** SETTINGS_MAX_CONCURRENT_STREAMS of an HTTP/2 connection. Default 100. */
  maxStreams?: number;
}

export interface IndexServerStats {
  requests: number;
  notModified: number;
  bytes: number;
  /** Most requests being answered at once. */
  maxInFlight: number;
  /** TCP connections accepted: with keep-alive, far fewer than requests. */
  connections: number;
  /** Requests that came over HTTP/2. */
  http2Requests: number;
}

export interface IndexServer {
  /** JSON API base, `http://127.0.0.1:PORT/pypi/` (`https://` with `tls`). */
  url: string;
  /** Simple API base, `http://127.0.0.1:PORT/simple/`. */
  simpleUrl: string;
  requests(): RequestRecord[];
  clearRequests(): void;
  stats(): IndexServerStats;
  setProjects(projects: FakeProject[]): void;
  /** Adds the project, or replaces the one of the same name. Its pages get new ETags. */
  update(project: FakeProject): void;
  /** The next `times` requests whose path matches fail as described. */
  failNext(pathPattern: string | RegExp, failure: FailureSpec): void;
  setDelay(delayMs: number): void;
  close(): Promise<void>;
}

interface PendingFailure {
  pattern: string | RegExp;
  failure: FailureSpec;
  remaining: number;
}

export async function startIndexServer(options: IndexServerOptions): Promise<IndexServer> {
  const projects = new Map<string, FakeProject>();
  const replies = new Map<string, Reply>();
  const records: RequestRecord[] = [];
  const failures: PendingFailure[] = [];
  const counters: IndexServerStats = {
    requests: 0,
    notModified: 0,
    bytes: 0,
    maxInFlight: 0,
    connections: 0,
    http2Requests: 0,
  };
  let inFlight = 0;
  let delayMs = options.delayMs ?? 0;
  let serial = 1000;
  let baseUrl = '';

  function setProjects(list: FakeProject[]): void {
    projects.clear();
    for (const project of list) projects.set(normalizeName(project.name), project);
    serial++;
    replies.clear();
  }

  function send(response: AnyResponse, request: AnyRequest, reply: Reply): void {
    const record = (status: number) => {
      counters.requests++;
      if (options.record !== false) {
        records.push({
          method: request.method ?? 'GET',
          path: request.url ?? '',
          status,
          ...header(request, 'accept', 'accept'),
          ...header(request, 'if-none-match', 'ifNoneMatch'),
          ...header(request, 'authorization', 'authorization'),
        });
      }
    };
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.revalidate && options.etags !== false) {
      reply.etag ??= etagOf(reply);
      headers['etag'] = reply.etag;
      if (matches(request.headers['if-none-match'], headers['etag'])) {
        counters.notModified++;
        record(304);
        response.writeHead(304, { etag: headers['etag'] }).end();
        return;
      }
    }
    reply.encoded ??= Buffer.from(reply.body);
    const body = reply.encoded;
    counters.bytes += body.length;
    record(reply.status);
    response.writeHead(reply.status, { ...headers, 'content-length': String(body.length) }).end(body);
  }

  function etagOf(reply: Reply): string {
    return `"${createHash('sha256').update(reply.body).digest('base64url').slice(0, 22)}"`;
  }

  /** Rendering a big project page costs more than the request: keep each answer until the projects change. */
  function answer(path: string, accept: string | undefined): Reply {
    const key = `${accept ?? ''} ${path}`;
    const cached = replies.get(key);
    if (cached) return cached;
    const offered = options.simpleJson === false ? withoutJson(accept) : accept;
    const reply = route(path, { baseUrl, projects, serial, accept: offered });
    replies.set(key, reply);
    return reply;
  }

  function takeFailure(path: string): FailureSpec | undefined {
    const pending = failures.find((entry) =>
      typeof entry.pattern === 'string' ? path.includes(entry.pattern) : entry.pattern.test(path),
    );
    if (!pending) return undefined;
    pending.remaining--;
    if (pending.remaining <= 0) failures.splice(failures.indexOf(pending), 1);
    return pending.failure;
  }

  async function handle(request: AnyRequest, response: AnyResponse): Promise<void> {
    const path = request.url ?? '/';
    if (path === '/_fake/stats') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counters));
      return;
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const failure = takeFailure(path);
    if (failure?.reset) {
      counters.requests++;
      records.push({ method: request.method ?? 'GET', path, status: 0 });
      // Over HTTP/2 the connection carries other requests: the stream is reset, as a proxy would.
      if ('stream' in request) request.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
      else request.socket.destroy();
      return;
    }
    if (failure) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      send(response, request, {
        status: failure.status ?? 503,
        headers,
        body: 'failure injected by the test',
      });
      return;
    }
    send(response, request, answer(path, request.headers.accept));
  }

  setProjects(options.projects);
  const onRequest = (request: AnyRequest, response: AnyResponse) => {
    if (request.httpVersionMajor === 2) counters.http2Requests++;
    inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, inFlight);
    handle(request, response)
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      })
      .finally(() => {
        inFlight--;
      });
  };
  const listening = listen(options, onRequest, () => {
    counters.connections++;
  });
  const { server } = listening;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: `${baseUrl}/pypi/`,
    simpleUrl: `${baseUrl}/simple/`,
    requests: () => [...records],
    clearRequests: () => {
      records.length = 0;
    },
    stats: () => ({ ...counters }),
    setProjects,
    update: (project) => {
      projects.set(normalizeName(project.name), project);
      serial++;
      replies.clear();
    },
    failNext: (pattern, failure) => {
      failures.push({ pattern, failure, remaining: failure.times ?? 1 });
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        listening.closeAll();
      }),
  };
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** An HTTP/1.1 server, or with `tls` an HTTPS one offering h2 and HTTP/1.1; `closeAll` ends every connection. */
function listen(
  options: IndexServerOptions,
  onRequest: (request: AnyRequest, response: AnyResponse) => void,
  onConnection: () => void,
): { server: ReturnType<typeof createServer> | ReturnType<typeof createSecureServer>; closeAll(): void } {
  if (!options.tls) {
    const server = createServer(onRequest);
    server.keepAliveTimeout = 30_000;
    server.on('connection', onConnection);
    return { server, closeAll: () => server.closeAllConnections() };
  }
  const sessions = new Set<ServerHttp2Session>();
  const sockets = new Set<{ destroy(): void }>();
  const server = createSecureServer(
    {
      ...options.tls,
      allowHTTP1: true,
      settings: { maxConcurrentStreams: options.maxStreams ?? 100 },
    },
    onRequest,
  );
  server.on('secureConnection', (socket) => {
    onConnection();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return {
    server,
    closeAll: () => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** `If-None-Match` against our strong ETag: `*`, or any listed tag (a weak `W/` one compares weakly, RFC 9110). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** An `Accept` header with the JSON offers removed, as an HTML-only index would read it. */
function withoutJson(accept: string | undefined): string | undefined {
  if (accept === undefined) return undefined;
  const kept = accept.split(',').filter((part) => !part.includes('json'));
  return kept.length > 0 ? kept.join(',') : '*/*';
}

function header<K extends string>(request: AnyRequest, name: string, key: K): Partial<Record<K, string>> {
  const value = request.headers[name];
  return typeof value === 'string' ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}
