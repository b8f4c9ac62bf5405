import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World } from './harness.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const SATURDAY = '2026-11-21T10:00:00Z';

let world: World;

beforeEach(async () => {
  world = await startWorld({
    constraints: 'anyio==4.2.0\n',
    renovate: { extends: ['config:recommended', 'local>cki/renovate-config'] },
    projects: [
      project('anyio', [
        ['4.2.0', OLD],
        ['4.3.0', NEW],
      ]),
    ],
    now: SATURDAY,
  });
});

afterEach(async () => {
  await world.close();
});

describe('presets kept in another GitLab project, read with the bot token', () => {
  it('apply to the pass, nested (local> default.json → gitlab>…:labels)', async () => {
    world.gitlab.addProject({
      path: 'cki/renovate-config',
      files: {
        'default.json':
          '{\n  // shared by every CKI project\n  extends: ["gitlab>cki/renovate-config:labels"],\n  semanticCommits: "enabled",\n}\n',
        'labels.json': '{"labels": ["dependencies"], "rangeStrategy": "pin"}',
      },
      members: [{ userId: world.bot.id, accessLevel: 20 }],
    });
    const result = await world.run(['run', '--now', SATURDAY]);
    expect(result.code).toBe(0);
    const mrs = world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
    expect(mrs.map((mr) => [mr.title, mr.labels])).toEqual([
      ['chore(deps): update dependency anyio to v4.3.0', ['dependencies']],
    ]);
  });

  it('that cannot be read stop the pass from planning with a config it could not read', async () => {
    const result = await world.run(['run', '--now', SATURDAY]);
    expect(result.code).toBe(0);
    expect(world.gitlab.mergeRequests(PROJECT)).toEqual([]);
    const dashboard = world.gitlab.issues(PROJECT).find((issue) => issue.title === 'Dependency Dashboard');
    expect(dashboard?.description).toContain(
      'renovate.json:4:5: preset "local>cki/renovate-config": cannot be read: default.json or renovate.json not found in GitLab project "cki/renovate-config"',
    );
  });
});
