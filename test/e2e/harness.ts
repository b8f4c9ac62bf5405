/**
 * End-to-end harness: the fake GitLab and the fake index on 127.0.0.1, a served project on the fake GitLab,
 * and the real `pingate` CLI spawned against both.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConstraints } from '../../src/constraints/parse.js';
import { renderYaml } from '../../src/constraints/yaml.js';
import {
  type FakeGitLab,
  type FakeGitLabOptions,
  type FakeUser,
  startFakeGitLab,
} from '../fakes/gitlab/index.js';
import { type IndexServer, startIndexServer } from '../fakes/index-server/server.js';
import type { FakeProject as IndexProject } from '../fakes/index-server/types.js';
import { type FakeOsv, type OsvRecordFixture, startFakeOsv } from '../fakes/osv/server.js';

export const PROJECT = 'cki/pipeline-definition';
const bin = join(import.meta.dirname, '../../bin/pingate.js');

export interface World {
  gitlab: FakeGitLab;
  index: IndexServer;
  osv: FakeOsv;
  bot: FakeUser;
  maintainer: FakeUser;
  reporter: FakeUser;
  cacheDir: string;
  /** The environment `run` gives the CLI: the fakes' URLs, the bot's token, the project, the cache. */
  env: Record<string, string>;
  run(args: string[], env?: Record<string, string>): Promise<CliResult>;
  close(): Promise<void>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface WorldOptions {
  constraints: string;
  renovate: Record<string, unknown>;
  projects: IndexProject[];
  /** The fake GitLab's clock (creation times of MRs); match it to `--now`. */
  now: string;
  /** The GitLab release the fake models (default: gitlab.com today). */
  release?: FakeGitLabOptions['release'];
  /** What the fake OSV knows; none by default. */
  osvRecords?: OsvRecordFixture[];
}

export function yamlFor(constraints: string): string {
  return renderYaml(parseConstraints(constraints, 'constraints.txt'), {
    format: 'gitlab-ci',
    key: '.pip-constraints',
    variable: 'PIP_CONSTRAINTS',
    sourceName: 'constraints.txt',
  });
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const gitlab = await startFakeGitLab({ now: options.now, release: options.release });
  const index = await startIndexServer({ projects: options.projects });
  const osv = await startFakeOsv({ records: options.osvRecords ?? [] });
  const bot = gitlab.addUser({ username: 'pingate-bot', bot: true });
  const maintainer = gitlab.addUser({ username: 'maintainer' });
  const reporter = gitlab.addUser({ username: 'reporter' });
  gitlab.addProject({
    path: PROJECT,
    files: {
      'constraints.txt': options.constraints,
      'pipeline/constraints.yml': yamlFor(options.constraints),
      'renovate.json': `${JSON.stringify(options.renovate, null, 2)}\n`,
    },
    members: [
      { userId: bot.id, accessLevel: 30 },
      { userId: maintainer.id, accessLevel: 40 },
      { userId: reporter.id, accessLevel: 20 },
    ],
  });
  const cacheDir = mkdtempSync(join(tmpdir(), 'pingate-e2e-'));
  const baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    GITLAB_URL: gitlab.url,
    GITLAB_TOKEN: bot.token,
    PINGATE_PROJECTS: PROJECT,
    PIP_INDEX_URL: index.url,
    PINGATE_OSV_URL: osv.url,
    PINGATE_CACHE_DIR: cacheDir,
    LOG_LEVEL: 'warn',
  };
  return {
    gitlab,
    index,
    osv,
    bot,
    maintainer,
    reporter,
    cacheDir,
    env: baseEnv,
    run: (args, env = {}) => runCli(args, { ...baseEnv, ...env }),
    async close() {
      await Promise.all([gitlab.close(), index.close(), osv.close()]);
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A release history: each `[version, ISO date]`, with requirements where given. */
export function project(
  name: string,
  releases: [string, string, string[]?][],
  projectUrls: Record<string, string> = {},
): IndexProject {
  return {
    name,
    releases: releases.map(([version, uploadTime, requiresDist]) => ({
      version,
      uploadTime,
      ...(requiresDist ? { requiresDist } : {}),
    })),
    projectUrls,
  };
}
