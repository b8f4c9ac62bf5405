/**
 * A CKI-like renovate.json points Renovate's pip_requirements manager at constraints.txt with `fileMatch`; pingate
 * serves what that pattern matches in the repository (the tree of the default branch's head), less `ignorePaths`
 * (here config:recommended's `**\/tests/**`), and lists the tree again only when the head moved (SPEC §10).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConstraints } from '../../src/constraints/parse.js';
import { renderYaml, type YamlOptions } from '../../src/constraints/yaml.js';
import { PROJECT, project, runCli, startWorld, type World, yamlFor } from './harness.js';

const API = 'services/api/constraints.txt';

function apiYaml(constraints: string): string {
  const options: YamlOptions = {
    format: 'gitlab-ci',
    key: '.pip-constraints',
    variable: 'PIP_CONSTRAINTS',
    sourceName: API,
  };
  return renderYaml(parseConstraints(constraints, API), options);
}

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const SATURDAY = '2026-11-21T10:00:00Z';
const RENOVATE = {
  extends: ['config:recommended'],
  pip_requirements: { fileMatch: ['constraints\\.txt$'] },
  schedule: ['every weekend'],
  dependencyDashboard: true,
  pingate: { requiredJobs: ['install'] },
};
const FILES = {
  [API]: 'attrs==23.1.0\n',
  'services/api/pipeline/constraints.yml': apiYaml('attrs==23.1.0\n'),
  'tests/constraints.txt': 'six==1.15.0\n',
  'docs/requirements.txt': 'click==8.0.0\n',
};

let world: World;

beforeAll(async () => {
  world = await startWorld({
    constraints: 'idna==3.6\n',
    renovate: RENOVATE,
    projects: [
      project('idna', [
        ['3.6', OLD],
        ['3.7', NEW],
      ]),
      project('attrs', [
        ['23.1.0', OLD],
        ['23.2.0', NEW],
      ]),
      project('six', [
        ['1.15.0', OLD],
        ['1.16.0', NEW],
      ]),
      project('click', [
        ['8.0.0', OLD],
        ['8.1.0', NEW],
      ]),
    ],
    now: SATURDAY,
  });
  world.gitlab.pushCommit(world.maintainer, PROJECT, 'main', FILES);
  // Bot branches fail their installation test: the gate settles and nothing merges.
  world.gitlab.onCommit((event) => ({
    jobs: [{ name: 'install', status: event.ref === 'main' ? 'success' : 'failed' }],
  }));
});

afterAll(async () => {
  await world.close();
});

async function pass() {
  world.gitlab.resetRequests();
  const result = await world.run(['run', '--now', SATURDAY]);
  expect(result.code, result.stderr).toBe(0);
  const reads = world.gitlab
    .requests()
    .filter((r) => r.method === 'GET' && /^\/api\/v4\/projects\/[^/]+\/./.test(r.path))
    .map((r) => r.path.replace(/^\/api\/v4\/projects\/[^/]+\//, ''));
  return { reads, writes: world.gitlab.writeCount() };
}

describe('pip_requirements.fileMatch decides what pingate serves', () => {
  it('serves constraints.txt and services/api/constraints.txt, each with its yaml file, and not tests/', async () => {
    const first = await pass();
    expect(first.reads.filter((path) => path.startsWith('repository/tree'))).toHaveLength(1);
    const mrs = world.gitlab.mergeRequests(PROJECT);
    expect(mrs.map((mr) => mr.source_branch).sort()).toEqual(['pingate/attrs-23.x', 'pingate/idna-3.x']);
    const idna = world.gitlab.files(PROJECT, 'pingate/idna-3.x');
    expect(idna['constraints.txt']).toBe('idna==3.7\n');
    expect(idna['pipeline/constraints.yml']).toBe(yamlFor('idna==3.7\n'));
    const attrs = world.gitlab.files(PROJECT, 'pingate/attrs-23.x');
    expect(attrs['services/api/constraints.txt']).toBe('attrs==23.2.0\n');
    expect(attrs['services/api/pipeline/constraints.yml']).toBe(apiYaml('attrs==23.2.0\n'));
    expect(attrs['tests/constraints.txt']).toBe('six==1.15.0\n');
    const dashboard = world.gitlab.issues(PROJECT).find((issue) => issue.title === 'Dependency Dashboard');
    expect(dashboard?.description).toContain('services/api/constraints.txt');
    expect(dashboard?.description).not.toContain('six');
  });

  it('lists the tree only when the default branch moved: a warm pass stays within 4 + open bot MRs', async () => {
    await pass(); // reads the failed pipelines, comments once per MR
    const warm = await pass();
    const open = world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.state === 'opened');
    expect(open).toHaveLength(2);
    expect(warm.writes).toBe(0);
    expect(warm.reads, warm.reads.join('\n')).toHaveLength(4 + open.length);
    expect(warm.reads.filter((path) => /^repository\/(tree|files)/.test(path))).toEqual([]);
    world.gitlab.pushCommit(world.maintainer, PROJECT, 'main', { 'README.md': 'hello\n' });
    const moved = await pass();
    expect(moved.reads.filter((path) => path.startsWith('repository/tree'))).toHaveLength(1);
  });
});

describe('pingate validate on a checkout', () => {
  it('walks the working tree with the same patterns and checks every file they serve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingate-patterns-'));
    try {
      const files: Record<string, string> = {
        'renovate.json': JSON.stringify(RENOVATE),
        'constraints.txt': 'idna==3.6\n',
        'node_modules/x/constraints.txt': 'not a pin\n',
        ...FILES,
        'services/api/constraints.txt': 'attrs=23.1.0\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const result = await runCli(['validate', '--dir', dir], { PATH: process.env.PATH ?? '', HOME: dir });
      const shown = result.stdout.replaceAll(`${dir}/`, '');
      expect(shown).toContain('services/api/constraints.txt:1:');
      expect(shown).toContain('1 problem in renovate.json, constraints.txt, services/api/constraints.txt\n');
      expect(result.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
