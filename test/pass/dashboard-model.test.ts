import { describe, expect, it } from 'vitest';
import { dashboardModel, itemTitle } from '../../src/pass/dashboard-model.js';
import type { PlanOutput } from '../../src/plan/build-plan.js';
import type { PlanRow } from '../../src/plan/types.js';
import { branch, update } from '../plan/builders.js';
import { pairs } from '../reconcile/fixtures.js';

const text = 'attrs==23.1.0\n# comment\n\nsix==1.16.0\nidna==3.6\n';

function row(name: string, status: PlanRow['status']): PlanRow {
  return { file: 'constraints.txt', name, normalizedName: name, current: '1', status, branches: [] };
}

const approval = branch({
  updates: [update({ name: 'six', from: '1.16.0', to: '1.17.0' })],
  disposition: { kind: 'pending-approval' },
});
const schedule = branch({
  updates: [update({ name: 'attrs', from: '23.1.0', to: '24.1.0', updateType: 'major' })],
  disposition: { kind: 'awaiting-schedule', until: '2026-03-13T23:00:00.000Z' },
});
const age = branch({
  updates: [update({ name: 'idna', from: '3.6', to: '3.7' })],
  disposition: { kind: 'pending-age', eligibleAt: '2026-03-16T12:00:00.000Z' },
});
const limited = branch({
  branch: 'pingate/boto',
  title: 'Update group boto',
  groupName: 'boto',
  updates: [
    update({ name: 'boto3', from: '1.0', to: '1.1' }),
    update({ name: 'botocore', from: '1.0', to: '1.1' }),
    update({ name: 'boto3', from: '1.0', to: '1.1', file: 'other.txt' }),
  ],
  disposition: { kind: 'rate-limited', limit: 'hourly' },
});
const blocked = branch({
  updates: [update({ name: 'botocore', from: '1.0', to: '2.0', updateType: 'major' })],
  disposition: {
    kind: 'blocked',
    reason: 'botocore 2.0 needs urllib3<2 but constraints.txt pins urllib3==2.2.1',
  },
});
// An open MR outside the schedule is listed under Open only.
const opened = branch({
  updates: [update({ name: 'anyio', from: '4.0', to: '4.1' })],
  disposition: { kind: 'awaiting-schedule', until: '2026-03-13T23:00:00.000Z' },
});

const plan: PlanOutput = {
  rows: [
    row('attrs', 'update'),
    row('six', 'update'),
    row('certifi', 'up-to-date'),
    row('urllib3', 'up-to-date'),
  ],
  branches: [],
  errored: [
    { file: 'constraints.txt', name: 'flask', normalizedName: 'flask', version: '3.0', reason: 'HTTP 503' },
  ],
  diagnostics: [{ file: 'constraints.txt', line: 7, column: 6, message: 'expected a version' }],
  notPinned: ['constraints.txt: twine 5.0.0 requires rich>=12 (not pinned)'],
  missingMetadata: [],
};

describe('dashboardModel', () => {
  it('puts each update in the section of its disposition, with errors, open and closed MRs', () => {
    const model = dashboardModel({
      plan,
      pairs: pairs(text),
      timezone: 'Europe/Prague',
      branches: [approval, schedule, age, limited, blocked, opened],
      closed: [branch({ updates: [update({ name: 'pytz', from: '2023.3', to: '2024.1' })] })],
      writeErrors: [{ branch: approval, reason: 'six: no digests' }],
      open: [
        { branch: 'pingate/zzz-1.x', iid: 12, title: 'Update dependency zzz to v1.1', gateState: '' },
        { branch: opened.branch, iid: 3, title: opened.title, gateState: 'pipeline running' },
      ],
      knownGood: [{ sha: 'c0ffee', date: '2026-03-01T10:00:00Z', mrIid: 2 }],
      problems: ['renovate.json:1:1: bad'],
    });
    expect(model).toEqual({
      problems: [
        'renovate.json:1:1: bad',
        'constraints.txt:7:6: expected a version',
        'constraints.txt: twine 5.0.0 requires rich>=12 (not pinned)',
      ],
      vulnerabilities: [],
      pendingApproval: [{ branch: 'pingate/six-1.x', title: 'Update dependency six to v1.17.0' }],
      awaitingSchedule: [
        {
          branch: 'pingate/attrs-24.x',
          title: 'Update dependency attrs to v24.1.0',
          detail: 'awaiting schedule until 2026-03-14 00:00 Europe/Prague',
        },
        {
          branch: 'pingate/idna-3.x',
          title: 'Update dependency idna to v3.7',
          detail: 'pending: release too new until 2026-03-16 13:00 Europe/Prague',
        },
      ],
      rateLimited: [{ branch: 'pingate/boto', title: 'Update group boto (boto3, botocore)' }],
      blocked: [
        {
          title: 'Update dependency botocore to v2.0',
          reason: 'botocore 2.0 needs urllib3<2 but constraints.txt pins urllib3==2.2.1',
        },
      ],
      errored: [
        { title: 'Look up flask 3.0', reason: 'HTTP 503' },
        { branch: 'pingate/six-1.x', title: 'Update dependency six to v1.17.0', reason: 'six: no digests' },
      ],
      open: [
        { branch: opened.branch, iid: 3, title: opened.title, gateState: 'pipeline running' },
        { branch: 'pingate/zzz-1.x', iid: 12, title: 'Update dependency zzz to v1.1', gateState: '' },
      ],
      closed: [{ branch: 'pingate/pytz-2024.x', title: 'Update dependency pytz to v2024.1' }],
      knownGood: [{ sha: 'c0ffee', date: '2026-03-01T10:00:00Z', mrIid: 2 }],
      detected: [{ file: 'constraints.txt', lines: ['attrs==23.1.0', 'six==1.16.0', 'idna==3.6'] }],
      freshness: { upToDate: 2, minorBehind: 5, majorBehind: 1, blocked: 1 },
    });
  });

  it('counts a package behind by a major once, as major, and a blocked one only as blocked', () => {
    const minorAndMajor = [
      branch({ updates: [update({ name: 'attrs', from: '23.1', to: '23.2' })] }),
      branch({ updates: [update({ name: 'attrs', from: '23.1', to: '24.1', updateType: 'major' })] }),
      branch({ updates: [update({ name: 'six', from: '1.0', to: '1.1' })] }),
      branch({
        updates: [update({ name: 'six', from: '1.0', to: '2.0', updateType: 'major' })],
        disposition: { kind: 'blocked', reason: 'r' },
      }),
    ];
    const model = dashboardModel({ plan, pairs: pairs(text), timezone: 'UTC', branches: minorAndMajor });
    expect(model.freshness).toEqual({ upToDate: 2, minorBehind: 0, majorBehind: 1, blocked: 1 });
  });
});

describe('itemTitle', () => {
  it('is the branch title, with the package names for a group', () => {
    expect(itemTitle(approval)).toBe('Update dependency six to v1.17.0');
    expect(itemTitle(limited)).toBe('Update group boto (boto3, botocore)');
  });
});
