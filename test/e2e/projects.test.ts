import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
let world: World;

beforeAll(async () => {
  world = await startWorld({
    constraints: 'idna==3.6\n',
    renovate: {},
    projects: [
      project('idna', [
        ['3.6', '2024-01-01T00:00:00Z'],
        ['3.7', '2026-10-01T00:00:00Z'],
      ]),
    ],
    now: SATURDAY,
  });
});

afterAll(async () => {
  await world.close();
});

describe('pingate run over several projects', () => {
  it('reports a project it cannot use, serves the others, and exits 3', async () => {
    const result = await world.run(['run', '--now', SATURDAY], {
      PINGATE_PROJECTS: `nobody/missing,${PROJECT}`,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^nobody\/missing: FAILED/m);
    expect(result.stdout).toMatch(new RegExp(`^${PROJECT}: done`, 'm'));
    expect(world.gitlab.mergeRequests(PROJECT).map((mr) => mr.title)).toEqual([
      'Update dependency idna to v3.7',
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which scope and role the token needs when GitLab refuses it, and never prints it', async () => {
    const result = await world.run(['run', '--now', SATURDAY], { GITLAB_TOKEN: 'glpat-not-a-real-token' });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      `token refused: it needs the api scope and at least Developer access to ${PROJECT}`,
    );
    expect(result.stdout + result.stderr).not.toContain('glpat-not-a-real-token');
  });

  it('--dry-run reads everything and writes nothing', async () => {
    const writes = world.gitlab.writeCount();
    world.index.update(
      project('idna', [
        ['3.6', '2024-01-01T00:00:00Z'],
        ['3.7', '2026-10-01T00:00:00Z'],
        ['3.8', '2026-10-02T00:00:00Z'],
      ]),
    );
    const result = await world.run(['run', '--now', SATURDAY, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would rebuild pingate/idna-3.x');
    expect(world.gitlab.writeCount()).toBe(writes);
  });
});
