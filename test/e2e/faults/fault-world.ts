/**
 * The fault matrix's world: the fake GitLab and index of the e2e harness, with the fault proxy in front of GitLab,
 * and passes run in-process (the same `runPass` the CLI runs, over the real GitLab platform and HTTP), so that
 * dozens of broken passes stay fast. `endState` is what must come out the same whatever broke on the way.
 */
import pino from 'pino';
import { createIndexPool } from '../../../src/pass/index-pool.js';
import { runPass } from '../../../src/pass/run-pass.js';
import type { PassReport } from '../../../src/pass/types.js';
import { createGitLabPlatform } from '../../../src/platform/gitlab/client.js';
import { PROJECT, project, startWorld, type World } from '../harness.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

const OLD = '2024-01-01T00:00:00Z';
export const NOW = '2026-11-21T10:00:00Z';
const CONSTRAINTS = 'idna==3.6\nurllib3==2.2.0\nsix==1.16.0\n';
const SIX_BRANCH = 'pingate/six-1.x';

export interface FaultWorld {
  world: World;
  proxy: FaultProxy;
  /** One pass in-process through the proxy. */
  pass(): Promise<PassReport>;
  /** Clean passes until one writes nothing (at most `max`); fails the test when it never settles. */
  settle(max?: number): Promise<void>;
  close(): Promise<void>;
}

const silent = pino({ level: 'silent' });

export async function startFaultWorld(): Promise<FaultWorld> {
  const world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: { schedule: ['at any time'], prHourlyLimit: 0 },
    projects: [
      project('idna', [
        ['3.6', OLD],
        ['3.7', OLD],
      ]),
      project('urllib3', [['2.2.0', OLD]]),
      project('six', [
        ['1.16.0', OLD],
        ['1.17.0', OLD],
      ]),
    ],
    now: NOW,
  });
  // Pipelines pass, but six's installation tests fail: a merging pass merges one MR and comments on the other.
  world.gitlab.onCommit((event) => ({
    jobs: [{ name: 'test', status: event.ref === SIX_BRANCH ? 'failed' : 'success' }],
  }));
  const proxy = await startFaultProxy(world.gitlab.url);
  const platform = createGitLabPlatform({ url: proxy.url, token: world.bot.token, logger: silent });
  const retry = { attempts: 3, backoffMs: 1, maxWaitMs: 5_000, sleep: async () => {} };
  async function pass(): Promise<PassReport> {
    const indexes = createIndexPool({
      explicitUrl: world.index.url,
      defaultUrl: world.index.url,
      concurrency: 8,
      cacheDir: world.cacheDir,
    });
    try {
      const deps = { platform, indexes, now: () => new Date(NOW), dryRun: false, logger: silent, retry };
      return await runPass(deps, PROJECT, { reason: 'cli' });
    } finally {
      await indexes.close();
    }
  }
  return {
    world,
    proxy,
    pass,
    async settle(max = 8) {
      for (let i = 0; i < max; i += 1) {
        const before = world.gitlab.writeCount();
        await pass();
        if (world.gitlab.writeCount() === before) return;
      }
      throw new Error(`still writing after ${max} clean passes`);
    },
    async close() {
      await proxy.close();
      await world.close();
    },
  };
}

/** What GitLab holds for the project, without what differs between equal histories (ids, shas, times). */
export function endState(world: World) {
  const gitlab = world.gitlab;
  const mrs = gitlab.mergeRequests(PROJECT);
  return {
    main: gitlab.files(PROJECT, 'main'),
    branches: Object.keys(gitlab.branches(PROJECT)).sort(),
    mrs: mrs
      .map((mr) => ({
        source: mr.source_branch,
        state: mr.state,
        title: mr.title,
        // How many heads failed their gate depends on the order things happened in; that the head now there has
        // its one comment does not (doubles are counted by `duplicateNotes`).
        commentedHead: gitlab
          .notes(PROJECT, { mergeRequest: mr.iid })
          .some((n) => n.body.includes(`sha=${mr.sha}`)),
        files: mr.state === 'opened' ? gitlab.files(PROJECT, mr.source_branch) : undefined,
      }))
      .sort((a, b) => `${a.source}${a.state}`.localeCompare(`${b.source}${b.state}`)),
    issues: gitlab.issues(PROJECT).map((issue) => ({
      title: issue.title,
      state: issue.state,
      // Which MR got which iid, and so the merge commits, depend on what failed first; the rest must be equal.
      description: issue.description.replace(/\b[0-9a-f]{7,40}\b/g, 'SHA').replace(/!\d+/g, '!N'),
      notes: gitlab.notes(PROJECT, { issue: issue.iid }).filter((n) => !n.system).length,
    })),
  };
}

/** Merges only ever happen with a passed gate: every merged MR's head had a successful pipeline. */
export function mergedWithoutPassedGate(world: World): string[] {
  const pipelines = world.gitlab.pipelines(PROJECT);
  return world.gitlab
    .mergeRequests(PROJECT)
    .filter((mr) => mr.state === 'merged')
    .filter((mr) => !pipelines.some((p) => p.sha === mr.sha && p.status === 'success'))
    .map((mr) => mr.source_branch);
}

/** Notes written twice with the same text on one MR or issue: a write that was repeated blindly. */
export function duplicateNotes(world: World): string[] {
  const gitlab = world.gitlab;
  const targets = [
    ...gitlab.mergeRequests(PROJECT).map((mr) => ({ mergeRequest: mr.iid })),
    ...gitlab.issues(PROJECT).map((issue) => ({ issue: issue.iid })),
  ];
  return targets.flatMap((target) => {
    const bodies = gitlab
      .notes(PROJECT, target)
      .filter((n) => !n.system)
      .map((n) => n.body);
    return bodies.filter((body, i) => bodies.indexOf(body) !== i).map((body) => body.split('\n')[0]!);
  });
}
