/**
 * A served project with vulnerable pins, for the security e2e tests: OSV records (fake OSV) and PyPI advisories
 * (release JSON `vulnerabilities` on the fake index), agreeing on some advisories and disagreeing on others.
 */
import type { FakeProject, FakeVulnerability } from '../fakes/index-server/types.js';
import type { OsvRecordFixture } from '../fakes/osv/server.js';

const OLD = '2024-01-01T00:00:00Z';
const NEW = '2026-10-01T00:00:00Z';

export const WEDNESDAY = '2026-12-02T10:00:00Z';

export const CONSTRAINTS = [
  'urllib3==1.0.0',
  'pkga==1.0',
  'pkgb==1.0',
  'oldpkg==1.0',
  'nofixpkg==1.0',
  'jinja==2.0',
  'disagree==3.0.0',
  'plain==1.0',
  '',
].join('\n');

export const RENOVATE = {
  schedule: ['every weekend'],
  prHourlyLimit: 1,
  prConcurrentLimit: 1,
  labels: ['dependencies'],
};

function pypiAdvisory(
  id: string,
  fixedIn: string[],
  extra: Partial<FakeVulnerability> = {},
): FakeVulnerability {
  return {
    id,
    aliases: [],
    summary: `summary of ${id}`,
    details: `details of ${id}`,
    fixed_in: fixedIn,
    link: `https://osv.dev/vulnerability/${id}`,
    source: 'osv',
    withdrawn: null,
    ...extra,
  };
}

function release(
  version: string,
  options: { requiresDist?: string[]; vulnerabilities?: FakeVulnerability[] } = {},
) {
  return { version, uploadTime: version.endsWith('.0') || version === '1.0' ? OLD : NEW, ...options };
}

export const PROJECTS: FakeProject[] = [
  {
    name: 'urllib3',
    releases: [
      release('1.0.0', {
        vulnerabilities: [pypiAdvisory('PYSEC-2026-1', ['1.0.1'], { aliases: ['CVE-2026-0001'] })],
      }),
      release('1.0.1'),
      release('1.0.2'),
      release('1.1.0'),
    ],
  },
  { name: 'pkga', releases: [release('1.0'), release('2.0', { requiresDist: ['pkgb>=2'] })] },
  { name: 'pkgb', releases: [release('1.0')] },
  { name: 'oldpkg', releases: [release('1.0'), release('1.1')] },
  { name: 'nofixpkg', releases: [release('1.0'), release('1.1')] },
  {
    name: 'jinja',
    releases: [
      release('2.0', { vulnerabilities: [pypiAdvisory('PYSEC-2026-7', ['2.1'])] }),
      release('2.1'),
      release('2.2'),
    ],
  },
  {
    name: 'disagree',
    releases: [
      release('3.0.0', { vulnerabilities: [pypiAdvisory('PYSEC-2026-9', ['3.0.2'])] }),
      release('3.0.1'),
      release('3.0.2'),
      release('3.1.0'),
    ],
  },
  { name: 'plain', releases: [release('1.0'), release('1.1')] },
];

function osvRecord(
  id: string,
  name: string,
  versions: string[],
  events: Record<string, string>[],
  extra: Partial<OsvRecordFixture> = {},
): OsvRecordFixture {
  return {
    id,
    modified: '2026-11-01T00:00:00Z',
    published: '2026-10-01T00:00:00Z',
    summary: `summary of ${id}`,
    details: `details of ${id}`,
    affected: [{ package: { name, ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events }], versions }],
    references: [{ type: 'ADVISORY', url: `https://github.com/advisories/${id}` }],
    schema_version: '1.6.0',
    ...extra,
  };
}

export const OSV_RECORDS: OsvRecordFixture[] = [
  // The same advisory as PyPI's PYSEC-2026-1 (through its CVE), and a second one fixed only in 1.0.2.
  osvRecord('GHSA-aaaa-aaaa-aaaa', 'urllib3', ['1.0.0'], [{ introduced: '0' }, { fixed: '1.0.1' }], {
    aliases: ['CVE-2026-0001'],
  }),
  osvRecord('GHSA-bbbb-bbbb-bbbb', 'urllib3', ['1.0.0', '1.0.1'], [{ introduced: '0' }, { fixed: '1.0.2' }]),
  osvRecord('GHSA-cccc-cccc-cccc', 'pkga', ['1.0'], [{ introduced: '0' }, { fixed: '2.0' }]),
  osvRecord('GHSA-dddd-dddd-dddd', 'oldpkg', ['1.0'], [{ introduced: '0' }, { fixed: '1.1' }], {
    withdrawn: '2026-11-02T00:00:00Z',
  }),
  osvRecord('GHSA-eeee-eeee-eeee', 'nofixpkg', ['1.0', '1.1'], [{ introduced: '0' }]),
  // PyPI says 3.0.2 fixes PYSEC-2026-9; OSV says 3.0.1 does: both must agree, so 3.0.2.
  osvRecord('GHSA-ffff-ffff-ffff', 'disagree', ['3.0.0'], [{ introduced: '0' }, { fixed: '3.0.1' }], {
    aliases: ['PYSEC-2026-9'],
  }),
];
