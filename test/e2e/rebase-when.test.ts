/**
 * `rebaseWhen` on the fake GitLab: `conflicted` leaves an open MR behind a default branch that moved on elsewhere
 * and rebuilds it once its change conflicts; `behind-base-branch` rebuilds it whenever the default branch moved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World, yamlFor } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
const CONSTRAINTS = 'idna==3.6\nattrs==23.1.0\n';
let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(rebaseWhen: string): Promise<World> {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: { rebaseWhen, automerge: false },
    projects: [
      project('idna', [
        ['3.6', '2024-01-01T00:00:00Z'],
        ['3.7', '2026-10-01T00:00:00Z'],
      ]),
      project('attrs', [['23.1.0', '2024-01-01T00:00:00Z']]),
    ],
    now: SATURDAY,
  });
  return world;
}

async function pass(w: World, ...flags: string[]) {
  const result = await w.run(['run', '--now', SATURDAY, ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function idnaHead(w: World): string {
  const mrs = w.gitlab.mergeRequests(PROJECT).filter((mr) => mr.state === 'opened');
  expect(mrs.map((mr) => mr.source_branch)).toEqual(['pingate/idna-3.x']);
  return mrs[0]!.sha;
}

describe('rebaseWhen against the fake GitLab', () => {
  it('conflicted: an unrelated commit leaves the MR, a conflicting one rebuilds it', async () => {
    const w = await start('conflicted');
    await pass(w);
    const built = idnaHead(w);
    w.gitlab.pushCommit(w.maintainer, PROJECT, 'main', { 'README.md': 'hello\n' });
    expect((await pass(w, '--dry-run')).stdout).not.toContain('would rebuild');
    await pass(w);
    expect(idnaHead(w)).toBe(built);
    // A person edits the constraints file the MR changes: GitLab reports the MR conflicted.
    const edited = `${CONSTRAINTS}# reviewed\n`;
    w.gitlab.pushCommit(w.maintainer, PROJECT, 'main', {
      'constraints.txt': edited,
      'pipeline/constraints.yml': yamlFor(edited),
    });
    expect((await pass(w, '--dry-run')).stdout).toContain(
      'would rebuild pingate/idna-3.x for !1 (conflicts with the default branch)',
    );
    await pass(w);
    const rebuilt = idnaHead(w);
    expect(rebuilt).not.toBe(built);
    expect(w.gitlab.files(PROJECT, rebuilt)['constraints.txt']).toBe(
      edited.replace('idna==3.6', 'idna==3.7'),
    );
    await pass(w);
    expect(idnaHead(w)).toBe(rebuilt);
  });

  it('behind-base-branch: any commit on the default branch rebuilds the MR on it', async () => {
    const w = await start('behind-base-branch');
    await pass(w);
    const built = idnaHead(w);
    const main = w.gitlab.pushCommit(w.maintainer, PROJECT, 'main', { 'README.md': 'hello\n' });
    expect((await pass(w, '--dry-run')).stdout).toContain(
      'would rebuild pingate/idna-3.x for !1 (default branch moved on)',
    );
    await pass(w);
    const rebuilt = idnaHead(w);
    expect(rebuilt).not.toBe(built);
    expect(w.gitlab.commit(PROJECT, rebuilt)?.parent_ids).toEqual([main]);
    await pass(w);
    expect(idnaHead(w)).toBe(rebuilt);
  });
});
