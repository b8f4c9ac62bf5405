/**
 * SPEC §10: a warm `pingate run` on an unchanged project makes no GitLab writes and at most 4 + (open bot MRs)
 * GitLab reads: files at an unchanged head, the commits of an MR at an unchanged head and the jobs of a settled
 * pipeline are remembered from the last pass (in the cache directory), and read again only when they can differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
let world: World;

beforeAll(async () => {
  world = await startWorld({
    constraints: 'idna==3.6\nattrs==23.1.0\n',
    renovate: { pingate: { requiredJobs: ['install'] } },
    projects: [
      project('idna', [
        ['3.6', '2024-01-01T00:00:00Z'],
        ['3.7', '2026-10-01T00:00:00Z'],
      ]),
      project('attrs', [
        ['23.1.0', '2024-01-01T00:00:00Z'],
        ['23.2.0', '2026-10-01T00:00:00Z'],
      ]),
    ],
    now: SATURDAY,
  });
  // Every bot branch's pipeline fails its installation test: settled, so the gate has its answer.
  world.gitlab.onCommit((event) => ({
    jobs: [{ name: 'install', status: event.ref === 'main' ? 'success' : 'failed' }],
  }));
});

afterAll(async () => {
  await world.close();
});

/** Reads and writes of one pass, instance-wide reads (`/user`, `/version`, the project) apart. */
async function pass() {
  world.gitlab.resetRequests();
  const result = await world.run(['run', '--now', SATURDAY]);
  expect(result.code).toBe(0);
  const requests = world.gitlab.requests();
  const projectReads = requests.filter(
    (r) => r.method === 'GET' && /^\/api\/v4\/projects\/[^/]+\/./.test(r.path),
  );
  return {
    result,
    reads: projectReads.map((r) => r.path.replace(/^\/api\/v4\/projects\/[^/]+\//, '')),
    writes: world.gitlab.writeCount(),
  };
}

describe('the GitLab reads of a warm pass', () => {
  it('stay within 4 + open bot MRs on an unchanged project, with no writes', async () => {
    await pass(); // opens two MRs and the dashboard
    await pass(); // reads the failed pipelines, comments once per MR
    const warm = await pass();
    const open = world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.state === 'opened');
    expect(open).toHaveLength(2);
    expect(warm.writes).toBe(0);
    expect(warm.reads, warm.reads.join('\n')).toHaveLength(4 + open.length);
    expect(warm.reads.filter((path) => path.startsWith('repository/files/'))).toEqual([]);
    expect(warm.reads.filter((path) => /\/commits$|\/jobs/.test(path))).toEqual([]);
  });

  it('reads the files again once the default branch moved', async () => {
    world.gitlab.pushCommit(world.maintainer, PROJECT, 'main', { 'README.md': 'hello\n' });
    const moved = await pass();
    expect(moved.reads.filter((path) => path.startsWith('repository/files/')).length).toBeGreaterThan(0);
    const again = await pass();
    expect(again.reads.filter((path) => path.startsWith('repository/files/'))).toEqual([]);
  });
});
