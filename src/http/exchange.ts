/**
 * One HTTP/1.1 request over `node:http` / `node:https`, on keep-alive connections shared by the whole process: the
 * transport of the GitLab and OSV clients. The index has its own (src/pypi/transport.ts, with HTTP/2). Not global
 * `fetch`: over a hundred projects fetch (undici, its web streams, `Request` and `Response` objects) was a fifth of a
 * warm pass's CPU, about twice what `node:http` costs per request (src/pypi/http.ts says how that was measured for
 * the index), and loading undici at all cost a plan 20 ms.
 *
 * Bodies are asked for compressed and decompressed here (body-encoding.ts). A GET or HEAD follows up to 5 redirects
 * within the same origin, as fetch would; a redirect to another origin, or of any other method, is answered as it
 * came (the caller reports its status), so a token is never sent anywhere else. `signal` ends the request, whatever
 * stage it is at, with the signal's `AbortError`.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { decodeBody, type HeaderReader } from './body-encoding.js';

export interface Sent {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface Answer {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  /** Names in lower case; a repeated header's values joined with ", ", as fetch joins them. */
  headers: Record<string, string>;
  reader: HeaderReader;
  /** Decompressed. */
  body: Buffer;
}

/** Connections kept open per origin; a pass serves 8 projects at once, each a few requests at a time. */
const MAX_SOCKETS = 32;
const MAX_REDIRECTS = 5;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  https: new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};

export async function exchange(sent: Sent): Promise<Answer> {
  let target = sent.url;
  for (let hop = 0; ; hop += 1) {
    const answer = await once({ ...sent, url: target });
    const location = answer.reader.get('location');
    const follow =
      REDIRECTS.has(answer.status) &&
      location &&
      (sent.method === 'GET' || sent.method === 'HEAD') &&
      hop < MAX_REDIRECTS;
    const next = follow ? new URL(location, target) : undefined;
    if (!next || next.origin !== target.origin) return answer;
    target = next;
  }
}

function once(sent: Sent): Promise<Answer> {
  return new Promise((resolve, fail) => {
    // Once the signal ended it, the request and its response may each report the end their own way: say it once.
    const reject = (error: unknown) => fail(sent.signal?.aborted ? aborted(sent.signal) : error);
    const secure = sent.url.protocol === 'https:';
    const send = secure ? https.request : http.request;
    const headers = {
      'accept-encoding': 'gzip, deflate, br',
      ...sent.headers,
      ...(sent.body !== undefined ? { 'content-length': String(Buffer.byteLength(sent.body)) } : {}),
    };
    const options = {
      method: sent.method,
      headers,
      agent: secure ? agents.https : agents.http,
      ...(sent.signal ? { signal: sent.signal } : {}),
    };
    const request = send(sent.url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const flat = flatten(response.headers);
        const reader: HeaderReader = { get: (name) => flat[name.toLowerCase()] ?? null };
        const payload = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        decodeBody({ headers: reader, payload }).then(
          (body) => resolve({ status, url: sent.url.href, headers: flat, reader, body }),
          reject,
        );
      });
    });
    request.on('error', reject);
    request.end(sent.body);
  });
}

function aborted(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', cause: signal.reason });
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
