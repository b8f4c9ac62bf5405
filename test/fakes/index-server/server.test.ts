/** The fake index answers as PyPI documents it; the client's tests rely on that. */
import { afterEach, describe, expect, it } from 'vitest';
import { constraintsFor, generateProjects, olderPin } from './generate.js';
import { negotiate } from './routes.js';
import { type IndexServer, startIndexServer } from './server.js';
import type { FakeProject } from './types.js';

const DEMO: FakeProject = {
  name: 'Demo_Pkg',
  releases: [
    { version: '1.0', requiresDist: ['attrs'] },
    { version: '1.1', yanked: true, files: [{ filename: 'demo_pkg-1.1.tar.gz', metadata: true }] },
  ],
};

let server: IndexServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(projects: FakeProject[] = [DEMO]): Promise<IndexServer> {
  server = await startIndexServer({ projects });
  return server;
}

function get(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers, redirect: 'manual' });
}

interface JsonProjectPage {
  info: { name: string; version: string; requires_dist: string[] | null };
  releases: Record<string, { filename: string; yanked: boolean; packagetype: string }[]>;
}

interface SimpleJsonPage {
  versions: string[];
  files: { yanked: boolean | string }[];
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('JSON API', () => {
  it('serves project and release pages shaped like PyPI’s', async () => {
    const index = await start();
    const project = await json<JsonProjectPage>(await get(`${index.url}Demo_Pkg/json`));

    expect(Object.keys(project)).toEqual(['info', 'last_serial', 'releases', 'urls', 'vulnerabilities']);
    expect(project.info).toMatchObject({ name: 'Demo_Pkg', version: '1.0', requires_dist: ['attrs'] });
    expect(project.releases['1.1']).toEqual([
      expect.objectContaining({ filename: 'demo_pkg-1.1.tar.gz', yanked: true, packagetype: 'sdist' }),
    ]);
    const release = await json<JsonProjectPage>(await get(`${index.url}Demo_Pkg/1.0/json`));
    expect(release.info.requires_dist).toEqual(['attrs']);
  });

  it('redirects other spellings to the project’s own, and 404s like PyPI', async () => {
    const index = await start();
    const moved = await get(`${index.url}demo-pkg/json`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/pypi/Demo_Pkg/json');
    const missing = await get(`${index.url}nothing/json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
  });

  it('gives project pages a strong ETag and answers If-None-Match with 304', async () => {
    const index = await start();
    const first = await get(`${index.url}Demo_Pkg/json`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get(`${index.url}Demo_Pkg/json`, { 'if-none-match': etag! })).status).toBe(304);
    index.update({ ...DEMO, releases: [...DEMO.releases, { version: '1.2' }] });
    expect((await get(`${index.url}Demo_Pkg/json`, { 'if-none-match': etag! })).status).toBe(200);
  });
});

describe('Simple API', () => {
  it('answers JSON or HTML by Accept, and redirects non-normalised names (PEP 503)', async () => {
    const index = await start();
    const jsonAnswer = await get(`${index.simpleUrl}demo-pkg/`, {
      accept: 'application/vnd.pypi.simple.v1+json',
    });
    expect(jsonAnswer.headers.get('content-type')).toBe('application/vnd.pypi.simple.v1+json');
    const page = await json<SimpleJsonPage>(jsonAnswer);
    expect(page.versions).toEqual(['1.0', '1.1']);
    expect(page.files.map((file) => file.yanked)).toEqual([false, false, true]);

    const html = await get(`${index.simpleUrl}demo-pkg/`, { accept: 'text/html' });
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(await html.text()).toMatch(
      /<a href="[^"]+demo_pkg-1\.1\.tar\.gz#sha256=[0-9a-f]{64}" data-yanked data-dist/,
    );

    const moved = await get(`${index.simpleUrl}Demo_Pkg/`);
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/simple/demo-pkg/']);
  });

  it('serves PEP 658 metadata for files that have it, and 404 for the rest', async () => {
    const index = await start();
    const base = index.simpleUrl.replace('/simple/', '/packages/demo-pkg/');
    const metadata = await (await get(`${base}demo_pkg-1.0-py3-none-any.whl.metadata`)).text();
    expect(metadata).toContain('\nRequires-Dist: attrs\n');
    expect((await get(`${base}demo_pkg-1.0.tar.gz.metadata`)).status).toBe(404);
  });

  it('negotiates by q-value', () => {
    expect(negotiate('application/vnd.pypi.simple.v1+json, text/html;q=0.1')).toBe(
      'application/vnd.pypi.simple.v1+json',
    );
    expect(negotiate('application/vnd.pypi.simple.v1+json;q=0.2, text/html')).toBe('text/html');
    expect(negotiate(undefined)).toBe('text/html');
    expect(negotiate('application/xml')).toBeUndefined();
  });
});

describe('injected failures and stats', () => {
  it('fails the next matching requests, then serves again', async () => {
    const index = await start();
    index.failNext(/demo-pkg/, { status: 429, retryAfter: '7', times: 2 });
    const first = await get(`${index.simpleUrl}demo-pkg/`);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await get(`${index.simpleUrl}demo-pkg/`)).status).toBe(429);
    expect((await get(`${index.simpleUrl}demo-pkg/`)).status).toBe(200);
    index.failNext('demo-pkg', { reset: true });
    await expect(get(`${index.simpleUrl}demo-pkg/`)).rejects.toThrow();
    const stats = await json<object>(await get(index.simpleUrl.replace('/simple/', '/_fake/stats')));
    expect(stats).toMatchObject({ requests: 4, notModified: 0 });
  });
});

describe('generated projects', () => {
  it('are deterministic and realistic', () => {
    const projects = generateProjects(200, 42);
    expect(generateProjects(200, 42)).toEqual(projects);
    expect(generateProjects(200, 43)).not.toEqual(projects);
    const releases = projects.flatMap((project) => project.releases);
    const counts = projects.map((project) => project.releases.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...counts)).toBeLessThan(80);
    expect(releases.some((release) => /rc|a|b/.test(release.version))).toBe(true);
    expect(releases.some((release) => release.yanked === true)).toBe(true);
    expect(releases.some((release) => typeof release.yanked === 'string')).toBe(true);
    expect(releases.some((release) => release.files?.length === 0)).toBe(true);
    expect(new Set(projects.map((project) => project.name)).size).toBe(200);
  });

  it('are pinned behind their newest release by constraintsFor', () => {
    const projects = generateProjects(20, 1);
    const lines = constraintsFor(projects).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# /);
    expect(lines).toHaveLength(21);
    for (const [index, project] of projects.entries()) {
      const pin = olderPin(project)!;
      expect(lines[index + 1]).toBe(`${project.name}==${pin.version}`);
      expect(project.releases.indexOf(pin)).toBeLessThan(project.releases.length - 1);
    }
  });
});
