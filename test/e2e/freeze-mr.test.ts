/**
 * The freeze's dashboard box and MR end to end (SPEC §12): the real `pingate run` against the fake GitLab and the
 * fake index, on a file whose pinned release requires a package no line pins.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FREEZE_COMMENT } from '../../src/plan/freeze.js';
import { PROJECT, project, startWorld, type World, yamlFor } from './harness.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const WEDNESDAY = '2026-11-18T10:00:00Z';
const CONSTRAINTS = 'app==1.0\nleaf==1.5\n';
const FROZEN = `${CONSTRAINTS}\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`;
const BOX = '<!-- pin-unpinned -->Pin 2 requirements that no line pins';

let world: World;

beforeEach(async () => {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: { schedule: ['every weekend'], pingate: { requiredJobs: ['test-install'] } },
    projects: [
      project('app', [['1.0', OLD, ['mid']]]),
      project('mid', [
        ['1.0', OLD, ['leaf<2']],
        ['1.1', NEW, ['leaf<2', 'deep>=1']],
        ['1.3', NEW, ['leaf>=2']],
      ]),
      project('leaf', [['1.5', OLD]]),
      project('deep', [['1.0', OLD]]),
    ],
    now: WEDNESDAY,
  });
  world.gitlab.onCommit((event) => ({
    jobs: [{ name: 'test-install', status: event.ref === 'main' ? 'success' : 'running' }],
  }));
});

afterEach(async () => {
  await world.close();
});

async function pass(minutes: number) {
  const now = new Date(Date.parse(WEDNESDAY) + minutes * 60_000).toISOString();
  world.gitlab.setNow(now);
  const result = await world.run(['run', '--now', now]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function dashboard() {
  return world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard')!;
}

function tickBox(as: World['maintainer']) {
  const issue = dashboard();
  world.gitlab.editIssue(as, PROJECT, issue.iid, issue.description.replace(`- [ ] ${BOX}`, `- [x] ${BOX}`));
}

const botMrs = () => world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');

describe('the freeze box and MR on the fake GitLab', () => {
  it('offers the box, opens one MR on a tick, offers nothing while it is open, and merges it through the gate', async () => {
    await pass(0);
    expect(dashboard().description).toContain(
      `constraints.txt: app requires mid (not pinned)\n- [ ] ${BOX}\n`,
    );

    // A tick by someone without Developer access is refused, as every other tick is.
    tickBox(world.reporter);
    await pass(5);
    expect(botMrs()).toEqual([]);
    expect(dashboard().description).toContain(`- [ ] ${BOX}`);
    const notes = world.gitlab.notes(PROJECT, { issue: dashboard().iid }).filter((n) => !n.system);
    expect(notes.map((n) => n.body)).toEqual([expect.stringContaining('@reporter')]);

    tickBox(world.maintainer);
    await pass(10);
    const [mr, ...others] = botMrs();
    expect(others).toEqual([]);
    expect(mr).toMatchObject({
      title: 'Pin 2 requirements that no line pins',
      source_branch: 'pingate/pin-unpinned',
    });
    expect(mr!.description).toContain('| `mid` | `1.1` | `constraints.txt` | `app 1.0 requires mid` |');
    expect(mr!.description).toContain('| `deep` | `1.0` | `constraints.txt` | `mid 1.1 requires deep>=1` |');
    // One commit on the default branch: the block appended, the yaml regenerated from it.
    const [commit, base] = world.gitlab.commits(PROJECT, 'pingate/pin-unpinned');
    expect(commit!.parent_ids).toEqual([world.gitlab.branches(PROJECT).main]);
    expect(base!.id).toBe(world.gitlab.branches(PROJECT).main);
    const files = world.gitlab.files(PROJECT, 'pingate/pin-unpinned');
    expect(files['constraints.txt']).toBe(FROZEN);
    expect(files['pipeline/constraints.yml']).toBe(yamlFor(FROZEN));
    expect(dashboard().description).not.toContain('<!-- pin-unpinned -->');
    expect(dashboard().description).toContain(`!${mr!.iid}`);

    // While it is open (its pipeline still running), a pass offers nothing and opens nothing: its only write is the
    // MR's gate state on the dashboard, and the pass after that writes nothing at all.
    const quiet = await pass(15);
    expect(quiet.stdout).toContain(`!${mr!.iid} not merged: pipeline`);
    expect(quiet.stdout.split('\n').filter((l) => l.startsWith('  - ') && !l.includes('not merged'))).toEqual(
      ['  - update the dashboard'],
    );
    const writes = world.gitlab.writeCount();
    await pass(16);
    expect(world.gitlab.writeCount()).toBe(writes);
    expect(botMrs()).toHaveLength(1);
    expect(dashboard().description).not.toContain('<!-- pin-unpinned -->');

    const pipeline = world.gitlab.pipelines(PROJECT).find((p) => p.sha === mr!.sha)!;
    world.gitlab.setJobStatus(PROJECT, { pipelineId: pipeline.id, name: 'test-install' }, 'success');
    const merged = await pass(20);
    expect(merged.stdout).toContain(`!${mr!.iid} merged`);
    expect(world.gitlab.file(PROJECT, 'constraints.txt')).toBe(FROZEN);
    await pass(25);
    expect(dashboard().description).not.toContain('## Problems');
    expect(botMrs()).toHaveLength(1);
  });
});
