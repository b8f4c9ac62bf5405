/**
 * Opening an HTTP/2 connection where a TLS server offers it: the ALPN handshake that tells HTTP/2 from HTTP/1.1, the
 * server's first SETTINGS (how many streams it takes), and windows large enough for big pages.
 */
import http2, { type ClientHttp2Session } from 'node:http2';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { CONNECT_TIMEOUT_MS, ConnectTimeoutError } from './transport-types.js';

/** One HTTP/2 connection and its streams in use. */
export interface Connection {
  session: ClientHttp2Session;
  maxStreams: number;
  active: number;
  /** Requests waiting for a stream: told true when they may start, false when the connection went away. */
  waiting: ((usable: boolean) => void)[];
  closed: boolean;
}

const STREAM_WINDOW = 4 * 1024 * 1024;
const CONNECTION_WINDOW = 32 * 1024 * 1024;

/** What a server that names no limit gets: effectively unlimited, bounded by the client's own in-flight limit. */
export function streamsAllowed(maxConcurrentStreams: number | undefined): number {
  return maxConcurrentStreams === undefined ? 2 ** 31 : Math.max(1, maxConcurrentStreams);
}

/** A TLS connection that offers h2 and HTTP/1.1: a ready HTTP/2 connection, or 'http/1.1' (the socket closed). */
export function connect(target: URL, options: { ca?: string | Buffer }): Promise<Connection | 'http/1.1'> {
  return new Promise((resolve, reject) => {
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const socket = tls.connect({
      host,
      port: Number(target.port || 443),
      ALPNProtocols: ['h2', 'http/1.1'],
      // SNI carries host names only (RFC 6066).
      ...(isIP(host) ? {} : { servername: host }),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(
      () => socket.destroy(new ConnectTimeoutError(`no connection after ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS,
    );
    const fail = (error: unknown) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      if (socket.alpnProtocol !== 'h2') {
        clearTimeout(timer);
        socket.destroy();
        return resolve('http/1.1');
      }
      const session = http2.connect(target.origin, {
        createConnection: () => socket,
        // Each stream may receive a large page before it is read; the default 64 KiB windows would cap a
        // connection at 64 KiB per round trip (0.6 MB/s at 100 ms), all pages together.
        settings: { initialWindowSize: STREAM_WINDOW },
        maxSessionMemory: 64,
      });
      session.once('connect', () => session.setLocalWindowSize(CONNECTION_WINDOW));
      // Idle, it does not hold the process open (as idle keep-alive sockets do not); a request's timer does.
      session.unref();
      session.once('error', fail);
      session.once('close', () =>
        fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })),
      );
      // Requests wait for the server's first SETTINGS: until then Node assumes 100 streams, which it may refuse.
      session.once('remoteSettings', (settings) => {
        clearTimeout(timer);
        socket.removeListener('error', fail);
        session.removeListener('error', fail);
        session.on('error', () => {});
        resolve({
          session,
          maxStreams: streamsAllowed(settings.maxConcurrentStreams),
          active: 0,
          waiting: [],
          closed: false,
        });
      });
    });
  });
}
