/**
 * `pingate plan --freeze` end to end (SPEC §12): the real CLI on a small repository against a fake index whose
 * pinned packages require packages no line pins.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndexServer, startIndexServer } from '../fakes/index-server/server.js';
import { type FakeOsv, startFakeOsv } from '../fakes/osv/server.js';
import { type CliResult, runCli } from './harness.js';

const NOW = '2026-11-21T10:00:00Z';
const temporary: string[] = [];
let index: IndexServer;
let osv: FakeOsv;

beforeAll(async () => {
  osv = await startFakeOsv();
  index = await startIndexServer({
    projects: [
      { name: 'app', releases: [{ version: '1.0', requiresDist: ['mid', 'extra-user[fast]'] }] },
      {
        name: 'mid',
        releases: [
          { version: '1.0', requiresDist: ['leaf<2'] },
          { version: '1.1', requiresDist: ['leaf<2', 'deep>=1'] },
          { version: '1.2', yanked: true },
          { version: '1.3', requiresDist: ['leaf>=2'] },
        ],
      },
      { name: 'leaf', releases: [{ version: '1.5' }, { version: '2.0' }] },
      { name: 'deep', releases: [{ version: '1.0' }, { version: '1.4', requiresPython: '>=3.13' }] },
      {
        name: 'extra-user',
        releases: [{ version: '0.9', requiresDist: ['speedup<3; extra == "fast"'] }],
      },
      { name: 'speedup', releases: [{ version: '2.5' }, { version: '3.0' }] },
    ],
  });
});

afterAll(async () => {
  await Promise.all([index.close(), osv.close()]);
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function workspace(constraints: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-freeze-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'constraints.txt'), constraints);
  writeFileSync(join(dir, 'renovate.json'), JSON.stringify({ pingate: { pythonVersions: ['3.9', '3.12'] } }));
  mkdirSync(join(dir, 'pipeline'));
  return dir;
}

function plan(dir: string, args: string[]): Promise<CliResult> {
  const back = process.cwd();
  process.chdir(dir);
  try {
    return runCli(['plan', '--now', NOW, ...args], {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PIP_INDEX_URL: index.url,
      PINGATE_OSV_URL: osv.url,
      PINGATE_CACHE_DIR: join(dir, '.cache'),
    });
  } finally {
    process.chdir(back);
  }
}

const BLOCK = [
  '# Pinned by pingate: requirements no line pinned (freeze)',
  'deep==1.0',
  'extra-user==0.9',
  'mid==1.1',
  'speedup==2.5',
];

/** Why each line of BLOCK is needed: the release of the pinned set that requires it. */
const REQUIRED_BY = [
  'mid 1.1 requires deep>=1',
  'app 1.0 requires extra-user[fast]',
  'app 1.0 requires mid',
  'extra-user 0.9 requires speedup<3; extra == "fast"',
];

describe('pingate plan --freeze', () => {
  let dir: string;
  beforeAll(() => {
    dir = workspace('app==1.0\nleaf==1.5\n');
  });

  it('prints exactly the lines it would add, newest releases the pins, extras and every Python admit; exit 0', async () => {
    const result = await plan(dir, ['--freeze']);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${BLOCK.join('\n')}\n` });
  });

  it('lists those pins in the table, in --json with why each is needed, and offers them on the dashboard', async () => {
    const [table, json, dashboard] = await Promise.all([
      plan(dir, []),
      plan(dir, ['--json']),
      plan(dir, ['--dashboard']),
    ]);
    const rows = table.stdout.split('\n').filter((line) => / freeze /.test(line));
    expect(rows.map((r) => r.replace(/ +/g, ' '))).toEqual(
      BLOCK.slice(1).map(
        (l) => `${l.replace('==', ' ')} freeze freeze: no line pins it (pingate plan --freeze)`,
      ),
    );
    const parsed = JSON.parse(json.stdout) as { freeze: unknown };
    expect(parsed.freeze).toEqual([
      {
        file: 'constraints.txt',
        pins: BLOCK.slice(1).map((l, i) => ({
          name: l.split('==')[0],
          version: l.split('==')[1],
          requiredBy: [REQUIRED_BY[i]],
        })),
        problems: [],
      },
    ]);
    expect(dashboard.stdout).toContain('\n- [ ] <!-- pin-unpinned -->Pin 4 requirements that no line pins\n');
  });

  it('says why, with the chain, when no release satisfies; nothing printed on stdout, exit 1', async () => {
    const result = await plan(workspace('app==1.0\nleaf==1.5\nspeedup==3.0\n'), ['--freeze']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('app 1.0 → extra-user[fast] → speedup<3, but speedup==3.0 is pinned');
  });

  it('fails closed when a look-up the freeze needs keeps failing', async () => {
    index.failNext(/^\/pypi\/deep\//, { status: 500, times: 20 });
    const result = await plan(workspace('app==1.0\nleaf==1.5\n'), ['--freeze']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/freeze: constraints.txt: the releases of deep could not be read/);
  });
});
