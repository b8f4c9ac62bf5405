/**
 * `pingate validate` and `pingate plan`, run in a local checkout, read `local>` / `gitlab>` presets through the fake
 * GitLab when GITLAB_URL and GITLAB_TOKEN are set (the bot pass's code), and only warn when they cannot.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, project, runCli, startWorld, type World, yamlFor } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
const CONSTRAINTS = 'anyio==4.2.0\n';
let world: World;
const dirs: string[] = [];

beforeAll(async () => {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: {},
    projects: [
      project('anyio', [
        ['4.2.0', '2024-01-01T00:00:00Z'],
        ['4.3.0', '2026-10-01T00:00:00Z'],
      ]),
    ],
    now: SATURDAY,
  });
  world.gitlab.addProject({
    path: 'cki/renovate-config',
    files: {
      'default.json':
        '{\n  extends: ["gitlab>cki/renovate-config:labels"],\n  semanticCommits: "enabled",\n}\n',
      'labels.json': '{\n  "labels": ["dependencies"],\n  "rangeStrategy": "pin"\n}\n',
    },
    members: [{ userId: world.bot.id, accessLevel: 20 }],
  });
});

afterAll(async () => {
  await world.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A checkout extending `preset`, as a person has it on their machine. */
function checkout(preset: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-presets-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'pipeline'));
  writeFileSync(join(dir, 'renovate.json'), `{\n  "extends": ["${preset}"]\n}\n`);
  writeFileSync(join(dir, 'constraints.txt'), CONSTRAINTS);
  writeFileSync(join(dir, 'pipeline/constraints.yml'), yamlFor(CONSTRAINTS));
  return dir;
}

function cli(args: string[], drop: string[] = []): Promise<CliResult> {
  const env: Record<string, string> = { ...world.env, PINGATE_NOW: SATURDAY };
  for (const key of drop) delete env[key];
  return runCli(args, env);
}

describe('GitLab presets read by validate and plan on a person’s machine', () => {
  it('are read through GitLab with GITLAB_URL and GITLAB_TOKEN, nested', async () => {
    const dir = checkout('local>cki/renovate-config');
    const validate = await cli(['validate', '--dir', dir]);
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain(
      'renovate.json:2:15: warning: preset "local>cki/renovate-config" → preset "gitlab>cki/renovate-config:labels": "rangeStrategy" does not apply here',
    );
    expect(validate.stdout).toContain('(cki/renovate-config/labels.json:3:3)');
    expect(validate.stdout).not.toContain('not read');
    const plan = await cli(['plan', '--dir', dir, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const branches = JSON.parse(plan.stdout).branches as { branch: string; labels: string[] }[];
    expect(branches.map((b) => [b.branch, b.labels])).toEqual([['pingate/anyio-4.x', ['dependencies']]]);
  });

  it('that cannot be read are a warning naming the preset, and the exit status stays that of warnings', async () => {
    const dir = checkout('local>cki/gone');
    const validate = await cli(['validate', '--dir', dir]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(
      'renovate.json:2:15: warning: preset "local>cki/gone": cannot be read: default.json or renovate.json not found in GitLab project "cki/gone"; its settings are not applied here',
    );
    const plan = await cli(['plan', '--dir', dir]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('preset "local>cki/gone": cannot be read');
  });

  it('without a token are a warning saying how to read them', async () => {
    const dir = checkout('local>cki/renovate-config');
    const validate = await cli(['validate', '--dir', dir], ['GITLAB_TOKEN']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(
      'warning: preset "local>cki/renovate-config": not read: set GITLAB_URL (or CI_SERVER_URL) and GITLAB_TOKEN to read it here',
    );
  });
});
