/**
 * `pingate plan` against indexes that answer with something other than a project page (a captive portal, JSON with
 * the wrong content type), and the links its MRs carry when another index than PyPI is set: the real CLI, with a
 * small HTTP server of the test's own or the fake index.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndexServer, startIndexServer } from '../fakes/index-server/server.js';
import { type FakeOsv, startFakeOsv } from '../fakes/osv/server.js';
import { project, runCli } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
const dirs: string[] = [];
let portal: Server;
let portalUrl = '';
let index: IndexServer;

/** Answers every path with `body` as `type`: what a captive portal or a misconfigured proxy does. */
const answers: Record<string, { type: string; body: string }> = {
  '/portal/': {
    type: 'text/html; charset=utf-8',
    body: '<html><a href="/login">Log in to the Wi-Fi</a></html>',
  },
  '/json-as-html/': {
    type: 'text/html',
    body: JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'six', files: [] }),
  },
  '/json-as-text/': {
    type: 'text/plain',
    body: JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'six', files: [] }),
  },
};

let osv: FakeOsv;

beforeAll(async () => {
  osv = await startFakeOsv();
  portal = createServer((request, response) => {
    const prefix = Object.keys(answers).find((key) => request.url?.startsWith(key));
    const answer = prefix ? answers[prefix]! : { type: 'text/plain', body: 'no' };
    response.writeHead(200, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  index = await startIndexServer({
    projects: [
      project('six', [
        ['1.16.0', '2021-05-05T00:00:00Z'],
        ['1.17.0', '2024-12-04T00:00:00Z'],
      ]),
    ],
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => portal.close(() => resolve()));
  await index.close();
  await osv.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function planIn(indexUrl: string, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-index-pages-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'constraints.txt'), 'six==1.16.0\n');
  writeFileSync(join(dir, 'renovate.json'), '{ "schedule": ["at any time"] }\n');
  const back = process.cwd();
  process.chdir(dir);
  try {
    return runCli(['plan', '--now', SATURDAY, ...extra], {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      PIP_INDEX_URL: indexUrl,
      PINGATE_OSV_URL: osv.url,
      PINGATE_CACHE_DIR: join(dir, 'cache'),
    });
  } finally {
    process.chdir(back);
  }
}

describe('a Simple API answer that is not a project page', () => {
  it.each([
    ['/portal/', 'the HTML page lists no file of six'],
    ['/json-as-html/', 'the body is JSON but was served as HTML'],
    ['/json-as-text/', 'it answered with content type text/plain and a JSON body'],
  ])('is an error for the package, never "up to date" (%s)', async (path, why) => {
    const result = await planIn(`${portalUrl}${path}simple/`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `errored: ${portalUrl}${path}simple/ did not answer with a Simple API project page for six: ${why}`,
    );
    expect(result.stdout).toContain('0 up to date, 1 errored');
  });
});

describe('links to the configured index', () => {
  it('point MRs at the index the release was looked up on, not pypi.org', async () => {
    const simple = JSON.parse((await planIn(index.simpleUrl, ['--json'])).stdout);
    expect(simple.branches[0].updates[0].page).toEqual({
      label: new URL(index.simpleUrl).host,
      url: `${index.simpleUrl}six/`,
    });
    const json = JSON.parse((await planIn(index.url, ['--json'])).stdout);
    expect(json.branches[0].updates[0].page.url).toBe(`${new URL(index.url).origin}/project/six/1.17.0/`);
  });
});
