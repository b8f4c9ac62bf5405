/** A project on the in-memory platform with a fake index, and a pass over it: the pass's decisions without HTTP. */
import pino from 'pino';
import { parseRepoConfig } from '../../src/config/load.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import { renderYaml } from '../../src/constraints/yaml.js';
import { UpstreamError } from '../../src/errors.js';
import type { IndexPool } from '../../src/pass/index-pool.js';
import { runPass } from '../../src/pass/run-pass.js';
import type { PassReport } from '../../src/pass/types.js';
import type { RetryPolicy } from '../../src/pass/write-retry.js';
import { projectPageLink } from '../../src/pypi/page-link.js';
import type { PackageIndex, Project } from '../../src/pypi/types.js';
import { createMemoryPlatform, type MemoryPlatform } from '../fakes/memory-platform/index.js';

export const NOW = new Date('2026-03-14T12:00:00Z');

export interface PassWorld {
  platform: MemoryPlatform;
  /** Every wait the write-retry policy asked for, in ms (nothing really waits). */
  waits: number[];
  pass(options?: { dryRun?: boolean }): Promise<PassReport>;
}

export function yamlOf(constraints: string): string {
  const { config } = parseRepoConfig('{}', 'renovate.json');
  const served = config.pingate.files[0]!;
  return renderYaml(parseConstraints(constraints, served.constraintsFile), {
    format: served.yamlFormat,
    key: served.yamlKey,
    variable: served.yamlVariable,
    sourceName: served.constraintsFile,
  });
}

export function passWorld(input: {
  constraints: string;
  renovate?: object;
  projects: Project[];
  /** Names whose look-up fails. */
  failing?: string[];
}): PassWorld {
  const platform = createMemoryPlatform({ now: NOW.toISOString() });
  platform.project.push(
    {
      'constraints.txt': input.constraints,
      'pipeline/constraints.yml': yamlOf(input.constraints),
      'renovate.json': JSON.stringify(input.renovate ?? { schedule: ['at any time'] }),
    },
    { message: 'Initial commit' },
  );
  const waits: number[] = [];
  const retry: RetryPolicy = {
    attempts: 3,
    backoffMs: 100,
    maxWaitMs: 10_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  const indexes = fakeIndexPool(input.projects, input.failing ?? []);
  return {
    platform,
    waits,
    pass: (options = {}) =>
      runPass(
        {
          platform,
          indexes,
          now: () => NOW,
          dryRun: options.dryRun ?? false,
          logger: pino({ level: 'silent' }),
          retry,
        },
        'group/app',
        { reason: 'cli' },
      ),
  };
}

function fakeIndexPool(projects: Project[], failing: string[]): IndexPool {
  let requests = 0;
  const byName = new Map(projects.map((p) => [p.name, p]));
  const index: PackageIndex = {
    async getProject(name) {
      requests += 1;
      if (failing.includes(name)) throw new UpstreamError(`GET ${name}: HTTP 503 (4 attempts)`, 'index', 503);
      const found = byName.get(name);
      if (!found) throw new UpstreamError(`GET ${name}: HTTP 404`, 'index', 404);
      return found;
    },
    digests: async (name) => byName.get(name)!,
    getRequiresDist: async () => [],
    knownRequiresDist: () => [],
    projectPage: (name, version) => projectPageLink('https://pypi.org/pypi/', name, version),
    persist: () => {},
    stats: () => ({ requests, notModified: 0, bytes: 0, retries: 0 }),
    close: async () => {},
  };
  return {
    urlFor: () => 'https://index.test/simple/',
    indexFor: () => index,
    stats: () => index.stats(),
    verdicts: () => undefined,
    close: async () => {},
  };
}
