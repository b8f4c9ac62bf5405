/**
 * The real `pingate serve` against the fake GitLab and the fake index: a maintainer ticks a dashboard box, GitLab
 * (played by the test) delivers the Issue Hook, and the MR must exist within 2 s (SPEC §10). Then SIGTERM.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World } from '../e2e/harness.js';
import { hook } from './helpers.js';
import { spawnServe } from './serve-process.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const WEDNESDAY = '2026-11-18T10:00:00Z';
const SATURDAY = '2026-11-21T10:00:00Z';
const SECRET = 'e2e-webhook-secret';

let world: World;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  world = await startWorld({
    constraints: 'idna==3.6\nrequests==2.31.0\n',
    renovate: { schedule: ['every weekend'], pingate: { pythonVersions: ['3.12'] } },
    projects: [
      project('idna', [
        ['3.6', OLD],
        ['3.7', NEW],
      ]),
      project('requests', [['2.31.0', OLD]]),
    ],
    now: WEDNESDAY,
  });
});

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await world.close();
});

function startServe(
  now: string,
): Promise<{ url: string; exited: Promise<number | null>; stderr: () => string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITLAB_URL: world.gitlab.url,
    GITLAB_TOKEN: world.bot.token,
    PINGATE_PROJECTS: PROJECT,
    PIP_INDEX_URL: world.index.url,
    PINGATE_OSV_URL: world.osv.url,
    PINGATE_CACHE_DIR: world.cacheDir,
    PINGATE_NOW: now,
    PINGATE_WEBHOOK_SECRET: SECRET,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const serve = spawnServe(env);
  child = serve.child;
  return serve.listening.then((url) => ({ url, exited: serve.exited, stderr: serve.stderr }));
}

function dashboard() {
  const issue = world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard');
  if (!issue) throw new Error('no dashboard');
  return issue;
}

function botMrs() {
  return world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
}

async function deliver(url: string, event: string, payload: unknown): Promise<number> {
  const answer = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'X-Gitlab-Token': SECRET, 'X-Gitlab-Event': event, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return answer.status;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('pingate serve on the fake GitLab', () => {
  it('turns a ticked dashboard box into an MR within 2 s, and exits 0 on SIGTERM', async () => {
    const first = await world.run(['run', '--now', WEDNESDAY]);
    expect(first.code).toBe(0);
    const before = dashboard().description;
    expect(before).toContain('- [ ] <!-- unschedule-branch=pingate/idna-3.x -->');

    const serve = await startServe(WEDNESDAY);
    const after = before.replace('- [ ] <!-- unschedule-branch=', '- [x] <!-- unschedule-branch=');
    world.gitlab.editIssue(world.maintainer, PROJECT, dashboard().iid, after);
    const payload = hook('issue-dashboard-ticked');
    payload.user = { id: world.maintainer.id, username: world.maintainer.username, name: 'Maintainer' };
    payload.project.path_with_namespace = PROJECT;
    payload.object_attributes.iid = dashboard().iid;
    payload.object_attributes.description = after;
    payload.changes.description = { previous: before, current: after };

    const started = Date.now();
    expect(await deliver(serve.url, 'Issue Hook', payload)).toBe(202);
    await until(() => botMrs().length > 0, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(botMrs().map((mr) => mr.title)).toEqual(['Update dependency idna to v3.7']);

    child?.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('merges a bot MR within 2 s of the Pipeline Hook that reports its installation tests passed', async () => {
    world.gitlab.onCommit((event) => ({
      jobs: [{ name: 'test-install', status: event.ref === 'main' ? 'success' : 'running' }],
    }));
    world.gitlab.setNow(SATURDAY);
    expect((await world.run(['run', '--now', SATURDAY])).code).toBe(0);
    const [mr] = botMrs();
    expect(mr?.state).toBe('opened');
    const pipeline = world.gitlab.pipelines(PROJECT).find((p) => p.sha === mr!.sha)!;
    const serve = await startServe(SATURDAY);

    world.gitlab.setJobStatus(PROJECT, { pipelineId: pipeline.id, name: 'test-install' }, 'success');
    const payload = hook('pipeline-bot-branch-success');
    payload.user = { id: world.bot.id, username: world.bot.username, name: 'pingate' };
    payload.project.path_with_namespace = PROJECT;
    Object.assign(payload.object_attributes, { id: pipeline.id, ref: mr!.source_branch, sha: mr!.sha });
    const started = Date.now();
    expect(await deliver(serve.url, 'Pipeline Hook', payload)).toBe(202);
    await until(() => botMrs()[0]?.state === 'merged', 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    child?.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });
});
