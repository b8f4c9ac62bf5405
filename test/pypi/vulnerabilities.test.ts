import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPackageIndex, VULNERABILITIES_MAX_AGE_MS } from '../../src/pypi/create-index.js';
import { nock, useNock } from '../helpers/nock.js';

useNock();

const HOST = 'https://pypi.example';
const excerpt = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/pypi/json-api-vulnerabilities-excerpt.json'), 'utf8'),
) as { vulnerabilities: unknown[] };

const page = {
  info: { name: 'Django', version: '3.1.6', requires_dist: [] },
  releases: {
    '3.1.0': [{ filename: 'Django-3.1.0.tar.gz' }],
    '3.1.6': [{ filename: 'Django-3.1.6.tar.gz' }],
  },
  vulnerabilities: [],
};
const release = { info: { requires_dist: ['asgiref>=3'] }, vulnerabilities: excerpt.vulnerabilities };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function client(cacheDir: string, now: { ms: number }) {
  return createPackageIndex({
    indexUrl: `${HOST}/pypi/`,
    cacheDir,
    retries: 0,
    http2: false,
    clock: () => now.ms,
  });
}

describe("PyPI's release vulnerabilities", () => {
  it('are read with the release page, cached, and read again once a day old, though requirements stay cached', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pypi-vulns-'));
    dirs.push(cacheDir);
    const now = { ms: Date.parse('2026-12-02T10:00:00Z') };
    nock(HOST).get('/pypi/django/json').reply(200, page, { etag: '"p1"' });
    nock(HOST).get('/pypi/django/3.1.0/json').reply(200, release);
    const first = client(cacheDir, now);
    expect(await first.getRequiresDist('django', '3.1.0')).toEqual(['asgiref>=3']);
    const list = await first.getVulnerabilities!('django', '3.1.0');
    expect(list.map((v) => [v.id, v.aliases, v.fixed_in])).toEqual([
      ['PYSEC-2021-9', ['CVE-2021-3281'], ['2.2.18', '3.0.12', '3.1.6']],
    ]);
    // The newest release's advisories come with the project page itself.
    expect(await first.getVulnerabilities!('django', '3.1.6')).toEqual([]);
    await first.close();

    // Next pass, same day: the page revalidates (304) and nothing else is asked.
    now.ms += VULNERABILITIES_MAX_AGE_MS - 60_000;
    nock(HOST).get('/pypi/django/json').matchHeader('if-none-match', '"p1"').reply(304);
    const second = client(cacheDir, now);
    await second.getProject('django');
    expect((await second.getVulnerabilities!('django', '3.1.0')).map((v) => v.id)).toEqual(['PYSEC-2021-9']);
    await second.close();

    // A day later: the release page is read again; a withdrawn advisory is passed on as withdrawn.
    now.ms += 120_000;
    nock(HOST).get('/pypi/django/json').reply(304);
    const withdrawn = { ...(excerpt.vulnerabilities[0] as object), withdrawn: '2026-12-01T00:00:00Z' };
    nock(HOST)
      .get('/pypi/django/3.1.0/json')
      .reply(200, { ...release, vulnerabilities: [withdrawn] });
    const third = client(cacheDir, now);
    await third.getProject('django');
    expect((await third.getVulnerabilities!('django', '3.1.0')).map((v) => v.withdrawn)).toEqual([
      '2026-12-01T00:00:00Z',
    ]);
    expect(await third.getRequiresDist('django', '3.1.0')).toEqual(['asgiref>=3']);
    await third.close();
  });
});
