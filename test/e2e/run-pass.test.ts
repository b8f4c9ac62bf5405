import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, project, startWorld, type World, yamlFor } from './harness.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';
const CONSTRAINTS = [
  '# pins for the pipeline',
  'anyio==4.2.0',
  'attrs==23.2.0',
  'click==8.1.7',
  'idna==3.6  # why: IDNA 2008',
  'requests==2.31.0',
  'this is not == a pin',
  'urllib3==2.2.0',
  '',
].join('\n');

const RENOVATE = {
  timezone: 'Europe/Prague',
  schedule: ['every weekend'],
  prHourlyLimit: 2,
  prConcurrentLimit: 10,
  pingate: { requiredJobs: ['/^test-install/'], pythonVersions: ['3.12'] },
};

const PROJECTS = [
  project(
    'anyio',
    [
      ['4.2.0', OLD],
      ['4.3.0', NEW],
    ],
    { Changelog: 'https://anyio.example/changes' },
  ),
  project('attrs', [
    ['23.2.0', OLD],
    ['24.1.0', NEW],
  ]),
  project('click', [['8.1.7', OLD]]),
  project('idna', [
    ['3.6', OLD],
    ['3.7', NEW],
  ]),
  project('requests', [
    ['2.31.0', OLD, ['urllib3<3,>=1.21.1', 'idna<4,>=2.5']],
    ['2.32.3', NEW, ['urllib3<3,>=1.21.1', 'idna<4,>=2.5']],
  ]),
  project('urllib3', [
    ['2.2.0', OLD],
    ['2.2.1', NEW],
  ]),
];

const WEDNESDAY = '2026-11-18T10:00:00Z';
const SATURDAY = '2026-11-21T10:00:00Z';

let world: World;

beforeEach(async () => {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate: RENOVATE,
    projects: PROJECTS,
    now: WEDNESDAY,
  });
});

afterEach(async () => {
  await world.close();
});

function botMrs() {
  return world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
}

function dashboard() {
  const issue = world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard');
  if (!issue) throw new Error('no dashboard');
  return issue;
}

async function pass(now: string, extra: string[] = []) {
  world.gitlab.setNow(now);
  const result = await world.run(['run', '--now', now, ...extra]);
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  expect(result.code).toBe(0);
  return result;
}

describe('pingate run on the fake GitLab', () => {
  it('waits for the schedule on a weekday, opens exactly a ticked update, then fills the weekend up to the limits', async () => {
    const weekday = await pass(WEDNESDAY);
    expect(weekday.stdout).toContain(`${PROJECT}: done`);
    expect(botMrs()).toEqual([]);
    const body = dashboard().description;
    expect(body).toContain('## Awaiting Schedule');
    for (const branch of ['anyio-4.x', 'attrs-24.x', 'idna-3.x', 'requests-2.x', 'urllib3-2.x']) {
      expect(body).toContain(`- [ ] <!-- unschedule-branch=pingate/${branch} -->`);
    }
    expect(body).toContain('<!-- create-all-awaiting-schedule-prs -->');
    expect(body).toContain('## Problems');
    expect(body).toMatch(/constraints\.txt:7:\d+: /);

    world.gitlab.editIssue(
      world.maintainer,
      PROJECT,
      dashboard().iid,
      body.replace(
        '- [ ] <!-- unschedule-branch=pingate/idna-3.x -->',
        '- [x] <!-- unschedule-branch=pingate/idna-3.x -->',
      ),
    );
    await pass('2026-11-18T10:05:00Z');
    expect(botMrs().map((mr) => mr.title)).toEqual(['Update dependency idna to v3.7']);
    expect(dashboard().description).not.toContain('- [x]');

    await pass(SATURDAY);
    const titles = botMrs().map((mr) => mr.title);
    expect(titles).toHaveLength(3);
    expect(dashboard().description).toContain('## Rate-Limited');
    expect(dashboard().description).toMatch(/## Open[\s\S]*!1/);
  });

  it('commits only the version text of the updated lines and the regenerated yaml, keeping the bad line', async () => {
    await pass(SATURDAY);
    const mr = botMrs().find((m) => m.title === 'Update dependency anyio to v4.3.0');
    expect(mr).toBeDefined();
    const files = world.gitlab.files(PROJECT, mr!.source_branch);
    const expected = CONSTRAINTS.replace('anyio==4.2.0', 'anyio==4.3.0');
    expect(files['constraints.txt']).toBe(expected);
    expect(files['pipeline/constraints.yml']).toBe(yamlFor(expected));
    expect(files['renovate.json']).toBe(world.gitlab.file(PROJECT, 'renovate.json'));
    const commits = world.gitlab.commits(PROJECT, mr!.source_branch);
    expect(commits[1]!.id).toBe(world.gitlab.branches(PROJECT).main);
    // The release's page on the index it was looked up on (the fake one here), not pypi.org.
    expect(mr!.description).toContain(`${new URL(world.index.url).origin}/project/anyio/4.3.0/`);
    expect(mr!.description).not.toContain('pypi.org');
    expect(mr!.description).toContain('https://anyio.example/changes');
    expect(mr!.labels).toEqual([]);
  });

  it('writes nothing on a second pass with nothing changed', async () => {
    await pass(SATURDAY);
    const writes = world.gitlab.writeCount();
    const reads = world.gitlab.requests().length;
    await pass(SATURDAY);
    expect(world.gitlab.writeCount()).toBe(writes);
    const secondReads = world.gitlab.requests().length - reads - 0;
    expect(secondReads).toBeGreaterThan(0);
  });

  it('never reopens a version a person closed, and lists it under Closed', async () => {
    await pass(SATURDAY);
    const anyio = botMrs().find((m) => m.title.includes('anyio'));
    expect(anyio).toBeDefined();
    world.gitlab.closeMergeRequest(world.maintainer, PROJECT, anyio!.iid);
    await pass('2026-11-21T13:00:00Z');
    expect(botMrs().filter((m) => m.title.includes('anyio'))).toHaveLength(1);
    expect(dashboard().description).toContain('## Closed');
    expect(dashboard().description).toContain('<!-- recreate-branch=pingate/anyio-4.x -->');
  });

  it("counts a failed look-up among the summary's errors, as the dashboard lists it under Errored", async () => {
    world.index.failNext(/^\/pypi\/attrs\//, { status: 404, times: 5 });
    const result = await pass(WEDNESDAY);
    expect(result.stdout).toMatch(/, 1 error\(s\)\n/);
    expect(result.stdout).toMatch(/! look up attrs 23\.2\.0: /);
    expect(dashboard().description).toContain('## Errored');
  });

  it('finishes the job after a pass interrupted by a failing GitLab, without duplicates', async () => {
    world.gitlab.failRequest({ method: 'POST', path: /merge_requests$/ }, { status: 500, times: 1 });
    const broken = await pass(SATURDAY);
    expect(broken.stdout).toMatch(/error/);
    await pass('2026-11-21T10:10:00Z');
    const branches = botMrs().map((m) => m.source_branch);
    expect(new Set(branches).size).toBe(branches.length);
    expect(branches.length).toBeGreaterThanOrEqual(2);
    const writes = world.gitlab.writeCount();
    await pass('2026-11-21T10:10:00Z');
    expect(world.gitlab.writeCount()).toBe(writes);
  });
});
