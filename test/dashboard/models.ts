import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type DashboardModel, emptyDashboardModel } from '../../src/dashboard/model.js';

const fixtures = new URL('../fixtures/dashboard/', import.meta.url);

export function fixtureLines(name: string): string[] {
  return readFileSync(new URL(name, fixtures), 'utf8').replace(/\n$/, '').split('\n');
}

/** Compares with a golden file; `UPDATE_GOLDEN=1 npx vitest run test/dashboard` rewrites it after a deliberate change. */
export function expectGolden(actual: string, name: string): void {
  const path = fileURLToPath(new URL(name, fixtures));
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Every section filled, with more than one box wherever a bulk box can appear. */
export function fullModel(): DashboardModel {
  return {
    vulnerabilities: [
      {
        pin: 'django 3.1.0 (constraints.txt)',
        action: 'security MR to 3.1.6: would open MR',
        advisories: ['PYSEC-2021-9 (CVE-2021-3281): directory traversal; affected <3.1.6; fixed in 3.1.6'],
      },
    ],
    problems: [
      'constraints.txt:14:1: expected a requirement such as name==1.2.3, found "<<<<<<< HEAD"',
      'renovate.json: schedule[0]: "every wekend" is not a schedule; e.g. "every weekend"',
      'not pinned: requests-toolbelt (required by twine 5.0.0)',
    ],
    pendingApproval: [
      { branch: 'pingate/django-5.x', title: 'Update dependency Django to v5.0.2' },
      { branch: 'pingate/boto', title: 'Update group boto (boto3, botocore)' },
    ],
    awaitingSchedule: [
      {
        branch: 'pingate/anyio-4.x',
        title: 'Update dependency anyio to v4.3.0',
        detail: 'until 2026-11-28 00:00 Europe/Prague',
      },
      {
        branch: 'pingate/attrs-23.x',
        title: 'Update dependency attrs to v23.2.1',
        detail: 'until 2026-11-28 00:00 Europe/Prague',
      },
      {
        branch: 'pingate/zope_interface-6.x',
        title: 'Update dependency zope_interface to v6.2',
        detail: 'until 2026-11-28 00:00 Europe/Prague',
      },
    ],
    rateLimited: [
      { branch: 'pingate/click-8.x', title: 'Update dependency click to v8.1.8' },
      { branch: 'pingate/furl-2.x', title: 'Update dependency furl to v2.1.4' },
    ],
    blocked: [
      {
        title: 'Update dependency botocore to v1.35.0',
        reason: 'botocore 1.35.0 needs urllib3>=1.25.4,<2.1 but constraints.txt pins urllib3==2.2.1',
      },
    ],
    errored: [
      {
        title: 'Update dependency cki-lib',
        reason: 'look-up failed: HTTP 503 from https://pypi.org/pypi/cki-lib/json',
      },
      {
        branch: 'pingate/certifi-2024.x',
        title: 'Update dependency certifi to v2024.7.4',
        reason: 'no sha256 digests listed for certifi 2024.7.4',
      },
    ],
    open: [
      {
        branch: 'pingate/arrow-1.x',
        iid: 41,
        title: 'Update dependency arrow to v1.3.1',
        gateState: 'pipeline running',
      },
      {
        branch: 'pingate/backoff-2.x',
        iid: 42,
        title: 'Update dependency backoff to v2.2.2',
        gateState: 'installation tests failed: install-py39, install-py312',
      },
    ],
    closed: [{ branch: 'pingate/cachetools-5.x', title: 'Update dependency cachetools to v5.3.3' }],
    knownGood: [
      { sha: '9f1c2d3e4b5a69788796a5b4c3d2e1f001122334', date: '2026-05-02T08:00:00Z', mrIid: 40 },
      { sha: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', date: '2026-04-25T07:30:00Z', mrIid: 37 },
    ],
    detected: [
      {
        file: 'constraints.txt',
        lines: fixtureLines('cki-pipeline-definition-constraints-PARTIAL-reconstructed-2024-02.txt').slice(
          0,
          8,
        ),
      },
      {
        file: 'services/docs/constraints.txt',
        lines: fixtureLines('pypa-pip-docs-requirements-file-format-example.txt'),
      },
    ],
    freshness: { upToDate: 38, minorBehind: 5, majorBehind: 1, blocked: 1 },
  };
}

/** One update waiting for the schedule and nothing else to say. */
export function smallModel(): DashboardModel {
  return {
    ...emptyDashboardModel(),
    awaitingSchedule: [
      {
        branch: 'pingate/anyio-4.x',
        title: 'Update dependency anyio to v4.3.0',
        detail: 'until 2026-11-28 00:00 UTC',
      },
    ],
    detected: [{ file: 'constraints.txt', lines: ['anyio==4.2.0', 'attrs==23.2.0'] }],
    freshness: { upToDate: 1, minorBehind: 1, majorBehind: 0, blocked: 0 },
  };
}
