/**
 * HTTP/2 over TLS, where the index offers it: the first connection to an `https://` origin offers `h2` and
 * `http/1.1` by ALPN (as browsers, curl and uv do). An origin that picks `h2` gets one connection for all its
 * requests, as many streams at once as the server's SETTINGS_MAX_CONCURRENT_STREAMS allows (Node would start the
 * others anyway and have them refused); one that picks HTTP/1.1 is remembered and left to the keep-alive pool.
 *
 * Plain `http://` origins are never asked: h2c by prior knowledge sends an HTTP/1.1 server a preface it cannot
 * read, and the Upgrade handshake is deprecated (RFC 9113 §3.1) and unsupported by Node's own server.
 *
 * A connection that the server closes (GOAWAY, for instance nginx's after 1,000 requests) is replaced by the next
 * request; requests waiting for a stream of it move to the new one, and a request the server did not process
 * (refused stream, or sent after the GOAWAY) is sent once more at once, not counted as a failed attempt.
 */
import http2, { type ClientHttp2Stream } from 'node:http2';
import { type Connection, connect, streamsAllowed } from './h2-connect.js';
import { type Deadline, headerReader, type RawResponse } from './transport-types.js';

export interface Http2Options {
  /** Trusted certificates beside the system's (tests); none: the system's. */
  ca?: string | Buffer;
  /** Called when a connection is ready for requests. */
  onConnect?: () => void;
  /** Told what an origin speaks once its first handshake says, and how many streams it takes at once. */
  onProtocol?: (origin: string, protocol: OriginProtocol) => void;
}

export type OriginProtocol = { version: '1.1' } | { version: '2'; maxStreams: number };

/** The stream was not processed by the server: safe to send again on another connection. */
class UnprocessedStreamError extends Error {}

export interface Http2Pool {
  /** The answer over HTTP/2, or undefined when the origin speaks HTTP/1.1 only. */
  exchange(
    target: URL,
    headers: Record<string, string>,
    deadline: Deadline,
  ): Promise<RawResponse | undefined>;
  close(): void;
}

export function createHttp2Pool(options: Http2Options): Http2Pool {
  const origins = new Map<string, Promise<Connection | 'http/1.1'>>();
  // The newest connection of each origin, and every one not yet closed (an old one may finish its streams).
  const current = new Map<string, Connection>();
  const open = new Set<Connection>();

  function connectionFor(target: URL): Promise<Connection | 'http/1.1'> {
    const known = origins.get(target.origin);
    if (known) return known;
    const connecting = connect(target, options).then(
      (connection) => {
        if (connection !== 'http/1.1') watch(target.origin, connection);
        options.onProtocol?.(
          target.origin,
          connection === 'http/1.1'
            ? { version: '1.1' }
            : { version: '2', maxStreams: connection.maxStreams },
        );
        if (connection !== 'http/1.1') options.onConnect?.();
        return connection;
      },
      (error: unknown) => {
        origins.delete(target.origin);
        throw error;
      },
    );
    origins.set(target.origin, connecting);
    return connecting;
  }

  /** Once the connection goes, the next request opens another; whoever waits for one of its streams moves. */
  function watch(origin: string, connection: Connection): void {
    const gone = () => {
      if (connection.closed) return;
      connection.closed = true;
      if (current.get(origin) === connection) {
        current.delete(origin);
        origins.delete(origin);
      }
      for (const wake of connection.waiting.splice(0)) wake(false);
    };
    current.set(origin, connection);
    open.add(connection);
    connection.session.once('close', () => open.delete(connection));
    connection.session.once('goaway', gone);
    connection.session.once('close', gone);
    connection.session.once('error', gone);
    connection.session.on('remoteSettings', (settings) => {
      connection.maxStreams = streamsAllowed(settings.maxConcurrentStreams);
      while (connection.active < connection.maxStreams && connection.waiting.length > 0) {
        connection.active++;
        connection.waiting.shift()!(true);
      }
    });
  }

  async function exchange(
    target: URL,
    headers: Record<string, string>,
    deadline: Deadline,
  ): Promise<RawResponse | undefined> {
    for (let resent = 0; ; ) {
      const connection = await within(connectionFor(target), deadline);
      if (connection === 'http/1.1') return undefined;
      if (!(await stream(connection, deadline))) continue;
      try {
        return await request(connection, target, headers, deadline);
      } catch (error) {
        if (!(error instanceof UnprocessedStreamError)) throw error;
        if (resent++ > 0) throw error.cause ?? error;
      } finally {
        release(connection);
      }
    }
  }

  return {
    exchange,
    close: () => {
      for (const connection of open) connection.session.destroy();
      open.clear();
      current.clear();
      origins.clear();
    },
  };
}

/** `promise`, or the deadline's error if it expires first. */
function within<T>(promise: Promise<T>, deadline: Deadline): Promise<T> {
  return new Promise((resolve, reject) => {
    if (deadline.expired) return reject(deadline.expired);
    deadline.cancel = reject;
    promise.then(resolve, reject);
  });
}

/**
 * A stream of `connection` for one request: true at once or when one is free, false if the connection went. A
 * request whose deadline passes while it waits gives the stream it is later handed straight back.
 */
function stream(connection: Connection, deadline: Deadline): Promise<boolean> | boolean {
  if (connection.closed) return false;
  if (connection.active < connection.maxStreams) {
    connection.active++;
    return true;
  }
  return new Promise((resolve, reject) => {
    let abandoned = false;
    connection.waiting.push((usable) => {
      if (!abandoned) resolve(usable);
      else if (usable) release(connection);
    });
    deadline.cancel = (error) => {
      abandoned = true;
      reject(error);
    };
  });
}

function release(connection: Connection): void {
  connection.active--;
  const next = connection.waiting.shift();
  if (next) {
    connection.active++;
    next(!connection.closed);
  }
}

/** One GET on a stream of `connection`. */
function request(
  connection: Connection,
  target: URL,
  headers: Record<string, string>,
  deadline: Deadline,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (deadline.expired) return reject(deadline.expired);
    let stream: ClientHttp2Stream;
    try {
      stream = connection.session.request(
        { ':path': `${target.pathname}${target.search}`, ...headers },
        { endStream: true },
      );
    } catch (error) {
      // The session closed between the choice of it and this request.
      return reject(new UnprocessedStreamError('connection closed', { cause: error }));
    }
    let settled = false;
    let status: number | undefined;
    let responseHeaders: http2.IncomingHttpHeaders = {};
    let chunks: Buffer[] = [];
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      chunks = [];
      reject(
        deadline.expired ??
          (status === undefined && unprocessed(stream, connection)
            ? new UnprocessedStreamError(error.message, { cause: error })
            : error),
      );
    };
    deadline.cancel = (error) => {
      fail(error);
      stream.close(http2.constants.NGHTTP2_CANCEL);
    };
    stream.once('response', (received) => {
      status = Number(received[':status']);
      responseHeaders = received;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => {
      if (settled || status === undefined) return;
      settled = true;
      const payload = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks = [];
      resolve({
        status,
        url: target.href,
        headers: headerReader(responseHeaders),
        payload,
        httpVersion: '2',
      });
    });
    stream.once('error', fail);
    // Every stream closes, most after their answer: the error (and its stack) is made only when one is missing.
    stream.once('close', () => {
      if (settled) return;
      fail(
        Object.assign(new Error(`stream closed (code ${stream.rstCode})`), {
          code: 'ERR_HTTP2_STREAM_ERROR',
        }),
      );
    });
  });
}

/** The server says it did not act on the stream: refused, or above the last one a GOAWAY says it processed. */
function unprocessed(stream: ClientHttp2Stream, connection: Connection): boolean {
  return stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM || connection.closed;
}
