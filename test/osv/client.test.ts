import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOsvClient } from '../../src/osv/client.js';
import { type FakeOsv, type OsvRecordFixture, startFakeOsv } from '../fakes/osv/server.js';

function record(id: string, versions: string[], modified = '2026-01-01T00:00:00Z'): OsvRecordFixture {
  return {
    id,
    modified,
    aliases: [`CVE-${id}`],
    affected: [
      {
        package: { name: 'Foo_Bar', ecosystem: 'PyPI' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }],
        versions,
      },
    ],
  };
}

let osv: FakeOsv;
const dirs: string[] = [];
afterEach(async () => {
  await osv.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the OSV client', () => {
  it('asks one batch per 1,000 pins, follows page tokens, and fetches each record once per modified', async () => {
    osv = await startFakeOsv({ records: [record('A', ['1.0']), record('B', ['1.0', '1.1'])], pageSize: 1 });
    const cacheDir = mkdtempSync(join(tmpdir(), 'osv-'));
    dirs.push(cacheDir);
    const pins = Array.from({ length: 1001 }, (_, i) => ({
      normalizedName: i === 0 ? 'foo-bar' : `p${i}`,
      version: '1.0',
    }));
    const client = createOsvClient({ baseUrl: osv.url, cacheDir, backoffMs: 1 });
    const found = await client.query(pins);
    expect([...found.keys()]).toEqual(['foo-bar@1.0']);
    expect(found.get('foo-bar@1.0')!.map((a) => [a.id, a.aliases, a.fixed])).toEqual([
      ['A', ['CVE-A'], ['2.0']],
      ['B', ['CVE-B'], ['2.0']],
    ]);
    // 1,000 + 1 pins: two batches, then the paged query again with its token; one GET per record.
    expect(osv.requests[0]).toMatchObject({ method: 'POST', path: '/v1/querybatch', queries: 1000 });
    expect(
      osv.requests
        .filter((r) => r.path.startsWith('/v1/vulns/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/v1/vulns/A', '/v1/vulns/B']);
    expect(osv.requests.filter((r) => r.path === '/v1/querybatch').map((r) => r.queries)).toEqual([
      1000, 1, 1,
    ]);

    // A new client on the same cache: records whose modified is unchanged are not fetched again.
    osv.requests.length = 0;
    osv.setRecords([record('A', ['1.0']), record('B', ['1.0'], '2026-02-01T00:00:00Z')]);
    await createOsvClient({ baseUrl: osv.url, cacheDir, backoffMs: 1 }).query([pins[0]!]);
    expect(osv.requests.filter((r) => r.path.startsWith('/v1/vulns/')).map((r) => r.path)).toEqual([
      '/v1/vulns/B',
    ]);
  });

  it("retries a 5xx, and fails at once with OSV's message on a 4xx", async () => {
    osv = await startFakeOsv({ records: [record('A', ['1.0'])] });
    osv.fail('/v1/querybatch', { status: 503, times: 1 });
    const client = createOsvClient({ baseUrl: osv.url, backoffMs: 1 });
    expect((await client.query([{ normalizedName: 'foo-bar', version: '1.0' }])).size).toBe(1);
    osv.fail('/v1/querybatch', { status: 400, times: 5 });
    await expect(client.query([{ normalizedName: 'foo-bar', version: '1.0' }])).rejects.toThrow(
      /POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch: HTTP 400: Invalid argument\./,
    );
    expect(osv.requests.filter((r) => r.status === 400)).toHaveLength(1);
  });

  it('says "timed out" when OSV does not answer in time, and names the code of a connection that failed', async () => {
    osv = await startFakeOsv({ records: [] });
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const slow = createOsvClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 50, retries: 0 });
      await expect(slow.query([{ normalizedName: 'foo-bar', version: '1.0' }])).rejects.toThrow(
        /querybatch: timed out$/,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
    const refused = createOsvClient({ baseUrl: 'http://127.0.0.1:9', retries: 0 });
    await expect(refused.query([{ normalizedName: 'foo-bar', version: '1.0' }])).rejects.toThrow(
      /querybatch: ECONNREFUSED$/,
    );
  });
});
