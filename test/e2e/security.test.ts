import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT, startWorld, type World } from './harness.js';
import { CONSTRAINTS, OSV_RECORDS, PROJECTS, RENOVATE, WEDNESDAY } from './security-fixtures.js';

let world: World;

async function open(renovate: Record<string, unknown>) {
  world = await startWorld({
    constraints: CONSTRAINTS,
    renovate,
    projects: PROJECTS,
    now: WEDNESDAY,
    osvRecords: OSV_RECORDS,
  });
}

beforeEach(() => open(RENOVATE));

afterEach(async () => {
  await world.close();
});

function botMrs() {
  return world.gitlab.mergeRequests(PROJECT).filter((mr) => mr.author.username === 'pingate-bot');
}

function dashboard(): string {
  const issue = world.gitlab.issues(PROJECT).find((i) => i.title === 'Dependency Dashboard');
  if (!issue) throw new Error('no dashboard');
  return issue.description;
}

async function pass(now = WEDNESDAY) {
  world.gitlab.setNow(now);
  const result = await world.run(['run', '--now', now]);
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  expect(result.code).toBe(0);
  return result;
}

const SECURITY_TITLES = [
  'Update dependency disagree to v3.0.2 [SECURITY]',
  'Update dependency jinja to v2.1 [SECURITY]',
  'Update dependency urllib3 to v1.0.2 [SECURITY]',
];

/** What the index's advisories alone give: OSV knows of a second urllib3 advisory, fixed only in 1.0.2. */
const INDEX_ONLY_TITLES = [
  'Update dependency disagree to v3.0.2 [SECURITY]',
  'Update dependency jinja to v2.1 [SECURITY]',
  'Update dependency urllib3 to v1.0.1 [SECURITY]',
];

describe('security updates (SPEC §13)', () => {
  it('on a Wednesday opens the security MRs, and only those, beyond the MR limits', async () => {
    await pass();
    const mrs = botMrs();
    expect(mrs.map((mr) => mr.title).sort()).toEqual(SECURITY_TITLES);
    for (const mr of mrs) expect(mr.labels).toEqual(['security']);
    // One batch for every pin, then one record per advisory id.
    const batches = world.osv.requests.filter((r) => r.path === '/v1/querybatch');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.queries).toBe(8);

    const urllib3 = mrs.find((mr) => mr.title.includes('urllib3'))!;
    expect(world.gitlab.files(PROJECT, urllib3.source_branch)['constraints.txt']).toBe(
      CONSTRAINTS.replace('urllib3==1.0.0', 'urllib3==1.0.2'),
    );
    expect(urllib3.source_branch).toBe('pingate/urllib3-security');
    for (const text of [
      '[GHSA-aaaa-aaaa-aaaa](https://github.com/advisories/GHSA-aaaa-aaaa-aaaa)',
      'CVE-2026-0001, PYSEC-2026-1',
      'summary of GHSA-bbbb-bbbb-bbbb',
      '| `1.0.2` |',
      'osv, pypi',
    ]) {
      expect(urllib3.description).toContain(text);
    }

    const body = dashboard();
    expect(body.indexOf('## Vulnerabilities')).toBeGreaterThan(0);
    expect(body.indexOf('## Vulnerabilities')).toBeLessThan(body.indexOf('## Awaiting Schedule'));
    expect(body).toContain(
      '- pkga 1.0 (constraints.txt): vulnerable, blocked: every release that fixes it conflicts',
    );
    expect(body).toContain('pkga 2.0 needs pkgb>=2');
    expect(body).toContain('- nofixpkg 1.0 (constraints.txt): no advisory names a fixed release: no MR');
    expect(body).not.toContain('oldpkg 1.0');
    expect(body).not.toContain('GHSA-dddd');
    expect(body).toMatch(/- urllib3 1\.0\.0 \(constraints\.txt\): security MR !\d+ to 1\.0\.2/);
    // The regular updates still wait for the weekend.
    expect(body).toContain('<!-- unschedule-branch=pingate/plain-1.x -->');

    // A second pass writes nothing new.
    const before = botMrs().length;
    await pass('2026-12-02T10:30:00Z');
    expect(botMrs()).toHaveLength(before);
  });

  it('goes on with the index advisories when OSV is down, and says so', async () => {
    world.osv.fail('/v1/querybatch', { status: 503, times: 20 });
    const result = await pass();
    expect(
      botMrs()
        .map((mr) => mr.title)
        .sort(),
    ).toEqual(INDEX_ONLY_TITLES);
    expect(dashboard()).toMatch(
      /## Problems[\s\S]*OSV \(http:\/\/127\.0\.0\.1:\d+\) could not be asked: .*HTTP 503/,
    );
    expect(result.stderr).toContain('OSV could not be asked');
  });

  it('on an air-gapped site (OSV unreachable) goes on with the index advisories, one Problem and one log line', async () => {
    world.gitlab.setNow(WEDNESDAY);
    const result = await world.run(['run', '--now', WEDNESDAY], { PINGATE_OSV_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(0);
    expect(
      botMrs()
        .map((mr) => mr.title)
        .sort(),
    ).toEqual(INDEX_ONLY_TITLES);
    expect(dashboard()).toMatch(/## Problems[\s\S]*OSV \(http:\/\/127\.0\.0\.1:9\) could not be asked/);
    expect(result.stderr.match(/OSV could not be asked/g)).toHaveLength(1);
  });

  it('turns off with vulnerabilityAlerts.enabled: false, and asks OSV nothing with osvVulnerabilityAlerts: false', async () => {
    await world.close();
    await open({ ...RENOVATE, osvVulnerabilityAlerts: false });
    await pass();
    expect(world.osv.requests).toEqual([]);
    expect(
      botMrs()
        .map((mr) => mr.title)
        .sort(),
    ).toEqual(INDEX_ONLY_TITLES);

    await world.close();
    await open({ ...RENOVATE, vulnerabilityAlerts: { enabled: false } });
    await pass();
    expect(world.osv.requests).toEqual([]);
    expect(botMrs()).toEqual([]);
    expect(dashboard()).not.toContain('## Vulnerabilities');
  });

  it('gives security MRs the MR keys inside vulnerabilityAlerts, over the top-level ones', async () => {
    await world.close();
    await open({
      ...RENOVATE,
      assignees: ['reporter'],
      vulnerabilityAlerts: {
        labels: ['sec'],
        addLabels: ['urgent', 'sec'],
        assignees: ['maintainer'],
        reviewers: ['reporter'],
      },
    });
    await pass();
    const mrs = botMrs();
    expect(mrs.map((mr) => mr.title).sort()).toEqual(SECURITY_TITLES);
    for (const mr of mrs) {
      expect(mr.labels).toEqual(['sec', 'urgent']);
      expect(mr.assignees.map((user) => user?.username)).toEqual(['maintainer']);
      expect(mr.reviewers.map((user) => user?.username)).toEqual(['reporter']);
    }

    // Without its own, a security MR takes the top-level people; its labels stay vulnerabilityAlerts' default.
    await world.close();
    await open({ ...RENOVATE, assignees: ['reporter'], reviewers: ['maintainer'] });
    await pass();
    for (const mr of botMrs()) {
      expect(mr.labels).toEqual(['security']);
      expect(mr.assignees.map((user) => user?.username)).toEqual(['reporter']);
      expect(mr.reviewers.map((user) => user?.username)).toEqual(['maintainer']);
    }
    expect(botMrs()).toHaveLength(3);
  });
});
