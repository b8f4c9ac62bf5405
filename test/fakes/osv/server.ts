/**
 * A fake of OSV's API (https://google.github.io/osv.dev/api/) on 127.0.0.1, for the tests and the bench:
 * - `POST /v1/querybatch` `{queries: [{package: {name, ecosystem}, version, page_token?}]}`: at most 1,000 queries,
 *   answered in order, each `{vulns: [{id, modified}]}` (`{}` when none), paged with `next_page_token` past `pageSize`;
 * - `GET /v1/vulns/{id}`: the whole record, or 404;
 * - errors as OSV sends them, `{code, message}` (google.rpc.Status): 400 for a bad query, 404, injected 5xx.
 * A query matches a record that lists the version under `affected[].versions` for that PyPI package (OSV enumerates
 * affected versions), so the fake does not share the planner's range logic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OsvRecordFixture {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  affected: {
    package: { name: string; ecosystem: string; purl?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
  references?: { type: string; url: string }[];
  schema_version?: string;
}

export interface OsvRequest {
  method: string;
  path: string;
  status: number;
  /** For a batch: how many queries it carried. */
  queries?: number;
}

export interface FakeOsv {
  url: string;
  requests: OsvRequest[];
  setRecords(records: OsvRecordFixture[]): void;
  /** The next `times` requests whose path starts with `pathPrefix` answer `status` (or drop the connection). */
  fail(pathPrefix: string, spec: { status?: number; times?: number; reset?: boolean }): void;
  close(): Promise<void>;
}

export interface FakeOsvOptions {
  records?: OsvRecordFixture[];
  /** Vulnerabilities per query and page. Default 1,000 (as OSV). */
  pageSize?: number;
  port?: number;
}

const MAX_QUERIES = 1000;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function send(res: ServerResponse, status: number, body: unknown): number {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return status;
}

/** google.rpc.Status codes OSV uses: 3 INVALID_ARGUMENT, 5 NOT_FOUND, 13 INTERNAL, 14 UNAVAILABLE. */
function rpcError(res: ServerResponse, status: number, message: string): number {
  const code = status === 400 ? 3 : status === 404 ? 5 : status === 503 ? 14 : 13;
  return send(res, status, { code, message });
}

export async function startFakeOsv(options: FakeOsvOptions = {}): Promise<FakeOsv> {
  let records = options.records ?? [];
  const pageSize = options.pageSize ?? 1000;
  const requests: OsvRequest[] = [];
  const failures: { prefix: string; status?: number; times: number; reset?: boolean }[] = [];

  function matches(name: string, version: string): OsvRecordFixture[] {
    return records.filter((record) =>
      record.affected.some(
        (a) =>
          a.package.ecosystem === 'PyPI' &&
          normalize(a.package.name) === normalize(name) &&
          (a.versions ?? []).includes(version),
      ),
    );
  }

  function batch(body: unknown, res: ServerResponse, record: OsvRequest): number {
    const queries = (body as { queries?: unknown })?.queries;
    if (!Array.isArray(queries)) return rpcError(res, 400, 'Invalid query.');
    record.queries = queries.length;
    if (queries.length > MAX_QUERIES) return rpcError(res, 400, 'Too many queries.');
    const results = [];
    for (const query of queries as {
      package?: { name?: string; ecosystem?: string };
      version?: string;
      page_token?: string;
    }[]) {
      const name = query.package?.name;
      if (!name || query.package?.ecosystem !== 'PyPI' || typeof query.version !== 'string') {
        return rpcError(res, 400, 'Invalid query.');
      }
      const start = query.page_token ? Number(Buffer.from(query.page_token, 'base64').toString()) : 0;
      if (!Number.isInteger(start) || start < 0) return rpcError(res, 400, 'Invalid page token.');
      const found = matches(name, query.version);
      const page = found.slice(start, start + pageSize).map((r) => ({ id: r.id, modified: r.modified }));
      const next =
        start + pageSize < found.length
          ? Buffer.from(String(start + pageSize)).toString('base64')
          : undefined;
      results.push(page.length > 0 ? { vulns: page, ...(next ? { next_page_token: next } : {}) } : {});
    }
    return send(res, 200, { results });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const record: OsvRequest = { method: req.method ?? 'GET', path, status: 0 };
    requests.push(record);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const failure = failures.find((f) => f.times > 0 && path.startsWith(f.prefix));
    if (failure) {
      failure.times -= 1;
      if (failure.reset) {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      record.status = rpcError(
        res,
        failure.status ?? 500,
        (failure.status ?? 500) < 500 ? 'Invalid argument.' : 'Internal error.',
      );
      return;
    }
    if (req.method === 'POST' && path === '/v1/querybatch') {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        record.status = rpcError(res, 400, 'Invalid JSON payload.');
        return;
      }
      record.status = batch(body, res, record);
      return;
    }
    const vuln = /^\/v1\/vulns\/([^/?]+)$/.exec(path);
    if (req.method === 'GET' && vuln) {
      const found = records.find((r) => r.id === decodeURIComponent(vuln[1]!));
      record.status = found ? send(res, 200, found) : rpcError(res, 404, 'Bug not found.');
      return;
    }
    record.status = rpcError(res, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setRecords: (list) => {
      records = list;
    },
    fail: (prefix, spec) => failures.push({ prefix, ...spec, times: spec.times ?? 1 }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
