import { describe, expect, it } from 'vitest';
import { renderDescription } from '../../src/mr/description.js';
import { servedDigest } from '../../src/reconcile/rebase-when.js';
import { actionLines, BOT, HEAD, mr, PERSON, pairs, planned, run } from './fixtures.js';

const six = planned('six', '1.16.0', '1.17.0');
const attrs = planned('attrs', '23.1.0', '23.2.0');
const idna = planned('idna', '3.6', '3.7');

describe('reconcile: creating MRs', () => {
  it('creates a due branch: one commit of the constraints file and its yaml, on the head', () => {
    const result = run({ branches: [six] });
    expect(result).toEqual({
      actions: [
        {
          kind: 'create',
          branch: six,
          files: [
            {
              action: 'update',
              filePath: 'constraints.txt',
              content: 'attrs==23.1.0\nsix==1.17.0\nidna==3.6\n',
            },
            {
              action: 'update',
              filePath: 'pipeline/constraints.yml',
              content: expect.stringContaining('\n      six==1.17.0\n'),
            },
          ],
          title: 'Update dependency six to v1.17.0',
          description: renderDescription(six, {
            base: HEAD,
            served: servedDigest(pairs()),
            requiredJobs: [],
            automergeSchedule: ['at any time'],
          }),
        },
      ],
      branches: [six],
      closed: [],
      errored: [],
      handled: new Set(),
    });
  });

  it('creates nothing for a branch that waits', () => {
    const waiting = [
      planned('six', '1.16.0', '1.17.0', { kind: 'awaiting-schedule' }),
      planned('attrs', '23.1.0', '23.2.0', { kind: 'pending-approval' }),
      planned('idna', '3.6', '3.7', { kind: 'blocked', reason: 'x' }),
    ];
    expect(run({ branches: waiting }).actions).toEqual([]);
  });

  it('reports a branch whose commit cannot be written as errored', () => {
    const hashed = planned('six', '1.16.0', '1.17.0');
    const result = run({ branches: [hashed], text: `six==1.16.0 --hash=sha256:${'a'.repeat(64)}\n` });
    expect(result.actions).toEqual([]);
    expect(result.errored).toEqual([
      {
        branch: hashed,
        reason: 'six: six 1.16.0 is pinned with --hash options, but no sha256 digests of 1.17.0 were given',
      },
    ]);
  });

  it('counts the MRs created in the last hour against prHourlyLimit', () => {
    const recent = mr(planned('old', '1', '2'), { state: 'merged', createdAt: '2026-03-14T11:30:00Z' });
    const older = mr(planned('older', '1', '2'), { state: 'merged', createdAt: '2026-03-14T10:59:00Z' });
    const result = run({ branches: [six, attrs, idna], mrs: [recent, older], repo: { prHourlyLimit: 2 } });
    expect(actionLines(result)).toEqual(['create pingate/six-1.x']);
    expect(result.branches.map((b) => b.disposition.kind)).toEqual([
      'open-mr',
      'rate-limited',
      'rate-limited',
    ]);
  });

  it('creates a ticked branch outside its schedule and marks every box of it handled', () => {
    const waiting = planned('six', '1.16.0', '1.17.0', { kind: 'awaiting-schedule' });
    const result = run({ branches: [waiting], intents: { create: new Set([waiting.branch]) } });
    expect(actionLines(result)).toEqual(['create pingate/six-1.x']);
    expect(result.handled).toEqual(
      new Set(
        ['approve-branch', 'unschedule-branch', 'unlimit-branch', 'retry-branch'].map(
          (m) => `${m}=pingate/six-1.x`,
        ),
      ),
    );
  });
});

describe('reconcile: MRs closed unmerged', () => {
  const closed = (by: number, of = six) => mr(of, { state: 'closed', closedBy: { id: by } });

  it('blocks the same updates for good when a person closed the MR', () => {
    const result = run({ branches: [six], mrs: [closed(PERSON)] });
    expect(result.actions).toEqual([]);
    expect(result.closed).toEqual([six]);
    expect(result.branches).toEqual([]);
  });

  it('does not block when the bot closed it, or for a newer version', () => {
    expect(actionLines(run({ branches: [six], mrs: [closed(BOT)] }))).toEqual(['create pingate/six-1.x']);
    const older = closed(PERSON, planned('six', '1.16.0', '1.16.1'));
    const result = run({ branches: [six], mrs: [older] });
    expect([actionLines(result), result.closed]).toEqual([['create pingate/six-1.x'], []]);
  });

  it('looks at the newest MR of the branch only', () => {
    const byPerson = closed(PERSON);
    const merged = mr(six, { state: 'merged' });
    expect(actionLines(run({ branches: [six], mrs: [merged, byPerson] }))).toEqual([
      'create pingate/six-1.x',
    ]);
  });

  it('creates it again on a recreate tick', () => {
    const result = run({
      branches: [planned('six', '1.16.0', '1.17.0', { kind: 'awaiting-schedule' })],
      mrs: [closed(PERSON)],
      intents: { recreate: new Set([six.branch]), create: new Set([six.branch]) },
    });
    expect([actionLines(result), result.closed]).toEqual([['create pingate/six-1.x'], []]);
    expect(result.handled.has('recreate-branch=pingate/six-1.x')).toBe(true);
  });
});

describe('reconcile: bulk boxes', () => {
  const waiting = [
    planned('six', '1.16.0', '1.17.0', { kind: 'awaiting-schedule' }),
    planned('attrs', '23.1.0', '23.2.0', { kind: 'pending-age', eligibleAt: '2026-03-20T00:00:00Z' }),
    planned('idna', '3.6', '3.7', { kind: 'pending-approval' }),
  ];

  it('creates every branch of the section the bulk box heads', () => {
    const schedule = run({
      branches: waiting,
      intents: { bulk: new Set(['create-all-awaiting-schedule-prs']) },
    });
    expect(actionLines(schedule)).toEqual(['create pingate/six-1.x', 'create pingate/attrs-23.x']);
    expect(schedule.handled.has('create-all-awaiting-schedule-prs')).toBe(true);
    const approve = run({ branches: waiting, intents: { bulk: new Set(['approve-all-pending-prs']) } });
    expect(actionLines(approve)).toEqual(['create pingate/idna-3.x']);
  });

  it('creates every rate-limited branch', () => {
    const result = run({
      branches: [six, attrs, idna],
      repo: { prConcurrentLimit: 1 },
      intents: { bulk: new Set(['create-all-rate-limited-prs']) },
    });
    expect(actionLines(result)).toEqual([
      'create pingate/six-1.x',
      'create pingate/attrs-23.x',
      'create pingate/idna-3.x',
    ]);
  });

  it('rebuilds every open MR on rebase-all', () => {
    const mrs = [mr(six), mr(attrs)];
    const result = run({ branches: [six, attrs], mrs, intents: { bulk: new Set(['rebase-all-open-prs']) } });
    expect(actionLines(result)).toEqual([
      `rebuild !${mrs[0]!.iid} (rebase requested)`,
      `rebuild !${mrs[1]!.iid} (rebase requested)`,
    ]);
    expect(result.handled).toEqual(
      new Set(['rebase-all-open-prs', 'rebase-branch=pingate/six-1.x', 'rebase-branch=pingate/attrs-23.x']),
    );
  });
});
