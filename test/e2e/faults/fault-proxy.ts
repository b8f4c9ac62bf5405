/**
 * An HTTP proxy in front of the fake GitLab that breaks the Nth write (any method but GET/HEAD) of a pass in one of
 * the ways a real GitLab and its network do: an answer of 500, 502 or 429 before the write reaches GitLab, a 502
 * after GitLab applied it (the answer lost), or a connection reset before or after. Reads pass through untouched.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = '500' | '502-before' | '502-after' | '429' | 'reset-before' | 'reset-after';

export const FAULTS: readonly Fault[] = [
  '500',
  '502-before',
  '502-after',
  '429',
  'reset-before',
  'reset-after',
];

export interface FaultProxy {
  url: string;
  /** `METHOD /path` of every write seen since the last `arm`, in order. */
  writes: string[];
  /** Break the `nth` write (1-based) from now on, once. */
  arm(nth: number, fault: Fault): void;
  /** Whether the armed fault fired. */
  fired(): boolean;
  close(): Promise<void>;
}

const STATUS_BODY: Record<string, { status: number; body: string; headers?: Record<string, string> }> = {
  '500': { status: 500, body: '{"message":"500 Internal Server Error"}' },
  '502': { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  '429': { status: 429, body: 'Retry later\n', headers: { 'Retry-After': '1' } },
};

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let armed: { nth: number; fault: Fault } | undefined;
  let fired = false;
  const writes: string[] = [];

  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const isWrite = method !== 'GET' && method !== 'HEAD';
    let fault: Fault | undefined;
    if (isWrite) {
      writes.push(`${method} ${(req.url ?? '').split('?')[0]}`);
      if (armed && writes.length === armed.nth) {
        fault = armed.fault;
        fired = true;
      }
    }
    if (fault === 'reset-before') return void req.socket.resetAndDestroy();
    if (fault === '500' || fault === '502-before' || fault === '429') return answer(res, fault.slice(0, 3));
    const forwarded = await forward(upstream, req, body);
    if (fault === 'reset-after') return void req.socket.resetAndDestroy();
    if (fault === '502-after') return answer(res, '502');
    res.writeHead(forwarded.status, forwarded.headers);
    res.end(forwarded.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    arm(nth, fault) {
      armed = { nth, fault };
      fired = false;
      writes.length = 0;
    },
    fired: () => fired,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, status: string): void {
  const { status: code, body, headers } = STATUS_BODY[status]!;
  res.writeHead(code, { 'Content-Type': code === 500 ? 'application/json' : 'text/plain', ...headers });
  res.end(body);
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host };
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      async (answer) => {
        const data = await readAll(answer);
        const copied: Record<string, string | string[]> = {};
        for (const [key, value] of Object.entries(answer.headers)) {
          if (value !== undefined && key !== 'transfer-encoding' && key !== 'connection') copied[key] = value;
        }
        copied['content-length'] = String(data.length);
        resolve({ status: answer.statusCode ?? 502, headers: copied, body: data });
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}
