/**
 * One attempt at a GET: redirects, a deadline for the whole attempt, and the protocol of each origin: HTTP/2 where
 * an `https://` origin offers it (transport-h2.ts), else HTTP/1.1 over a keep-alive pool (transport-h1.ts).
 * Retries, limits and counters are the HTTP client's (http.ts); decompression is src/http/body-encoding.ts.
 */
import { createHttp1 } from './transport-h1.js';
import { createHttp2Pool, type OriginProtocol } from './transport-h2.js';
import { type Deadline, type RawResponse, TimeoutError } from './transport-types.js';

export type { OriginProtocol } from './transport-h2.js';
export type { RawResponse, ResponseHeaders } from './transport-types.js';
export { CONNECT_TIMEOUT_MS, ConnectTimeoutError, TimeoutError } from './transport-types.js';

export interface TransportOptions {
  /** HTTP/1.1 connections per origin at most. */
  maxSockets: number;
  /** For the whole attempt: connection, every redirect, headers and body. */
  timeoutMs: number;
  /** Offer HTTP/2 to `https://` origins (ALPN). Default true; nock, for one, intercepts HTTP/1.1 only. */
  http2?: boolean;
  /** Certificates to trust beside the system's (tests: a self-signed server). */
  ca?: string | Buffer;
  /** Sent only to `authOrigin`, so credentials never follow a redirect to another host. */
  authorization?: string;
  authOrigin?: string;
  /** Called whenever a new connection is ready: the host's name resolved and it accepts connections. */
  onConnect?: () => void;
  /** Told the protocol of an `https://` origin once its first handshake says. */
  onProtocol?: (origin: string, protocol: OriginProtocol) => void;
}

export interface Transport {
  /** GET `url`, following redirects; `onRequest` is called for every request sent, each redirect hop included. */
  get(url: string, headers: Record<string, string>, onRequest: () => void): Promise<RawResponse>;
  /** Destroys the connections, idle ones included. */
  close(): void;
}

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DEFAULT_HEADERS = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'pingate' };

export class TooManyRedirectsError extends Error {}

export function createTransport(options: TransportOptions): Transport {
  const ca = options.ca ? { ca: options.ca } : {};
  const onConnect = options.onConnect ? { onConnect: options.onConnect } : {};
  const http1 = createHttp1({ maxSockets: options.maxSockets, ...ca, ...onConnect });
  const http2 =
    options.http2 === false
      ? undefined
      : createHttp2Pool({
          ...ca,
          ...onConnect,
          ...(options.onProtocol ? { onProtocol: options.onProtocol } : {}),
        });

  function headersFor(target: URL, headers: Record<string, string>): Record<string, string> {
    if (!options.authorization || target.origin !== options.authOrigin) return headers;
    return { ...headers, authorization: options.authorization };
  }

  async function exchange(target: URL, headers: Record<string, string>, deadline: Deadline) {
    const answer =
      target.protocol === 'https:' ? await http2?.exchange(target, headers, deadline) : undefined;
    return answer ?? http1.exchange(target, headers, deadline);
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
      deadline.cancel?.(deadline.expired);
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

  return {
    get,
    close: () => {
      http1.close();
      http2?.close();
    },
  };
}
