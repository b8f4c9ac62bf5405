/**
 * HTTP/1.1 exchanges over `node:http` / `node:https`: a bounded pool of keep-alive connections per origin (each
 * carries one request at a time), used for `http://` indexes and for `https://` ones that do not offer HTTP/2.
 */
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { CONNECT_TIMEOUT_MS, ConnectTimeoutError, type Exchange, headerReader } from './transport-types.js';

export interface Http1Options {
  /** Connections per origin at most. */
  maxSockets: number;
  /** Trusted certificates beside the system's (tests); none: the system's. */
  ca?: string | Buffer;
  /** Called whenever a new connection is made. */
  onConnect?: () => void;
}

export function createHttp1(options: Http1Options): { exchange: Exchange; close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
  const agents = {
    http: new http.Agent(agentOptions),
    https: new https.Agent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) }),
  };

  const exchange: Exchange = (target, headers, deadline) =>
    new Promise((resolve, reject) => {
      if (deadline.expired) return reject(deadline.expired);
      // A kept-alive socket outlives its request, and so do the listeners below. They reach the promise (and so
      // the response it settled with) only through `pending` and the body only through `chunks`, both let go
      // once it settles: otherwise each idle socket held the last body it read, 10 MB on a cold pass.
      let pending:
        | { resolve: (response: Awaited<ReturnType<Exchange>>) => void; reject: (error: unknown) => void }
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
            httpVersion: '1.1',
          });
          pending = undefined;
        });
      });
      deadline.cancel = (error) => request.destroy(error);
      request.on('error', fail);
      request.once('socket', (socket) => {
        if (!socket.connecting) return;
        limitConnect(request, socket);
        if (options.onConnect) socket.once('connect', options.onConnect);
      });
      request.end();
    });

  return {
    exchange,
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
