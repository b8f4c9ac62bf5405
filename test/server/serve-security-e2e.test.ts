/**
 * The real `pingate serve`'s scheduled pass on a Wednesday under `schedule: every weekend`, with vulnerable pins
 * (SPEC §13): it opens the security MRs and only those, as `pingate run` does. `--pass-at-start` runs the
 * schedule's tick at once instead of at the next full hour.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, startWorld, type World } from '../e2e/harness.js';
import { CONSTRAINTS, OSV_RECORDS, PROJECTS, RENOVATE, WEDNESDAY } from '../e2e/security-fixtures.js';
import { spawnServe } from './serve-process.js';

let world: World;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: RENOVATE,
    projects: PROJECTS,
    now: WEDNESDAY,
    osvRecords: OSV_RECORDS,
  });
});

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await world.close();
});

function serve(args: string[]): { exited: Promise<number | null>; stderr: () => string } {
  const env = {
    ...world.env,
    PINGATE_NOW: WEDNESDAY,
    PINGATE_WEBHOOK_SECRET: 'e2e-webhook-secret',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  const server = spawnServe(env, args);
  child = server.child;
  return { exited: server.exited, stderr: server.stderr };
}

function dashboard(): string | undefined {
  return world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')?.description;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('pingate serve: the scheduled pass and security updates', () => {
  it('opens the security MRs, and only those, on a Wednesday outside "every weekend"', async () => {
    const server = serve(['--pass-at-start']);
    await until(() => dashboard()?.includes('## Vulnerabilities') ?? false, 30_000);
    child?.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const mrs = world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
    expect(mrs.map((mr) => mr.title).sort()).toEqual([
      'Update dependency disagree to v3.0.2 [SECURITY]',
      'Update dependency jinja to v2.1 [SECURITY]',
      'Update dependency urllib3 to v1.0.2 [SECURITY]',
    ]);
    expect(dashboard()).toContain('<!-- unschedule-branch=pingate/plain-1.x -->');
    expect(server.stderr()).toContain('"reason":"schedule"');
    expect(server.stderr()).toContain('"cron":"0 * * * *"');
    expect(server.stderr()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('runs nothing before the first tick of --cron without --pass-at-start', async () => {
    const server = serve(['--cron', '0 0 1 1 *']);
    await until(() => server.stderr().includes('"msg":"serving"'), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child?.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(world.gitlab.mergeRequests(PROJECT)).toEqual([]);
    expect(world.osv.requests).toEqual([]);
  });
});
