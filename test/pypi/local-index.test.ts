/** The client against the local fake index: real sockets, keep-alive, many projects at once. */
import { afterEach, describe, expect, it } from 'vitest';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import type { PackageIndex, Project } from '../../src/pypi/types.js';
import { normalizeName } from '../../src/versioning/normalize.js';
import { generateProjects } from '../fakes/index-server/generate.js';
import { type IndexServer, type IndexServerOptions, startIndexServer } from '../fakes/index-server/server.js';
import type { FakeProject } from '../fakes/index-server/types.js';
import { useTempDirs } from './fixtures.js';

const tempDir = useTempDirs();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function server(options: IndexServerOptions): Promise<IndexServer> {
  const started = await startIndexServer(options);
  open.push(started);
  return started;
}

function client(indexUrl: string, options: { cacheDir?: string; concurrency?: number } = {}): PackageIndex {
  const index = createPackageIndex({ indexUrl, backoffMs: 1, ...options });
  open.push(index);
  return index;
}

const DEMO: FakeProject = {
  name: 'Demo.Pkg',
  projectUrls: { Changelog: 'https://example.org/changes' },
  releases: [
    { version: '1.0.0', uploadTime: '2023-01-01T00:00:00Z', requiresDist: ['attrs>=21'] },
    { version: '1.1.0', uploadTime: '2023-03-01T00:00:00Z', yanked: 'Broken wheel' },
    { version: '1.2.0', uploadTime: '2023-04-01T00:00:00Z', files: [] },
    { version: '2.0.0rc1', uploadTime: '2023-05-01T00:00:00Z', requiresPython: '>=3.9' },
    {
      version: '2.0.0',
      uploadTime: '2023-06-01T00:00:00Z',
      requiresPython: '>=3.9',
      requiresDist: ['attrs>=22', 'idna<4,>=2.5 ; python_version >= "3.8"', 'pytest ; extra == "test"'],
    },
  ],
};

function summary(project: Awaited<ReturnType<PackageIndex['getProject']>>) {
  return project.releases.map((release) => ({
    version: release.version,
    yanked: release.yanked,
    files: release.files.length,
    requiresPython: release.requiresPython,
    uploadTime: release.uploadTime && new Date(release.uploadTime).toISOString(),
  }));
}

describe('the same project through each API', () => {
  const expected = [
    {
      version: '1.0.0',
      yanked: false,
      files: 2,
      requiresPython: undefined,
      uploadTime: '2023-01-01T00:00:00.000Z',
    },
    {
      version: '1.1.0',
      yanked: true,
      files: 2,
      requiresPython: undefined,
      uploadTime: '2023-03-01T00:00:00.000Z',
    },
    { version: '1.2.0', yanked: false, files: 0, requiresPython: undefined, uploadTime: undefined },
    {
      version: '2.0.0rc1',
      yanked: false,
      files: 2,
      requiresPython: '>=3.9',
      uploadTime: '2023-05-01T00:00:00.000Z',
    },
    {
      version: '2.0.0',
      yanked: false,
      files: 2,
      requiresPython: '>=3.9',
      uploadTime: '2023-06-01T00:00:00.000Z',
    },
  ];

  it('JSON API (following the redirect to the project’s own spelling)', async () => {
    const index = await server({ projects: [DEMO] });
    const pypi = client(index.url);
    const project = await pypi.getProject('demo-pkg');

    expect(summary(project)).toEqual(expected);
    expect(project.projectUrls).toEqual({ Changelog: 'https://example.org/changes' });
    expect(project.releases[1]?.yankedReason).toBe('Broken wheel');
    // The newest release's requirements come with the project page; older ones take a request.
    expect(await pypi.getRequiresDist('demo-pkg', '2.0.0')).toEqual(DEMO.releases[4]?.requiresDist);
    expect(await pypi.getRequiresDist('demo-pkg', '1.0.0')).toEqual(['attrs>=21']);
    expect(index.requests().map((request) => [request.path, request.status])).toEqual([
      ['/pypi/demo-pkg/json', 301],
      ['/pypi/Demo.Pkg/json', 200],
      ['/pypi/demo-pkg/1.0.0/json', 301],
      ['/pypi/Demo.Pkg/1.0.0/json', 200],
    ]);
  });

  it('Simple API in JSON, with PEP 658 metadata', async () => {
    const index = await server({ projects: [DEMO] });
    const simple = client(index.simpleUrl);
    const project = await simple.getProject('demo-pkg');

    // PEP 700 `versions` keeps the release that has no files.
    expect(summary(project)).toEqual(expected);
    expect(await simple.getRequiresDist('demo-pkg', '2.0.0')).toEqual(DEMO.releases[4]?.requiresDist);
    expect(index.requests().map((request) => request.path)).toEqual([
      '/simple/demo-pkg/',
      '/packages/demo-pkg/demo_pkg-2.0.0-py3-none-any.whl.metadata',
    ]);
  });

  it('Simple API in HTML, from an index that has no JSON', async () => {
    const index = await server({ projects: [DEMO], simpleJson: false });
    const simple = client(index.simpleUrl);
    const project = await simple.getProject('demo-pkg');

    // HTML has no upload times and no list of versions: the empty release is not seen.
    expect(summary(project)).toEqual(
      expected
        .filter((release) => release.files > 0)
        .map((release) => ({ ...release, uploadTime: undefined })),
    );
    expect(await simple.getRequiresDist('demo-pkg', '1.0.0')).toEqual(['attrs>=21']);
  });
});

describe('many projects', () => {
  const projects = generateProjects(100, 7);
  const names = projects.map((project) => normalizeName(project.name));

  it('are looked up in parallel, bounded, then revalidated all at once with 304s', async () => {
    const index = await server({ projects, delayMs: 5 });
    const cacheDir = tempDir();
    const cold = client(index.url, { cacheDir, concurrency: 8 });
    const first = await Promise.all(names.map((name) => cold.getProject(name)));

    expect(first.map((project) => project.releases.length)).toEqual(projects.map((p) => p.releases.length));
    expect(index.stats().maxInFlight).toBeLessThanOrEqual(8);
    expect(index.stats().maxInFlight).toBeGreaterThan(1);
    // Keep-alive: connections are reused, not opened per request.
    expect(index.stats().connections).toBeLessThan(names.length / 3);
    await cold.close();

    index.clearRequests();
    const warm = client(index.url, { cacheDir, concurrency: 8 });
    const second = await Promise.all(names.map((name) => warm.getProject(name)));

    // Read from the cache, the files are there without their digests until they are asked for.
    expect(second).toEqual(first.map(withoutDigests));
    expect(warm.stats()).toMatchObject({ notModified: names.length, bytes: 0 });
    const revalidated = warm.stats();
    // ... and asking for them reads the cache, not the index.
    expect(await Promise.all(names.map((name) => warm.digests(name)))).toEqual(first);
    expect(warm.stats()).toEqual(revalidated);
    const answered = index.requests().filter((request) => request.status !== 301);
    expect(answered.every((request) => request.status === 304 && request.ifNoneMatch)).toBe(true);
  });

  it('see a changed project through its new ETag', async () => {
    const index = await server({ projects: projects.slice(0, 3) });
    const cacheDir = tempDir();
    const [name] = names;
    const first = client(index.simpleUrl, { cacheDir });
    await first.getProject(name!);
    await first.close();
    const changed = { ...projects[0]!, releases: [...projects[0]!.releases, { version: '99.0.0' }] };
    index.update(changed);

    const project = await client(index.simpleUrl, { cacheDir }).getProject(name!);
    expect(project.releases.at(-1)?.version).toBe('99.0.0');
    expect(index.requests().map((request) => request.status)).toEqual([200, 200]);
  });
});

describe('failures on a real socket', () => {
  it('retries after a 429 with Retry-After, a 503 and a dropped connection', async () => {
    const index = await server({ projects: [DEMO] });
    index.failNext('/simple/demo-pkg/', { status: 429, retryAfter: '0' });
    index.failNext('/simple/demo-pkg/', { status: 503 });
    index.failNext('/simple/demo-pkg/', { reset: true });
    const simple = client(index.simpleUrl);

    expect((await simple.getProject('demo-pkg')).releases).toHaveLength(5);
    expect(index.requests().map((request) => request.status)).toEqual([429, 503, 0, 200]);
    expect(simple.stats().retries).toBe(3);
  });

  it('sends credentials to the index host, Basic, and the server sees them', async () => {
    const index = await server({ projects: [DEMO] });
    const withCredentials = index.simpleUrl.replace('http://', 'http://bot:t0ken@');
    const simple = client(withCredentials);
    await simple.getProject('demo-pkg');
    await simple.getRequiresDist('demo-pkg', '2.0.0');

    const expected = `Basic ${Buffer.from('bot:t0ken').toString('base64')}`;
    expect(index.requests().map((request) => request.authorization)).toEqual([expected, expected]);
  });
});

/** `project` as read from the cache without its digests: a placeholder for each file. */
function withoutDigests(project: Project): Project {
  return {
    ...project,
    releases: project.releases.map((release) => ({ ...release, files: release.files.map(() => ({})) })),
  };
}
