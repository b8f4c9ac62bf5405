import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import { CACHE_FORMAT, StoredBodyPart, StoredDigestsPart } from '../../src/pypi/schema.js';
import type { PackageIndex, Project } from '../../src/pypi/types.js';
import { nock, useNock } from '../helpers/nock.js';
import { fixture, useTempDirs } from './fixtures.js';

useNock();
const tempDir = useTempDirs();

const PYPI = 'https://pypi.org';
const ETAG = '"hVGQAYl/eoNrx2H5FmPuXw"';
const SAMPLE = fixture('json-api-project-sampleproject.json');

function index(cacheDir: string, indexUrl = `${PYPI}/pypi/`) {
  return createPackageIndex({ indexUrl, cacheDir, backoffMs: 1, http2: false });
}

/** A look-up by one process: the cache is written in the background and flushed on close. */
async function fetchAndClose(client: PackageIndex, name: string): Promise<void> {
  await client.getProject(name);
  await client.close();
}

function header(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
}

/** A cache directory holding sampleproject's page (ETag `ETAG`), and its one file. */
async function cachedSample(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: ETAG });
  await fetchAndClose(index(dir), 'sampleproject');
  const files = cacheFiles(dir);
  expect(files).toHaveLength(1);
  return { dir, file: files[0]! };
}

/** A new client's look-up of sampleproject that must end in an unconditional GET for the whole page. */
async function fetchedAfresh(dir: string): Promise<PackageIndex> {
  nock(PYPI, { badheaders: ['if-none-match'] })
    .get('/pypi/sampleproject/json')
    .reply(200, SAMPLE, { etag: ETAG });
  const client = index(dir);
  const project = await client.getProject('sampleproject');
  await client.close();
  expect(project.releases).toHaveLength(7);
  return client;
}

/** The project as a new client reads it from `dir` with its digests, sampleproject's page answering 304. */
async function projectWithDigests(dir: string, name: string): Promise<Project> {
  nock(PYPI).get(`/pypi/${name}/json`).matchHeader('if-none-match', ETAG).reply(304);
  const client = index(dir);
  await client.getProject(name);
  const project = await client.digests(name);
  await client.close();
  return project;
}

/** `project` as read from the cache without its digests: a placeholder for each file. */
function withoutDigests(project: Project): Project {
  return {
    ...project,
    releases: project.releases.map((release) => ({ ...release, files: release.files.map(() => ({})) })),
  };
}

/** Writes a cache file of `parts` under `header`, their lengths and digests made to match. */
function writeEntry(file: string, header: Record<string, unknown>, parts: string[]): void {
  const spans = parts.map((part) => ({ length: part.length, digest: crc32(part).toString(36) }));
  writeFileSync(file, [JSON.stringify({ ...header, parts: spans }), ...parts].join('\n'));
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir).map((name) => join(dir, name));
}

describe('project pages', () => {
  it('are revalidated with If-None-Match, and a 304 reuses the stored answer', async () => {
    const dir = tempDir();
    nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: ETAG });
    const coldIndex = index(dir);
    const cold = await coldIndex.getProject('sampleproject');
    await coldIndex.close();

    nock(PYPI)
      .get('/pypi/sampleproject/json')
      .matchHeader('if-none-match', ETAG)
      .reply(304, '', { etag: ETAG });
    const warmIndex = index(dir);
    const warm = await warmIndex.getProject('sampleproject');

    // The files' digests are not read from the cache until asked for: only a --hash pin needs them.
    expect(warm).toEqual(withoutDigests(cold));
    expect(warm.releases).toHaveLength(7);
    expect(await warmIndex.digests('sampleproject')).toEqual(cold);
    expect(cold.releases.some((release) => release.files.some((file) => file.sha256))).toBe(true);
    expect(warmIndex.stats()).toEqual({ requests: 1, notModified: 1, bytes: 0, retries: 0 });
  });

  it('are replaced when the index has a new version', async () => {
    const dir = tempDir();
    nock(PYPI)
      .get('/pypi/demo/json')
      .reply(200, { info: {}, releases: { '1.0': [] } }, { etag: '"a"' });
    await fetchAndClose(index(dir), 'demo');
    nock(PYPI)
      .get('/pypi/demo/json')
      .matchHeader('if-none-match', '"a"')
      .reply(200, { info: {}, releases: { '1.0': [], '1.1': [] } }, { etag: '"b"' });
    nock(PYPI).get('/pypi/demo/json').matchHeader('if-none-match', '"b"').reply(304);
    const client = index(dir);

    expect((await client.getProject('demo')).releases.map((release) => release.version)).toEqual([
      '1.0',
      '1.1',
    ]);
    expect((await client.getProject('demo')).releases.map((release) => release.version)).toEqual([
      '1.0',
      '1.1',
    ]);
  });

  it('use Last-Modified when there is no ETag', async () => {
    const dir = tempDir();
    const date = 'Wed, 21 Oct 2024 07:28:00 GMT';
    nock(PYPI).get('/pypi/demo/json').reply(200, { info: {}, releases: {} }, { 'last-modified': date });
    await fetchAndClose(index(dir), 'demo');
    nock(PYPI).get('/pypi/demo/json').matchHeader('if-modified-since', date).reply(304);

    await expect(index(dir).getProject('demo')).resolves.toMatchObject({ name: 'demo', releases: [] });
  });

  it.each([
    ['garbage', () => 'not json at all'],
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['of another shape', () => JSON.stringify({ format: 1, key: 'x', data: 42 })],
  ])('are dropped, not fatal, when damaged (%s)', async (_kind, damage) => {
    const { dir, file } = await cachedSample();
    writeFileSync(file, damage(readFileSync(file, 'utf8')));

    await fetchedAfresh(dir);

    expect(header(file)).toMatchObject({ format: CACHE_FORMAT, etag: ETAG });
  });

  it.each([
    ['the body', 1, (part: string) => part.replace('"releases"', '"releasez"')],
    [
      'the digests',
      2,
      (part: string) => part.replace(/[0-9a-f]{64}/, (digest) => [...digest].reverse().join('')),
    ],
  ])(
    'are asked for again, unconditionally, when %s behind a good header is damaged',
    async (_part, line, damage) => {
      const { dir, file } = await cachedSample();
      const lines = readFileSync(file, 'utf8').split('\n');
      const before = lines[line]!;
      // Same length, so only the part's digest can tell.
      lines[line] = damage(before);
      expect(lines[line]).not.toBe(before);
      writeFileSync(file, lines.join('\n'));

      nock(PYPI).get('/pypi/sampleproject/json').matchHeader('if-none-match', ETAG).reply(304);
      const again = await fetchedAfresh(dir);

      expect(again.stats()).toMatchObject({ requests: 2, notModified: 1 });
      // Written anew from the page (the advisories it carries dated anew).
      const undated = (text: string) => text.replace(/"checkedAt":\d+/g, '"checkedAt":0');
      expect(undated(readFileSync(file, 'utf8').split('\n')[line]!)).toBe(undated(before));
    },
  );

  it('are asked for again when a hashed pin wants digests that do not fit the releases', async () => {
    const { dir, file } = await cachedSample();
    const [, body, digests] = readFileSync(file, 'utf8').split('\n');
    // A digests part of the right digest but the wrong shape (one release too few): refused when it is read.
    const short = JSON.stringify((JSON.parse(digests!) as unknown[]).slice(1));
    writeEntry(file, JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!), [body!, short]);

    nock(PYPI).get('/pypi/sampleproject/json').matchHeader('if-none-match', ETAG).reply(304);
    nock(PYPI, { badheaders: ['if-none-match'] })
      .get('/pypi/sampleproject/json')
      .reply(200, SAMPLE, { etag: ETAG });
    const client = index(dir);
    expect((await client.getProject('sampleproject')).releases).toHaveLength(7);
    const project = await client.digests('sampleproject');
    await client.close();

    expect(project.releases.flatMap((release) => release.files).every((file) => file.sha256)).toBe(true);
    expect(client.stats()).toMatchObject({ requests: 2, notModified: 1 });
    expect(readFileSync(file, 'utf8').split('\n')[2]).toBe(digests);
  });

  it('keep their digests when a record read without them is written again', async () => {
    const { dir } = await cachedSample();
    const cold = await projectWithDigests(dir, 'sampleproject');
    nock(PYPI).get('/pypi/sampleproject/json').matchHeader('if-none-match', ETAG).reply(304);
    nock(PYPI)
      .get('/pypi/sampleproject/1.2.0/json')
      .reply(200, { info: { requires_dist: ['peppercorn<1'] } });
    const warm = index(dir);
    await warm.getProject('sampleproject');
    // A requirement learnt: the record changed, and is written with the digests part as it was read.
    await warm.getRequiresDist('sampleproject', '1.2.0');
    await warm.close();

    expect(await projectWithDigests(dir, 'sampleproject')).toEqual(cold);
  });
});

describe('a page found through a redirect', () => {
  const PYYAML = { info: { name: 'PyYAML' }, releases: { '6.0': [] } };

  async function cachedPyyaml(): Promise<{ dir: string; file: string }> {
    const dir = tempDir();
    nock(PYPI).get('/pypi/pyyaml/json').reply(301, '', { location: '/pypi/PyYAML/json' });
    nock(PYPI).get('/pypi/PyYAML/json').reply(200, PYYAML, { etag: '"y1"' });
    await fetchAndClose(index(dir), 'pyyaml');
    return { dir, file: cacheFiles(dir)[0]! };
  }

  it('is revalidated where the redirect led, without the redirect', async () => {
    const { dir, file } = await cachedPyyaml();
    expect(header(file)).toMatchObject({ etag: '"y1"', location: `${PYPI}/pypi/PyYAML/json` });

    nock(PYPI).get('/pypi/PyYAML/json').matchHeader('if-none-match', '"y1"').reply(304);
    const again = index(dir);
    const project = await again.getProject('pyyaml');

    expect(project.releases.map((release) => release.version)).toEqual(['6.0']);
    expect(again.stats()).toMatchObject({ requests: 1, notModified: 1 });
  });

  it('is asked for by its name again when it is gone from there', async () => {
    const { dir, file } = await cachedPyyaml();
    nock(PYPI).get('/pypi/PyYAML/json').reply(404);
    nock(PYPI, { badheaders: ['if-none-match'] })
      .get('/pypi/pyyaml/json')
      .reply(301, '', { location: '/pypi/pyyaml-ng/json' });
    nock(PYPI).get('/pypi/pyyaml-ng/json').reply(200, PYYAML, { etag: '"y2"' });
    await fetchAndClose(index(dir), 'pyyaml');

    expect(header(file)).toMatchObject({ etag: '"y2"', location: `${PYPI}/pypi/pyyaml-ng/json` });
  });

  it('is not remembered when the redirect carries credentials', async () => {
    const dir = tempDir();
    nock(PYPI)
      .get('/pypi/pyyaml/json')
      .reply(301, '', { location: 'https://mirror:s3cret@pypi.org/pypi/PyYAML/json' });
    nock(PYPI).get('/pypi/PyYAML/json').reply(200, PYYAML, { etag: '"y1"' });
    await fetchAndClose(index(dir), 'pyyaml');
    const [file] = cacheFiles(dir);

    expect(readFileSync(file!, 'utf8')).not.toContain('s3cret');
    expect(header(file!)).not.toHaveProperty('location');
  });
});

describe('cache files', () => {
  it("are a header line with the key, validators and each part's length and digest, then the body and the digests", async () => {
    const { file } = await cachedSample();
    const [, body, digests, ...rest] = readFileSync(file, 'utf8').split('\n');

    expect(rest).toEqual([]);
    expect(header(file)).toEqual({
      format: CACHE_FORMAT,
      key: `${PYPI}/pypi/sampleproject/json`,
      etag: ETAG,
      parts: [body!, digests!].map((part) => ({
        length: part.length,
        digest: crc32(part).toString(36),
      })),
    });
    // Read back without a schema (the digest vouches for it), so what is written must be of the stored shape.
    const stored = StoredBodyPart.parse(JSON.parse(body!));
    expect(stored).toMatchObject({ page: { name: 'sampleproject' } });
    const files = StoredDigestsPart.parse(JSON.parse(digests!));
    expect(files.map((list) => list.length)).toEqual(stored.page.releases.map((release) => release.files));
    expect(files.flat().every((digest) => digest && /^[0-9a-f]{64}$/.test(digest))).toBe(true);
  });
});

describe('per-version metadata', () => {
  it('is kept for good with its project: asked once, then read from disk', async () => {
    const dir = tempDir();
    nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: ETAG });
    nock(PYPI)
      .get('/pypi/sampleproject/1.2.0/json')
      .once()
      .reply(200, { info: { requires_dist: ['peppercorn<1'] } });
    const first = index(dir);
    await first.getProject('sampleproject');
    expect(await first.getRequiresDist('sampleproject', '1.2.0')).toEqual(['peppercorn<1']);
    await first.close();
    const again = index(dir);

    expect(await again.getRequiresDist('sampleproject', '1.2.0')).toEqual(['peppercorn<1']);
    // The newest release's requirements came with the project page.
    expect(await again.getRequiresDist('sampleproject', '4.0.0')).toContain('peppercorn');
    expect(again.stats().requests).toBe(0);
  });

  it('survives a change of the project page', async () => {
    const dir = tempDir();
    nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: ETAG });
    nock(PYPI)
      .get('/pypi/sampleproject/1.2.0/json')
      .reply(200, { info: { requires_dist: ['six'] } });
    const first = index(dir);
    await first.getRequiresDist('sampleproject', '1.2.0');
    await first.close();
    nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: '"changed"' });
    const again = index(dir);
    await again.getProject('sampleproject');

    expect(await again.getRequiresDist('sampleproject', '1.2.0')).toEqual(['six']);
    expect(again.stats().requests).toBe(1);
  });
});

describe('persist', () => {
  it("writes a project's record before close; what is learnt after it is written at close", async () => {
    const dir = tempDir();
    nock(PYPI).get('/pypi/sampleproject/json').reply(200, SAMPLE, { etag: ETAG });
    nock(PYPI)
      .get('/pypi/sampleproject/1.2.0/json')
      .reply(200, { info: { requires_dist: ['peppercorn<1'] } });
    const first = index(dir);
    await first.getProject('sampleproject');
    first.persist('sampleproject');
    await until(() => cacheFiles(dir).some((file) => file.endsWith('.json')));
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(readFileSync(cacheFiles(dir)[0]!, 'utf8')).not.toContain('"1.2.0":[');

    expect(await first.getRequiresDist('sampleproject', '1.2.0')).toEqual(['peppercorn<1']);
    await first.close();
    const again = index(dir);
    expect(await again.getRequiresDist('sampleproject', '1.2.0')).toEqual(['peppercorn<1']);
    expect(again.stats().requests).toBe(0);
  });

  it('writes nothing for a project read from the cache and unchanged', async () => {
    const { dir, file } = await cachedSample();
    const before = statSync(file).ino;
    nock(PYPI).get('/pypi/sampleproject/json').matchHeader('if-none-match', ETAG).reply(304);
    const client = index(dir);
    await client.getProject('sampleproject');
    client.persist('sampleproject');
    await client.close();

    // A write replaces the file (temporary file, then rename): a new inode.
    expect(statSync(file).ino).toBe(before);
  });
});

/** Waits (up to 2 s) for `condition`, as a background write finishes on its own time. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited >= 2_000) throw new Error('timed out waiting for the cache');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('credentials and the cache', () => {
  it('keys entries by the URL without credentials, and stores none', async () => {
    const dir = tempDir();
    nock('https://pkgs.example.com')
      .get('/pypi/demo/json')
      .reply(200, { info: {}, releases: {} }, { etag: '"e"' });
    await fetchAndClose(index(dir, 'https://bot:s3cret@pkgs.example.com/pypi/'), 'demo');
    nock('https://pkgs.example.com').get('/pypi/demo/json').matchHeader('if-none-match', '"e"').reply(304);
    await fetchAndClose(index(dir, 'https://other:token2@pkgs.example.com/pypi/'), 'demo');

    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    const text = readFileSync(files[0]!, 'utf8');
    expect(text).toContain('https://pkgs.example.com/pypi/demo/json');
    expect(text).not.toMatch(/s3cret|bot|Basic/);
  });
});

describe('without a cache directory', () => {
  it('revalidates within the client but keeps nothing for the next one', async () => {
    nock(PYPI).get('/pypi/demo/json').reply(200, { info: {}, releases: {} }, { etag: '"e"' });
    nock(PYPI).get('/pypi/demo/json').matchHeader('if-none-match', '"e"').reply(304);
    nock(PYPI, { badheaders: ['if-none-match'] })
      .get('/pypi/demo/json')
      .reply(200, { info: {}, releases: {} }, { etag: '"e"' });
    const client = createPackageIndex({ indexUrl: `${PYPI}/pypi/`, http2: false });
    await client.getProject('demo');
    await client.getProject('demo');
    await client.close();
    const next = createPackageIndex({ indexUrl: `${PYPI}/pypi/`, http2: false });
    await next.getProject('demo');

    expect([client.stats().notModified, next.stats().notModified]).toEqual([1, 0]);
  });
});
