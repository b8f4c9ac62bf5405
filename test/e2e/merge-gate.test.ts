import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobScript } from '../fakes/gitlab/types.js';
import { PROJECT, project, startWorld, type World, yamlFor } from './harness.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const CONSTRAINTS = 'idna==3.6\nurllib3==2.2.0\n';
const RENOVATE = {
  schedule: ['every weekend'],
  prHourlyLimit: 0,
  pingate: { requiredJobs: ['/^test-install/'] },
};
const SATURDAY = '2026-11-21T10:00:00Z';
const LATER = '2026-11-21T11:00:00Z';

let world: World;

beforeEach(async () => {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: RENOVATE,
    projects: [
      project('idna', [
        ['3.6', OLD],
        ['3.7', NEW],
      ]),
      project('urllib3', [['2.2.0', OLD]]),
    ],
    now: SATURDAY,
  });
});

afterEach(async () => {
  await world.close();
});

function scriptPipelines(jobs: JobScript[]) {
  world.gitlab.onCommit((event) => ({ jobs: event.ref === 'main' ? [{ name: 'test-install-3.12' }] : jobs }));
}

async function pass(now: string) {
  world.gitlab.setNow(now);
  const result = await world.run(['run', '--now', now]);
  expect(result.code).toBe(0);
  return result;
}

function theMr() {
  const mr = world.gitlab.mergeRequests(PROJECT).find((m) => m.title === 'Update dependency idna to v3.7');
  if (!mr) throw new Error('no MR');
  return mr;
}

function dashboard() {
  return world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')!.description;
}

describe('the merge gate on the fake GitLab', () => {
  it('merges with the checked head once the installation tests passed on it', async () => {
    scriptPipelines([{ name: 'test-install-3.9' }, { name: 'test-install-3.12' }, { name: 'lint' }]);
    await pass(SATURDAY);
    const head = theMr().sha;
    expect(theMr().state).toBe('opened');
    const second = await pass(LATER);
    expect(second.stdout).toContain(`!${theMr().iid} merged`);
    expect(theMr().state).toBe('merged');
    const merge = world.gitlab.requests().find((r) => r.method === 'PUT' && r.path.endsWith('/merge'));
    expect(merge).toBeDefined();
    expect(world.gitlab.file(PROJECT, 'constraints.txt')).toBe('idna==3.7\nurllib3==2.2.0\n');
    expect(world.gitlab.file(PROJECT, 'pipeline/constraints.yml')).toBe(
      yamlFor('idna==3.7\nurllib3==2.2.0\n'),
    );
    expect(world.gitlab.commits(PROJECT)[0]!.parent_ids).toContain(head);
    // The default-branch pipeline on the merge commit passed: the next pass records it as known-good.
    await pass('2026-11-21T12:00:00Z');
    expect(dashboard()).toContain('## Known-good Constraints');
    expect(dashboard()).toContain(`<!-- rollback-to=${world.gitlab.branches(PROJECT).main} -->`);
  });

  it('leaves the MR open with one comment naming the failed job when an installation test fails', async () => {
    scriptPipelines([{ name: 'test-install-3.9' }, { name: 'test-install-3.12', status: 'failed' }]);
    await pass(SATURDAY);
    const second = await pass(LATER);
    expect(second.stdout).toMatch(/not merged: .*test-install-3\.12/);
    expect(theMr().state).toBe('opened');
    const comments = () =>
      world.gitlab
        .notes(PROJECT, { mergeRequest: theMr().iid })
        .filter((n) => n.body.includes('test-install-3.12'));
    expect(comments()).toHaveLength(1);
    expect(dashboard()).toMatch(/!\d+\): installation tests failed: test-install-3\.12/);
    await pass('2026-11-21T12:00:00Z');
    expect(comments()).toHaveLength(1);
  });

  it('does not merge a head that moved between the check and the merge, and merges the new head later', async () => {
    scriptPipelines([{ name: 'test-install-3.12' }]);
    await pass(SATURDAY);
    const checked = theMr().sha;
    let moved = false;
    const remove = world.gitlab.beforeRequest((request) => {
      if (!moved && request.method === 'PUT' && request.path.endsWith('/merge')) {
        moved = true;
        world.gitlab.pushCommit(world.bot, PROJECT, theMr().source_branch, {
          'constraints.txt': 'idna==3.7\nurllib3==2.2.0\n',
        });
      }
    });
    const second = await pass(LATER);
    remove();
    expect(moved).toBe(true);
    expect(second.stdout).toMatch(/not merged: GitLab refused the merge/);
    expect(theMr().state).toBe('opened');
    expect(theMr().sha).not.toBe(checked);
    const third = await pass('2026-11-21T12:00:00Z');
    expect(third.stdout).toContain('merged');
    expect(theMr().state).toBe('merged');
  });

  it('opens a rollback MR restoring a known-good set when its box is ticked', async () => {
    scriptPipelines([{ name: 'test-install-3.12' }]);
    await pass(SATURDAY);
    await pass(LATER);
    const firstGood = world.gitlab.branches(PROJECT).main!;
    world.index.update(
      project('idna', [
        ['3.6', OLD],
        ['3.7', NEW],
        ['3.8', '2026-11-21T11:30:00Z'],
      ]),
    );
    await pass('2026-11-21T12:00:00Z');
    await pass('2026-11-21T13:00:00Z');
    expect(world.gitlab.file(PROJECT, 'constraints.txt')).toBe('idna==3.8\nurllib3==2.2.0\n');
    await pass('2026-11-21T14:00:00Z');
    const body = dashboard();
    expect(body).toContain(`- [ ] <!-- rollback-to=${firstGood} -->`);
    world.gitlab.editIssue(
      world.maintainer,
      PROJECT,
      world.gitlab.issues(PROJECT)[0]!.iid,
      body.replace(`- [ ] <!-- rollback-to=${firstGood} -->`, `- [x] <!-- rollback-to=${firstGood} -->`),
    );
    await pass('2026-11-21T15:00:00Z');
    const rollback = world.gitlab
      .mergeRequests(PROJECT)
      .find((m) => m.title.startsWith('Roll back constraints to'));
    expect(rollback?.title).toContain(firstGood.slice(0, 8));
    const files = world.gitlab.files(PROJECT, rollback!.source_branch);
    expect(files['constraints.txt']).toBe('idna==3.7\nurllib3==2.2.0\n');
    expect(files['pipeline/constraints.yml']).toBe(yamlFor('idna==3.7\nurllib3==2.2.0\n'));
    expect(dashboard()).not.toContain(`- [x] <!-- rollback-to=`);
  });

  it('pingate rollback --to opens the same MR, and refuses a ref that does not exist', async () => {
    const first = world.gitlab.branches(PROJECT).main!;
    world.gitlab.pushCommit(world.maintainer, PROJECT, 'main', {
      'constraints.txt': 'idna==3.5\nurllib3==2.2.0\n',
    });
    const opened = await world.run(['rollback', '--to', first]);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/opened !\d+: Roll back constraints to/);
    const mr = world.gitlab.mergeRequests(PROJECT).find((m) => m.title.startsWith('Roll back'));
    expect(world.gitlab.file(PROJECT, 'constraints.txt', mr!.source_branch)).toBe(CONSTRAINTS);
    const missing = await world.run(['rollback', '--to', 'no-such-ref']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-ref is not a commit of this project');
  });
});
