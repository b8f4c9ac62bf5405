/**
 * The index's HTTP edge: a limit of requests in flight per host, a timeout per attempt, retries with jittered
 * exponential back-off on 429, 5xx, resets and timeouts (honouring `Retry-After`; a 429 slows the whole host,
 * host-throttle.ts), and counters for the benchmark. One attempt (protocol, connection, redirects) is transport.ts.
 *
 * In flight at most, unless `concurrency` says otherwise (README "Speed"): over HTTP/2, 100 streams on the one
 * connection, or fewer when the server's SETTINGS_MAX_CONCURRENT_STREAMS says so (RFC 9113 §6.5.2 asks servers
 * to allow at least 100); over HTTP/1.1, 50 keep-alive connections, uv's default number of concurrent downloads.
 *
 * Transport: `node:http` / `node:https` with a keep-alive Agent per client (as many sockets as the concurrency), not
 * global `fetch`: fetch costs about twice the CPU per request. Measured on Node 20, 1,000 GETs of a 57 KB JSON page
 * with 128 in flight: fetch 1.1 s of CPU and 150-167 MB of RSS; `http.get` with a keep-alive Agent 0.5-0.6 s and
 * 127-134 MB. A pass sends 2,000 requests and more. (undici 7 as a dependency is no way out: loading it beside
 * Node's own copy costs 13 MB of RSS and 0.1 s of start-up.) nock intercepts node:http as it did fetch.
 */

import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { BodyDecodingError, decodeBody } from '../http/body-encoding.js';
import { errorCode, isRetryableStatus, parseRetryAfter, UNREACHABLE_CODES } from '../http/retry-policy.js';
import { createHostThrottle, type HostThrottle } from './host-throttle.js';
import { redactUrl } from './redact.js';
import {
  createTransport,
  type OriginProtocol,
  type ResponseHeaders,
  TooManyRedirectsError,
} from './transport.js';
import type { IndexStats } from './types.js';

/** Streams in flight on one HTTP/2 connection, unless the server allows fewer. */
export const HTTP2_STREAMS = 100;
/** Requests (so connections) in flight to one HTTP/1.1 host. */
export const HTTP1_CONNECTIONS = 50;

export interface HttpClientOptions {
  /** Requests in flight per host; absent: HTTP2_STREAMS or HTTP1_CONNECTIONS, by what the host speaks. */
  concurrency?: number;
  /** Offer HTTP/2 to `https://` hosts (ALPN). Default true. */
  http2?: boolean;
  /** Certificates to trust beside the system's (tests). */
  ca?: string | Buffer;
  timeoutMs: number;
  retries: number;
  /** First back-off delay; each retry doubles it, with jitter (×1 to ×2). */
  backoffMs: number;
  /** Longest `Retry-After` honoured. */
  maxRetryAfterMs: number;
  /** `Basic …`, sent only to `authOrigin`, so credentials never follow a link to another host. */
  authorization?: string;
  authOrigin?: string;
  /** The index URL, redacted, for messages. */
  indexLabel: string;
  logger?: Logger;
}

export interface HttpResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: ResponseHeaders;
  /** Empty for 304. */
  body: string;
  httpVersion: '1.1' | '2';
}

export interface HttpClient {
  get(url: string, headers?: Record<string, string>): Promise<HttpResponse>;
  /**
   * Resolves once the first request has a connection (the others then go out) or has ended without one; never
   * before a request is made.
   */
  reached(): Promise<void>;
  stats(): IndexStats;
  close(): Promise<void>;
}

/** One attempt that may succeed if tried again. */
class TransientFailure extends Error {
  constructor(
    readonly reason: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const counters: IndexStats = { requests: 0, notModified: 0, bytes: 0, retries: 0 };
  const throttles = new Map<string, HostThrottle>();
  const throttleOf = (origin: string) => {
    let throttle = throttles.get(origin);
    if (!throttle) {
      throttle = createHostThrottle(options.concurrency ?? HTTP1_CONNECTIONS);
      throttles.set(origin, throttle);
    }
    return throttle;
  };
  const onProtocol = (origin: string, protocol: OriginProtocol) => {
    if (options.concurrency !== undefined) return;
    throttleOf(origin).setCeiling(
      protocol.version === '2' ? Math.min(HTTP2_STREAMS, protocol.maxStreams) : HTTP1_CONNECTIONS,
    );
  };
  let connected!: () => void;
  const firstConnection = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const transport = createTransport({
    maxSockets: options.concurrency ?? HTTP1_CONNECTIONS,
    timeoutMs: options.timeoutMs,
    onConnect: () => connected(),
    onProtocol,
    ...(options.http2 !== undefined ? { http2: options.http2 } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.authorization ? { authorization: options.authorization } : {}),
    ...(options.authOrigin ? { authOrigin: options.authOrigin } : {}),
  });
  // Every request sent counts, a redirect hop too (as the index counts them).
  const countRequest = () => {
    counters.requests++;
  };
  const decoder = new TextDecoder();
  let reached = false;
  // Once the index has never answered and a request gave up on a connection error, the rest fail at once (for a
  // while: a long-lived client tries again later), so an offline pass ends after one round of retries.
  let down: { error: UpstreamError; until: number } | undefined;

  async function attempt(
    url: string,
    headers: Record<string, string>,
    throttle: HostThrottle,
    backoffMs: number,
  ): Promise<HttpResponse> {
    if (down && Date.now() < down.until) {
      throw new AbortError(down.error);
    }
    try {
      const response = await transport.get(url, headers, countRequest);
      reached = true;
      if (isRetryableStatus(response.status)) {
        const retryAfter = parseRetryAfter(
          response.headers.get('retry-after'),
          Date.now(),
          options.maxRetryAfterMs,
        );
        if (response.status === 429 || retryAfter !== undefined) throttle.slowDown(retryAfter ?? backoffMs);
        throw new TransientFailure(`HTTP ${response.status}`, response.status, retryAfter);
      }
      throttle.answered();
      const buffer = await decodeBody(response);
      counters.bytes += buffer.byteLength;
      if (response.status === 304) counters.notModified++;
      return {
        status: response.status,
        url: response.url,
        headers: response.headers,
        body: decoder.decode(buffer),
        httpVersion: response.httpVersion,
      };
    } catch (error) {
      if (error instanceof TransientFailure) throw error;
      if (error instanceof TooManyRedirectsError) {
        throw new AbortError(new UpstreamError(`GET ${redactUrl(url)}: ${error.message}`, 'index'));
      }
      throw new TransientFailure(describeFailure(error, options.timeoutMs), undefined, undefined, {
        cause: error,
      });
    }
  }

  // Until the index has been reached once, one request goes first and the others wait for its connection (or its
  // end, when it cannot connect): with no network, dozens of parallel name lookups each wait for the resolver
  // (seconds here) where one answers for all. Waiting for the connection, not the answer, costs a pass no more
  // than the name look-up and the handshake.
  let firstContact: Promise<unknown> | undefined;
  let contacted!: () => void;
  const contact = new Promise<void>((resolve) => {
    contacted = resolve;
  });

  async function get(url: string, extraHeaders: Record<string, string> = {}): Promise<HttpResponse> {
    if (!reached) {
      if (!firstContact) {
        const first = send(url, extraHeaders);
        firstContact = Promise.race([first.catch(() => undefined), firstConnection]);
        void firstContact.then(contacted);
        return first;
      }
      await firstContact;
    }
    return send(url, extraHeaders);
  }

  async function send(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    try {
      const throttle = throttleOf(originOf(url));
      const backoff = (attemptNumber: number) => options.backoffMs * 2 ** (attemptNumber - 1);
      return await pRetry((n) => throttle.run(() => attempt(url, headers, throttle, backoff(n))), {
        retries: options.retries,
        minTimeout: options.backoffMs,
        factor: 2,
        randomize: true,
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed, attemptNumber }) => {
          if (retriesLeft <= 0) return;
          // An index that has never answered and refuses connections or has no address gets one retry, not the
          // full back-off: an offline pass should say so within a second, not after several.
          if (!reached && attemptNumber >= 2 && isConnectionFailure(error)) throw error;
          counters.retries++;
          options.logger?.debug(
            { url: redactUrl(url), attempt: attemptNumber, reason: error.message },
            'index request failed',
          );
          await waitForRetryAfter(error, options.backoffMs * 2 ** retriesConsumed);
        },
      });
    } catch (error) {
      const final = finalError(error, url, options);
      if (!reached && isUnreachable(final)) down = { error: final, until: Date.now() + 30_000 };
      throw final;
    }
  }

  return {
    get,
    reached: () => contact,
    stats: () => ({ ...counters }),
    // Idle keep-alive sockets are unref'd and do not hold the process open; closing destroys them all the same.
    close: async () => transport.close(),
  };
}

function isConnectionFailure(error: Error): boolean {
  const code = error instanceof TransientFailure ? errorCode(error.cause) : undefined;
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** p-retry waits at least `backoffMs` before the next attempt; this waits the rest of what the server asked for. */
async function waitForRetryAfter(error: Error, backoffMs: number): Promise<void> {
  const retryAfter = error instanceof TransientFailure ? (error.retryAfterMs ?? 0) : 0;
  if (retryAfter > backoffMs) {
    await new Promise((resolve) => setTimeout(resolve, retryAfter - backoffMs));
  }
}

/** The UpstreamError a request ends with: "cannot reach the index" for connection errors, else the last reason. */
function finalError(error: unknown, url: string, options: HttpClientOptions): UpstreamError {
  if (error instanceof UpstreamError) {
    return error;
  }
  if (!(error instanceof TransientFailure)) {
    return new UpstreamError(`GET ${redactUrl(url)}: ${String(error)}`, 'index', undefined, { cause: error });
  }
  const code = errorCode(error.cause);
  if (code && UNREACHABLE_CODES.has(code)) {
    const message = `cannot reach the package index ${options.indexLabel} (${code})`;
    return new UpstreamError(message, 'index', undefined, { cause: error.cause });
  }
  const attempts = options.retries + 1;
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  return new UpstreamError(`GET ${redactUrl(url)}: ${error.reason} (${tries})`, 'index', error.status, {
    cause: error.cause ?? error,
  });
}

/** A short reason for a failed attempt: a timeout, an undecodable body, the socket error code, or the message. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  if (error instanceof BodyDecodingError) {
    return error.message;
  }
  const code = errorCode(error);
  if (code) {
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True when the error says the index could not be reached at all (refused, unknown host, no network). */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error.status !== undefined) {
    return false;
  }
  const code = errorCode(error.cause);
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

const origins = new Map<string, string>();

/**
 * The origin of a URL, parsed once per scheme and authority: it depends on nothing else, and a pass sends thousands
 * of requests to one or two of them.
 */
function originOf(url: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0];
  if (authority === undefined) return new URL(url).origin;
  let origin = origins.get(authority);
  if (origin === undefined) {
    origin = new URL(authority).origin;
    if (origins.size > 1_000) origins.clear();
    origins.set(authority, origin);
  }
  return origin;
}
