/**
 * The freeze box ticked under the real `pingate serve` (SPEC §8, §12): the Issue Hook runs the same pass as `pingate
 * run`, so the freeze MR opens within seconds of the tick, with the block and the regenerated yaml.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FREEZE_COMMENT } from '../../src/plan/freeze.js';
import { PROJECT, project, startWorld, type World, yamlFor } from '../e2e/harness.js';
import { hook } from './helpers.js';
import { spawnServe } from './serve-process.js';

const OLD = '2024-01-01T00:00:00Z';
const WEDNESDAY = '2026-11-18T10:00:00Z';
const SECRET = 'e2e-webhook-secret';
const BOX = '<!-- pin-unpinned -->Pin 1 requirement that no line pins';

let world: World;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  world = await startWorld({
    constraints: 'requests==2.31.0\n',
    renovate: { schedule: ['every weekend'] },
    projects: [
      project('requests', [['2.31.0', OLD, ['urllib3<3,>=1.21.1']]]),
      project('urllib3', [
        ['2.2.1', OLD],
        ['3.0.0', OLD],
      ]),
    ],
    now: WEDNESDAY,
  });
});

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await world.close();
});

/** `pingate serve` on a free port; resolves with its URL once it listens. */
function startServe(): Promise<string> {
  const env = { ...world.env, PINGATE_NOW: WEDNESDAY, PINGATE_WEBHOOK_SECRET: SECRET, PORT: '0' };
  const serve = spawnServe(env);
  child = serve.child;
  return serve.listening;
}

const dashboard = () => world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')!;
const botMrs = () => world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');

it('opens the freeze MR on the Issue Hook of the ticked box', async () => {
  expect((await world.run(['run', '--now', WEDNESDAY])).code).toBe(0);
  const before = dashboard().description;
  expect(before).toContain(`- [ ] ${BOX}`);
  const url = await startServe();
  const after = before.replace(`- [ ] ${BOX}`, `- [x] ${BOX}`);
  world.gitlab.editIssue(world.maintainer, PROJECT, dashboard().iid, after);
  const payload = hook('issue-dashboard-ticked');
  payload.user = { id: world.maintainer.id, username: world.maintainer.username, name: 'Maintainer' };
  payload.project.path_with_namespace = PROJECT;
  payload.object_attributes.iid = dashboard().iid;
  payload.object_attributes.description = after;
  payload.changes.description = { previous: before, current: after };
  const answer = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'X-Gitlab-Token': SECRET, 'X-Gitlab-Event': 'Issue Hook', 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(answer.status).toBe(202);
  const deadline = Date.now() + 10_000;
  while (botMrs().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(botMrs().map((mr) => mr.title)).toEqual(['Pin 1 requirement that no line pins']);
  const frozen = `requests==2.31.0\n\n${FREEZE_COMMENT}\nurllib3==2.2.1\n`;
  expect(world.gitlab.file(PROJECT, 'constraints.txt', 'pingate/pin-unpinned')).toBe(frozen);
  expect(world.gitlab.file(PROJECT, 'pipeline/constraints.yml', 'pingate/pin-unpinned')).toBe(
    yamlFor(frozen),
  );
});
