/**
 * `pingate run` over many projects: autodiscover with filters, shards that together serve every project once,
 * one index look-up per unique package for the whole pass, and a failing project that stops no other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/fleet/shard.js';
import { AccessLevel, type FakeGitLab, type FakeUser, startFakeGitLab } from '../fakes/gitlab/index.js';
import { type IndexServer, startIndexServer } from '../fakes/index-server/server.js';
import { type FakeOsv, startFakeOsv } from '../fakes/osv/server.js';
import { project, runCli, yamlFor } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
const PACKAGES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
/** Served by autodiscover with `python/**`; `other/*` and the reporter-only project are not. */
const PYTHON = Array.from({ length: 9 }, (_, n) => `python/${n % 2 === 0 ? 'svc' : 'lib'}-${n}`);

let gitlab: FakeGitLab;
let index: IndexServer;
let osv: FakeOsv;
let bot: FakeUser;
let cacheDir: string;
let env: Record<string, string>;
const ids = new Map<string, number>();

function constraintsOf(n: number): string {
  // Three packages each, drawn from six shared ones: every package is pinned in several projects.
  return [0, 1, 2].map((k) => `${PACKAGES[(n + k) % PACKAGES.length]}==1.0\n`).join('');
}

beforeAll(async () => {
  gitlab = await startFakeGitLab({ now: SATURDAY });
  index = await startIndexServer({
    projects: PACKAGES.map((name) =>
      project(name, [
        ['1.0', '2024-01-01T00:00:00Z'],
        ['1.1', '2026-10-01T00:00:00Z'],
      ]),
    ),
  });
  bot = gitlab.addUser({ username: 'pingate-bot', bot: true });
  const paths = [...PYTHON, 'other/app', 'python/read-only'];
  paths.forEach((path, n) => {
    const constraints = constraintsOf(n);
    const added = gitlab.addProject({
      path,
      files: {
        'constraints.txt': constraints,
        'pipeline/constraints.yml': yamlFor(constraints),
        'renovate.json': '{"dependencyDashboard": false, "prHourlyLimit": 0}\n',
      },
      members: [
        {
          userId: bot.id,
          accessLevel: path === 'python/read-only' ? AccessLevel.reporter : AccessLevel.developer,
        },
      ],
    });
    ids.set(path, added.id);
  });
  osv = await startFakeOsv();
  cacheDir = mkdtempSync(join(tmpdir(), 'pingate-fleet-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    GITLAB_URL: gitlab.url,
    GITLAB_TOKEN: bot.token,
    PIP_INDEX_URL: index.url,
    PINGATE_OSV_URL: osv.url,
    PINGATE_CACHE_DIR: cacheDir,
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  await Promise.all([gitlab.close(), index.close(), osv.close()]);
  rmSync(cacheDir, { recursive: true, force: true });
});

function projectsPassed(stdout: string): string[] {
  return [...stdout.matchAll(/^(\S+): (?:done|FAILED) in /gm)].map((m) => m[1]!).sort();
}

describe('pingate run --autodiscover over many projects', () => {
  it('shards 1/3, 2/3 and 3/3 of a dry run serve every discovered project exactly once, by project id', async () => {
    const served: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const result = await runCli(
        ['run', '--autodiscover', '--autodiscover-filter', 'python/**', '--dry-run', '--now', SATURDAY],
        { ...env, PINGATE_SHARD: shard },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`served shard ${shard}`);
      served.push(projectsPassed(result.stdout));
    }
    expect(served.flat().sort()).toEqual([...PYTHON].sort());
    served.forEach((paths, i) => {
      for (const path of paths) expect(shardOf(idOf(path), 3)).toBe(i + 1);
    });
    expect(gitlab.writeCount()).toBe(0);
  });

  it('CI_NODE_INDEX/CI_NODE_TOTAL of a parallel job pick the shard when --shard is not given', async () => {
    const result = await runCli(
      ['run', '--autodiscover', '--autodiscover-filter', 'python/**', '--dry-run'],
      {
        ...env,
        PINGATE_NOW: SATURDAY,
        CI_NODE_INDEX: '2',
        CI_NODE_TOTAL: '3',
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('served shard 2/3');
    expect(projectsPassed(result.stdout)).toEqual(PYTHON.filter((p) => shardOf(idOf(p), 3) === 2).sort());
  });

  it('serves the projects concurrently, asks the index once per unique package, and a failing project stops no other', async () => {
    index.clearRequests();
    gitlab.resetRequests();
    // Every read of one project's MR list fails: its pass fails, the others go on.
    gitlab.failRequest(
      { method: 'GET', path: new RegExp(`/projects/${idOf('python/lib-3')}/merge_requests$`) },
      { status: 500, times: Number.POSITIVE_INFINITY },
    );
    const result = await runCli(
      [
        'run',
        '--autodiscover',
        '--autodiscover-filter',
        'python/**',
        '--project-concurrency',
        '4',
        '--now',
        SATURDAY,
      ],
      env,
    );
    gitlab.clearFailures();
    expect(result.stdout).toMatch(/^python\/lib-3: FAILED/m);
    expect(projectsPassed(result.stdout)).toEqual([...PYTHON].sort());
    for (const path of PYTHON.filter((p) => p !== 'python/lib-3')) {
      expect(gitlab.mergeRequests(path)).toHaveLength(3);
    }
    const pages = index.requests().filter((r) => /^\/pypi\/[^/]+\/json$/.test(r.path));
    expect(pages.map((r) => r.path).sort()).toEqual(PACKAGES.map((name) => `/pypi/${name}/json`).sort());
    // The summary table: a row per project and the totals.
    expect(result.stdout).toMatch(/^project\s+outcome\s+MRs created/m);
    expect(result.stdout).toMatch(/^9 project\(s\)\s+1 FAILED\s+24\b/m);
    expect(result.stdout).not.toContain('other/app');
    expect(result.stdout).not.toContain('python/read-only');
  });
});

function idOf(path: string): number {
  return ids.get(path)!;
}
