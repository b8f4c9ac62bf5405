/**
 * One attempt at a GET over `node:http` / `node:https`: keep-alive agents, redirects, a deadline for the whole
 * attempt, and decompression of the body. Retries, limits and counters are the HTTP client's (http.ts).
 */
import http, { type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';

/** The response headers, read by name (any case). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface RawResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: ResponseHeaders;
  /** The body as received: still compressed when `content-encoding` says so (see `decodeBody`). */
  payload: Buffer;
}

export interface TransportOptions {
  /** Sockets per origin: the client's concurrency. */
  maxSockets: number;
  /** For the whole attempt: connection, every redirect, headers and body. */
  timeoutMs: number;
  /** Sent only to `authOrigin`, so credentials never follow a redirect to another host. */
  authorization?: string;
  authOrigin?: string;
  /** Called whenever a new connection is made: the host's name resolved and it accepts connections. */
  onConnect?: () => void;
}

export interface Transport {
  /** GET `url`, following redirects; `onRequest` is called for every request sent, each redirect hop included. */
  get(url: string, headers: Record<string, string>, onRequest: () => void): Promise<RawResponse>;
  /** Destroys the sockets, idle ones included. */
  close(): void;
}

export const MAX_REDIRECTS = 5;
/** As fetch (undici) had it: a host that never answers is told from a slow one before the attempt's timeout. */
export const CONNECT_TIMEOUT_MS = 10_000;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DEFAULT_HEADERS = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'pingate' };

/** The attempt outlived its deadline. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** No connection within CONNECT_TIMEOUT_MS: the code says "unreachable", like the system's own connect timeout. */
export class ConnectTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

export class TooManyRedirectsError extends Error {}

/** A body that its `content-encoding` does not describe: truncated or corrupt on the way. */
export class BodyDecodingError extends Error {}

interface Deadline {
  request?: ClientRequest;
  expired?: TimeoutError;
}

export function createTransport(options: TransportOptions): Transport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  function headersFor(target: URL, headers: Record<string, string>): Record<string, string> {
    if (!options.authorization || target.origin !== options.authOrigin) return headers;
    return { ...headers, authorization: options.authorization };
  }

  async function get(
    url: string,
    extraHeaders: Record<string, string>,
    onRequest: () => void,
  ): Promise<RawResponse> {
    const headers = { ...DEFAULT_HEADERS, ...extraHeaders };
    const deadline: Deadline = {};
    const timer = setTimeout(() => {
      deadline.expired = new TimeoutError(`timed out after ${options.timeoutMs} ms`);
      deadline.request?.destroy(deadline.expired);
    }, options.timeoutMs);
    try {
      let target = new URL(url);
      for (let redirects = 0; ; redirects++) {
        onRequest();
        const response = await exchange(target, headersFor(target, headers), deadline);
        const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
        if (location === null) return response;
        if (redirects === MAX_REDIRECTS)
          throw new TooManyRedirectsError(`more than ${MAX_REDIRECTS} redirects`);
        // The client sends nothing but GET, so every redirect status is followed alike, with a GET.
        target = new URL(location, target);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function exchange(target: URL, headers: Record<string, string>, deadline: Deadline): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      if (deadline.expired) return reject(deadline.expired);
      // A kept-alive socket outlives its request, and so do the listeners below. They reach the promise (and so
      // the response it settled with) only through `pending` and the body only through `chunks`, both let go
      // once it settles: otherwise each idle socket held the last body it read, 10 MB on a cold pass.
      let pending:
        | { resolve: (response: RawResponse) => void; reject: (error: unknown) => void }
        | undefined = { resolve, reject };
      // After the deadline, whatever error destroying the request causes is reported as the timeout.
      const fail = (error: unknown) => {
        pending?.reject(deadline.expired ?? error);
        pending = undefined;
      };
      const secure = target.protocol === 'https:';
      const send = secure ? https.request : http.request;
      const request = send(target, { headers, agent: secure ? agents.https : agents.http }, (response) => {
        let chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const payload = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          chunks = [];
          pending?.resolve({
            status: response.statusCode ?? 0,
            url: target.href,
            headers: headerReader(response.headers),
            payload,
          });
          pending = undefined;
        });
      });
      deadline.request = request;
      request.on('error', fail);
      request.once('socket', (socket) => {
        if (!socket.connecting) return;
        limitConnect(request, socket);
        if (options.onConnect) socket.once('connect', options.onConnect);
      });
      request.end();
    });
  }

  return {
    get,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** A new socket that does not connect in time ends the request; a kept-alive one is connected already. */
function limitConnect(request: ClientRequest, socket: Socket): void {
  const timer = setTimeout(
    () => request.destroy(new ConnectTimeoutError(`no connection after ${CONNECT_TIMEOUT_MS} ms`)),
    CONNECT_TIMEOUT_MS,
  );
  const clear = () => clearTimeout(timer);
  socket.once('connect', clear);
  socket.once('close', clear);
}

/** Node has already lower-cased the names and joined repeated headers (but `set-cookie`, kept as a list). */
function headerReader(headers: IncomingHttpHeaders): ResponseHeaders {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

type Decompress = (input: Buffer, callback: (error: Error | null, output: Buffer) => void) => void;

const DECOMPRESSORS: Record<string, Decompress> = {
  gzip: zlib.gunzip,
  'x-gzip': zlib.gunzip,
  br: zlib.brotliDecompress,
  // `deflate` is meant to be zlib-wrapped, but some servers send raw deflate: a zlib header says which.
  deflate: (input, callback) =>
    ((input[0]! & 0x0f) === 0x08 ? zlib.inflate : zlib.inflateRaw)(input, callback),
};

/** The body, decompressed as its `content-encoding` says (codings applied in order are undone in reverse). */
export async function decodeBody(response: RawResponse): Promise<Buffer> {
  const encoding = response.headers.get('content-encoding');
  let body = response.payload;
  if (!encoding || body.length === 0) return body;
  for (const coding of encoding.toLowerCase().split(',').reverse()) {
    body = await decompress(coding.trim(), body);
  }
  return body;
}

function decompress(coding: string, input: Buffer): Promise<Buffer> {
  if (coding === 'identity' || coding === '') return Promise.resolve(input);
  const run = DECOMPRESSORS[coding];
  if (!run) return Promise.reject(new BodyDecodingError(`unsupported content-encoding ${coding}`));
  return new Promise((resolve, reject) =>
    run(input, (error, output) =>
      error
        ? reject(new BodyDecodingError(`cannot decompress the ${coding} body (${error.message})`))
        : resolve(output),
    ),
  );
}
