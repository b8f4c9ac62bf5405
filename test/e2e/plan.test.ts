/**
 * `pingate plan` end to end: the real CLI, spawned in a temporary copy of this repository's constraints.txt,
 * pipeline/constraints.yml and renovate.json, against the fake index serving test/fixtures/index (see its header for
 * the facts these tests rely on). renovate.json: every weekend in Europe/Prague, minimumReleaseAge 3 days,
 * prHourlyLimit 2, a "boto" group, pythonVersions 3.9 and 3.12.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndexServer, startIndexServer } from '../fakes/index-server/server.js';
import { type FakeOsv, startFakeOsv } from '../fakes/osv/server.js';
import { repositoryProjects } from '../fixtures/index/repository-projects.js';
import { type CliResult, runCli } from './harness.js';

const SATURDAY = '2026-11-21T10:00:00Z';
const MONDAY = '2026-11-23T10:00:00Z';
const PINS = 46;

const repository = join(import.meta.dirname, '../..');
const temporary: string[] = [];

// Advisories are asked of a fake OSV that knows none, so that no test reaches the internet.
let osv: FakeOsv;
beforeAll(async () => {
  osv = await startFakeOsv();
});
afterAll(() => osv.close());

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A temporary copy of the three files `plan` reads, each optionally rewritten. */
function workspace(edit: Partial<Record<string, (text: string) => string>> = {}): string {
  const dir = tempDir('pingate-plan-');
  for (const path of ['constraints.txt', 'pipeline/constraints.yml', 'renovate.json']) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    const text = readFileSync(join(repository, path), 'utf8');
    writeFileSync(join(dir, path), edit[path]?.(text) ?? text);
  }
  return dir;
}

/**
 * `pingate plan ARGS` with `dir` as its working directory, as a user runs it in a checkout. The harness's `runCli`
 * spawns in the current directory and spawn reads it synchronously, so it is switched only around that call.
 */
function plan(dir: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const back = process.cwd();
  process.chdir(dir);
  try {
    return runCli(['plan', ...args], {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      // A user's terminal sets this; piped output must still be plain.
      TERM: 'xterm-256color',
      PINGATE_OSV_URL: osv.url,
      ...env,
    });
  } finally {
    process.chdir(back);
  }
}

/** The table's rows, runs of spaces collapsed: `click 8.1.7 8.1.8 patch 2024-12-21 would open MR`. */
function tableRows(stdout: string): string[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) =>
    /^PACKAGE +CURRENT +PROPOSED +TYPE +RELEASED +WHAT HAPPENS NOW$/.test(line),
  );
  if (header < 0) throw new Error(`no table in:\n${stdout}`);
  const end = lines.indexOf('', header);
  return lines.slice(header + 1, end).map((line) => line.replace(/ +/g, ' '));
}

function rowsOf(stdout: string, name: string): string[] {
  return tableRows(stdout).filter((row) => row.startsWith(`${name} `));
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

const RATE_LIMITED = 'rate-limited (prHourlyLimit)';

/** The whole plan of this repository on Saturday 2026-11-21 11:00 in Prague, file order. */
const SATURDAY_TABLE = [
  'anyio 4.2.0 4.12.0 minor 2026-02-11 would open MR',
  'anymarkup 0.8.1 up to date',
  'anymarkup-core 0.8.1 up to date',
  'arrow 1.3.0 1.4.0 minor 2025-10-18 would open MR',
  `attrs 23.2.0 25.4.0 major 2025-10-06 ${RATE_LIMITED}`,
  `Automat 22.10.0 25.4.16 major 2025-04-16 ${RATE_LIMITED}`,
  'backoff 2.2.1 up to date',
  // Releases after 1.42.88 require Python >= 3.10; pythonVersions has 3.9.
  `boto3 1.34.39 1.42.88 minor 2026-04-28 ${RATE_LIMITED}`,
  `botocore 1.34.39 1.42.88 minor 2026-04-28 ${RATE_LIMITED}`,
  `cached-property 1.5.2 2.0.1 major 2024-10-25 ${RATE_LIMITED}`,
  `cachetools 5.3.2 5.5.2 minor 2025-02-20 ${RATE_LIMITED}`,
  'cachetools 5.3.2 6.2.1 major 2025-10-12 blocked: google-auth 2.27.0 (pinned) needs cachetools<6.0,>=2.0.0 but the update moves cachetools to 6.2.1',
  `certifi 2024.2.2 2024.12.14 minor 2024-12-14 ${RATE_LIMITED}`,
  // 2026.11.19 is two days old: the newest release past minimumReleaseAge is proposed instead.
  `certifi 2024.2.2 2026.10.5 major 2026-10-05 ${RATE_LIMITED}`,
  `charset-normalizer 3.3.2 3.4.4 minor 2025-10-14 ${RATE_LIMITED}`,
  // click 8.2 and later require Python >= 3.10.
  `click 8.1.7 8.1.8 patch 2024-12-21 ${RATE_LIMITED}`,
  `configobj 5.0.8 5.0.9 patch 2024-09-21 ${RATE_LIMITED}`,
  'constantly 23.10.4 up to date',
  `crontab 1.0.1 1.0.4 patch 2025-04-09 ${RATE_LIMITED}`,
  'fqdn 1.5.1 up to date',
  `furl 2.1.3 2.1.4 patch 2025-03-09 ${RATE_LIMITED}`,
  `gitdb 4.0.11 4.0.12 patch 2025-01-02 ${RATE_LIMITED}`,
  `GitPython 3.1.41 3.1.45 patch 2025-07-24 ${RATE_LIMITED}`,
  `google-auth 2.27.0 2.40.3 minor 2025-06-04 ${RATE_LIMITED}`,
  `gql 3.5.0 3.5.3 patch 2025-05-20 ${RATE_LIMITED}`,
  'gql 3.5.0 4.0.0 major 2025-08-17 blocked: gql 4.0.0 needs graphql-core<3.4,>=3.3.0a7 but constraints.txt pins graphql-core==3.2.3',
  // 3.3.0a9 is a pre-release (ignoreUnstable).
  `graphql-core 3.2.3 3.2.6 patch 2025-01-26 ${RATE_LIMITED}`,
  'hyperlink 21.0.0 up to date',
  `idna 3.6 3.11 minor 2025-10-12 ${RATE_LIMITED}`,
  `importlib-metadata 7.0.1 7.2.1 minor 2024-06-19 ${RATE_LIMITED}`,
  `importlib-metadata 7.0.1 8.7.0 major 2025-04-27 ${RATE_LIMITED}`,
  `incremental 22.10.0 24.7.2 major 2024-07-29 ${RATE_LIMITED}`,
  'isoduration 20.11.0 up to date',
  `Jinja2 3.1.3 3.1.6 patch 2025-03-05 ${RATE_LIMITED}`,
  'jmespath 1.0.1 up to date',
  `json5 0.9.14 0.12.1 minor 2025-08-12 ${RATE_LIMITED}`,
  `jsonpointer 2.4 3.0.0 major 2024-06-10 ${RATE_LIMITED}`,
  `jsonschema 4.17.3 4.25.1 minor 2025-08-18 ${RATE_LIMITED}`,
  `kubernetes 29.0.0 35.0.0 major 2026-01-16 ${RATE_LIMITED}`,
  `lxml 4.9.4 6.0.2 major 2025-09-22 ${RATE_LIMITED}`,
  `MarkupSafe 2.1.5 3.0.3 major 2025-09-27 ${RATE_LIMITED}`,
  `multidict 6.0.5 6.7.0 minor 2025-10-06 ${RATE_LIMITED}`,
  `oauthlib 3.2.2 3.3.1 minor 2025-06-19 ${RATE_LIMITED}`,
  'orderedmultidict 1.0.1 up to date',
  // Uploaded 2026-11-19 14:02 UTC; 3 days later is 15:02 in Prague (CET).
  'pika 1.3.2 1.4.0 minor 2026-11-19 pending: release too new until 2026-11-22 15:02 Europe/Prague',
  `pip 24.0 24.3.1 minor 2024-10-27 ${RATE_LIMITED}`,
  // pip 26.1 and later require Python >= 3.10.
  `pip 24.0 26.0.1 major 2026-02-05 ${RATE_LIMITED}`,
  'ply 3.11 up to date',
  `prometheus-client 0.19.0 0.23.1 minor 2025-09-18 ${RATE_LIMITED}`,
  `pyasn1 0.5.1 0.6.1 minor 2024-09-10 ${RATE_LIMITED}`,
  `pyasn1-modules 0.3.0 0.4.2 minor 2025-03-28 ${RATE_LIMITED}`,
];

interface JsonPlan {
  now: string;
  timezone: string;
  rows: { name: string; current: string; status: string; branches: string[]; detail?: string }[];
  branches: {
    branch: string;
    title: string;
    groupName?: string;
    disposition: { kind: string; reason?: string; until?: string; eligibleAt?: string };
    updates: { name: string; from: string; to: string; updateType: string; releaseDate?: string }[];
  }[];
  errored: { name: string; reason: string }[];
  diagnostics: unknown[];
  notPinned: string[];
}

let index: IndexServer;
/** Answers 500 to every request for pika. */
let failing: IndexServer;

interface Timed {
  result: CliResult;
  seconds: number;
}

/**
 * The runs against a failing index are slow by design (the client backs off between retries): they start first
 * and are checked last, so that they overlap the others.
 */
let erroredRun: Promise<Timed>;
let unreachableRun: Promise<Timed & { url: string }>;
/** `plan --help` run beside it: the same start-up on the same machine, whatever else the machine is doing. */
let startUpRun: Promise<Timed>;

function timed(run: () => Promise<CliResult>): Promise<Timed> {
  const started = Date.now();
  const promise = run().then((result) => ({ result, seconds: (Date.now() - started) / 1000 }));
  // Awaited by its test; until then a rejection must not count as unhandled.
  promise.catch(() => {});
  return promise;
}

beforeAll(async () => {
  index = await startIndexServer({ projects: repositoryProjects() });
  failing = await startIndexServer({ projects: repositoryProjects() });
  failing.failNext(/^\/pypi\/pika\//, { status: 500, times: 10 });
  erroredRun = timed(() =>
    plan(workspace(), ['--now', SATURDAY], {
      PIP_INDEX_URL: failing.url,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    }),
  );
  const url = `http://127.0.0.1:${await closedPort()}/pypi/`;
  unreachableRun = timed(() =>
    plan(workspace(), ['--now', SATURDAY], {
      PIP_INDEX_URL: url,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    }),
  ).then((run) => ({ ...run, url }));
  startUpRun = timed(() => plan(workspace(), ['--help'], {}));
});

afterAll(async () => {
  await Promise.allSettled([erroredRun, unreachableRun, startUpRun]);
  await Promise.all([index.close(), failing.close()]);
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('pingate plan on a copy of this repository, on a Saturday', () => {
  let dir: string;
  let cacheDir: string;
  let env: Record<string, string>;
  let saturday: CliResult;
  let coldRequests: ReturnType<IndexServer['requests']>;
  let json: CliResult;

  beforeAll(async () => {
    dir = workspace();
    cacheDir = tempDir('pingate-plan-cache-');
    env = { PIP_INDEX_URL: index.url, PINGATE_CACHE_DIR: cacheDir };
    index.clearRequests();
    saturday = await plan(dir, ['--now', SATURDAY], env);
    coldRequests = index.requests();
    json = await plan(dir, ['--now', SATURDAY, '--json'], env);
  });

  it('exits 0 with the table on stdout, and no progress bar or escape codes when piped', () => {
    expect(saturday.code).toBe(0);
    expect(saturday.stdout).not.toContain('\u001b');
    // No progress bar, no log line: stderr stays empty.
    expect(saturday.stderr).toBe('');
    expect(saturday.stdout.split('\n')[0]).toMatch(
      /^PACKAGE +CURRENT +PROPOSED +TYPE +RELEASED +WHAT HAPPENS NOW$/,
    );
  });

  it('proposes, per pin and bucket, the newest release that passes every filter, and says what happens to it', () => {
    expect(tableRows(saturday.stdout)).toEqual(SATURDAY_TABLE);
  });

  it('opens MRs up to prHourlyLimit in file order and rate-limits the rest', () => {
    const rows = tableRows(saturday.stdout);
    expect(rows.filter((row) => row.endsWith('would open MR')).map((row) => row.split(' ')[0])).toEqual([
      'anyio',
      'arrow',
    ]);
    // Blocked and pending updates do not count against the limit; 34 branches, two of them with two pins each.
    expect(rows.filter((row) => row.endsWith(RATE_LIMITED))).toHaveLength(36);
  });

  it('lists requirements nobody pins, then the summary counts as the last line', () => {
    expect(saturday.stdout).toContain(
      'not pinned: constraints.txt: botocore requires urllib3<1.27,>=1.25.4 (not pinned)',
    );
    expect(saturday.stdout).toContain(
      'not pinned: constraints.txt: gitdb requires smmap<6,>=3.0.1 (not pinned)',
    );
    expect(saturday.stdout).not.toMatch(/^problem:/m);
    const summary = lastLine(saturday.stdout);
    expect(summary).toMatch(new RegExp(`^${PINS} pins: 39 MRs planned \\(`));
    expect(summary).toContain('34 rate-limited');
    expect(summary).toContain('2 blocked');
    expect(summary).toContain('10 up to date');
  });

  it('words the summary as the table does', () => {
    const summary = lastLine(saturday.stdout);
    expect(summary).toContain('2 would open MR');
    expect(summary).toContain('1 pending');
    expect(summary).not.toMatch(/open mr|pending age/);
  });

  it('prints the plan as JSON whose rows and branches are the table', () => {
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as JsonPlan;
    expect(parsed.now).toBe('2026-11-21T10:00:00.000Z');
    expect(parsed.timezone).toBe('Europe/Prague');
    expect(parsed.rows.map((r) => r.name)).toEqual([...new Set(SATURDAY_TABLE.map((r) => r.split(' ')[0]))]);
    const branches = new Map(parsed.branches.map((b) => [b.branch, b]));
    const lines = parsed.rows.flatMap((row) => {
      if (row.status !== 'update') return [`${row.name} ${row.current} ${row.status.replace(/-/g, ' ')}`];
      return row.branches.map((name) => {
        const branch = branches.get(name)!;
        const update = branch.updates.find((u) => u.name === row.name)!;
        const when = { 'open-mr': 'would open MR', 'rate-limited': RATE_LIMITED }[branch.disposition.kind];
        const what =
          when ??
          `${branch.disposition.kind}${branch.disposition.reason ? `: ${branch.disposition.reason}` : ''}`;
        return `${row.name} ${row.current} ${update.to} ${update.updateType} ${update.releaseDate?.slice(0, 10)} ${what}`;
      });
    });
    const table = SATURDAY_TABLE.map((row) => row.replace(/ pending: .*/, ' pending-age'));
    expect(lines).toEqual(table);
    expect(branches.get('pingate/pika-1.x')?.disposition).toEqual({
      kind: 'pending-age',
      eligibleAt: '2026-11-22T14:02:11.000Z',
    });
  });

  it('moves boto3 and botocore in the one "boto" group branch', () => {
    const parsed = JSON.parse(json.stdout) as JsonPlan;
    const boto = parsed.branches.filter((b) => b.updates.some((u) => u.name.startsWith('boto')));
    expect(boto).toHaveLength(1);
    expect(boto[0]).toMatchObject({ branch: 'pingate/boto', title: 'Update group boto', groupName: 'boto' });
    expect(boto[0]!.updates.map((u) => `${u.name} ${u.from} -> ${u.to}`)).toEqual([
      'boto3 1.34.39 -> 1.42.88',
      'botocore 1.34.39 -> 1.42.88',
    ]);
    // pyasn1-modules 0.3.0 needs pyasn1<0.6 and 0.4.2 needs pyasn1>=0.6.1: one MR moves both.
    const pyasn1 = parsed.branches.filter((b) => b.updates.some((u) => u.name.startsWith('pyasn1')));
    expect(pyasn1).toHaveLength(1);
    expect(pyasn1[0]!.updates.map((u) => `${u.name} ${u.to}`).sort()).toEqual([
      'pyasn1 0.6.1',
      'pyasn1-modules 0.4.2',
    ]);
  });

  it('prints the dashboard it would write', async () => {
    const result = await plan(dir, ['--now', SATURDAY, '--dashboard'], env);
    expect(result.code).toBe(0);
    const md = result.stdout;
    const headings = md.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Problems',
      '## Awaiting Schedule',
      '## Rate-Limited',
      '## Blocked by Conflicts',
      '## Detected Dependencies',
    ]);
    expect(md).toMatch(/^# Dependency Dashboard$/m);
    // Markdown-escaped, so that `<6` cannot open an HTML tag.
    expect(md).toContain('- constraints.txt: gitdb requires smmap\\<6,>=3.0.1 (not pinned)');
    expect(md).toContain('<!-- unschedule-branch=pingate/pika-1.x -->Update dependency pika to v1.4.0');
    expect(md).toContain('- [ ] <!-- unlimit-branch=pingate/boto -->Update group boto (boto3, botocore)');
    expect(md).toContain('<!-- create-all-rate-limited-prs -->');
    expect(md).toMatch(
      /^- Update dependency gql to v4\.0\.0: gql 4\.0\.0 needs graphql-core.*pins graphql-core==3\.2\.3$/m,
    );
    expect(md).toContain('**constraints.txt**');
    expect(md).toContain('importlib-metadata==7.0.1 ; python_version < "3.10"');
  });

  it('revalidates every project page with If-None-Match on a second run, gets 304s, and prints the same plan', async () => {
    const projectPage = /^\/pypi\/[^/]+\/json$/;
    const metadataPage = /^\/pypi\/[^/]+\/[^/]+\/json$/;
    const coldPages = coldRequests.filter((r) => projectPage.test(r.path) && r.status === 200);
    // Each pinned package's page once, and the pages of three required packages no line pins, which the search
    // went past before they were read and asked for together (requests, s3transfer, urllib3).
    expect(coldPages).toHaveLength(PINS + 3);
    expect(new Set(coldPages.map((r) => r.path)).size).toBe(PINS + 3);
    expect(coldPages.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/pypi/requests/json', '/pypi/s3transfer/json', '/pypi/urllib3/json']),
    );
    expect(coldRequests.filter((r) => metadataPage.test(r.path)).length).toBeGreaterThan(0);
    const before = index.stats().notModified;
    index.clearRequests();
    const again = await plan(dir, ['--now', SATURDAY], env);
    const warm = index.requests();
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(saturday.stdout);
    // The conflict check also asks for the pages of required packages that no line pins (not on this index: 404).
    const unpinned = warm.filter((r) => r.status === 404).map((r) => r.path);
    expect(unpinned).toEqual(['/pypi/six/json']);
    const answered = warm.filter((r) => r.status !== 301 && r.status !== 404);
    expect(answered.every((r) => projectPage.test(r.path))).toBe(true);
    expect(answered).toHaveLength(PINS);
    expect(answered.every((r) => r.status === 304 && r.ifNoneMatch)).toBe(true);
    expect(index.stats().notModified - before).toBe(PINS);
  });

  it('on a weekday, every update that could go ahead awaits the weekend in Europe/Prague', async () => {
    const monday = await plan(dir, ['--now', MONDAY], env);
    expect(monday.code).toBe(0);
    const rows = tableRows(monday.stdout);
    const awaiting = 'awaiting schedule until 2026-11-28 00:00 Europe/Prague';
    // 37 branches: 39 rows, as boto3/botocore and pyasn1/pyasn1-modules share theirs.
    expect(rows.filter((row) => row.endsWith(awaiting))).toHaveLength(39);
    expect(rows.filter((row) => row.includes('would open MR') || row.includes('rate-limited'))).toEqual([]);
    // pika 1.4.0 came of age on Sunday; certifi 2026.11.19 did too.
    expect(rowsOf(monday.stdout, 'pika')).toEqual([`pika 1.3.2 1.4.0 minor 2026-11-19 ${awaiting}`]);
    expect(rowsOf(monday.stdout, 'certifi')[1]).toBe(
      `certifi 2024.2.2 2026.11.19 major 2026-11-19 ${awaiting}`,
    );
    expect(rows.filter((row) => row.includes(' blocked: '))).toHaveLength(2);
    expect(lastLine(monday.stdout)).toMatch(
      /^46 pins: 39 MRs planned \(37 awaiting schedule, 2 blocked\), 10 up to date$/,
    );
  });

  it('reads the Simple API (PEP 691 and PEP 658 metadata) to the same plan', async () => {
    const simple = await plan(dir, ['--now', SATURDAY], {
      PIP_INDEX_URL: index.simpleUrl,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    });
    expect(simple.code).toBe(0);
    expect(simple.stdout).toBe(saturday.stdout);
  });
});

describe('pingate plan without the boto group rule', () => {
  it('moves botocore together with boto3, whose pin would otherwise block it, in one MR', async () => {
    const dir = workspace({
      'renovate.json': (text) => {
        const config = JSON.parse(text) as { packageRules: { groupName?: string }[] };
        config.packageRules = config.packageRules.filter((rule) => !rule.groupName);
        return JSON.stringify(config, null, 2);
      },
    });
    const result = await plan(dir, ['--now', SATURDAY, '--json'], {
      PIP_INDEX_URL: index.url,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as JsonPlan;
    const boto = json.branches.filter((b) => b.updates.some((u) => u.name.startsWith('boto')));
    expect(boto).toHaveLength(1);
    expect(boto[0]!.disposition.kind).not.toBe('blocked');
    expect(boto[0]!.updates.map((u) => `${u.name} ${u.to}`).sort()).toEqual([
      'boto3 1.42.88',
      'botocore 1.42.88',
    ]);
    const rows = json.rows.filter((r) => r.name.startsWith('boto'));
    expect(rows.map((r) => r.branches)).toEqual([[boto[0]!.branch], [boto[0]!.branch]]);
  });
});

describe('pingate plan with bad input', () => {
  it('exits 2 naming an unknown key of renovate.json with its line and column', async () => {
    const dir = workspace({ 'renovate.json': (text) => text.replace('"timezone"', '"timezon"') });
    const text = readFileSync(join(dir, 'renovate.json'), 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('"timezon"')) + 1;
    const column = text[line - 1]!.indexOf('"timezon"') + 1;
    const result = await plan(dir, ['--now', SATURDAY], {
      PIP_INDEX_URL: index.url,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`renovate.json:${line}:${column}: unknown key "timezon"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists an unparseable constraints line as a problem and plans every other pin', async () => {
    const dir = workspace({
      'constraints.txt': (text) => text.replace('click==8.1.7\n', 'click==8.1.7\nrequests >= 2.31 <3 oops\n'),
    });
    const lines = readFileSync(join(dir, 'constraints.txt'), 'utf8').split('\n');
    const line = lines.indexOf('requests >= 2.31 <3 oops') + 1;
    const result = await plan(dir, ['--now', SATURDAY], {
      PIP_INDEX_URL: index.url,
      PINGATE_CACHE_DIR: tempDir('pingate-plan-cache-'),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^problem: constraints\\.txt:${line}:\\d+: .*"<3`, 'm'));
    expect(tableRows(result.stdout)).toEqual(SATURDAY_TABLE);
    expect(lastLine(result.stdout)).toMatch(/^46 pins: /);
  });
});

describe('pingate plan when the index fails', () => {
  it('reports a package whose look-up keeps failing as errored, with the reason, and plans the others', async () => {
    const { result } = await erroredRun;
    expect(result.code).toBe(0);
    const pika = rowsOf(result.stdout, 'pika');
    expect(pika).toHaveLength(1);
    expect(pika[0]).toMatch(/^pika 1\.3\.2 errored: .*\/pypi\/pika\/json.*HTTP 500/);
    const others = SATURDAY_TABLE.filter((row) => !row.startsWith('pika '));
    expect(tableRows(result.stdout).filter((row) => !row.startsWith('pika '))).toEqual(others);
    expect(lastLine(result.stdout)).toMatch(/, 1 errored$/);
    expect(failing.requests().filter((r) => r.path.startsWith('/pypi/pika/')).length).toBeGreaterThan(1);
  });

  it('tries a failing package once: one request and its retries', async () => {
    expect((await erroredRun).result.code).toBe(0);
    expect(failing.requests().filter((r) => r.path.startsWith('/pypi/pika/'))).toHaveLength(4);
  });

  it('says once, without a stack trace, that the index cannot be reached and how to set another; exit 3', async () => {
    const { result, url } = await unreachableRun;
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.includes(url))).toHaveLength(1);
    expect(result.stderr).toMatch(/PIP_INDEX_URL|--index-url/);
    expect(result.stderr).not.toMatch(/\n\s+at |pika|boto3/);
    expect(lines.length).toBeLessThanOrEqual(3);
  });

  it('gives up on an unreachable index within a few seconds', async () => {
    const { result, seconds } = await unreachableRun;
    const startUp = await startUpRun;
    expect(result.code).toBe(3);
    expect(startUp.result.code).toBe(0);
    // Beyond starting up (which a busy machine slows), the retries' back-off: a few seconds at most, not minutes.
    expect(seconds - startUp.seconds).toBeLessThan(2.5);
  });
});

/** A port on 127.0.0.1 that nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
