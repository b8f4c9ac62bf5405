import { describe, expect, it } from 'vitest';
import { project, release } from './builders.js';
import { brief, plan, SATURDAY, WEDNESDAY } from './plan-helpers.js';

const six = { six: project('six', ['1.0', '1.1']) };

function dispositionOf(options: Parameters<typeof plan>[2], projects = six) {
  return plan('six==1.0\n', projects, options).branches.map((b) => b.disposition);
}

describe('dispositions', () => {
  it('opens inside the schedule and waits outside it, until the next start in the named zone', () => {
    expect(dispositionOf({ now: SATURDAY })).toEqual([{ kind: 'open-mr' }]);
    expect(dispositionOf({ now: WEDNESDAY })).toEqual([
      { kind: 'awaiting-schedule', until: '2026-03-14T00:00:00.000Z' },
    ]);
    const prague = { timezone: 'Europe/Prague' };
    expect(dispositionOf({ now: WEDNESDAY, repo: prague })).toEqual([
      { kind: 'awaiting-schedule', until: '2026-03-13T23:00:00.000Z' },
    ]);
    // 00:30 on Sunday in Prague is still Saturday in UTC; 00:30 on Monday in Prague is past the weekend.
    expect(dispositionOf({ now: new Date('2026-03-14T23:30:00Z'), repo: prague })).toEqual([
      { kind: 'open-mr' },
    ]);
    expect(dispositionOf({ now: new Date('2026-03-15T23:30:00Z'), repo: prague })).toEqual([
      { kind: 'awaiting-schedule', until: '2026-03-20T23:00:00.000Z' },
    ]);
  });

  it('uses the schedule a package rule sets', () => {
    const repo = { packageRules: [{ matchPackageNames: ['six'], schedule: ['at any time'] }] };
    expect(dispositionOf({ now: WEDNESDAY, repo })).toEqual([{ kind: 'open-mr' }]);
  });

  it('waits for approval, globally or by rule, whatever the schedule', () => {
    expect(dispositionOf({ repo: { dependencyDashboardApproval: true } })).toEqual([
      { kind: 'pending-approval' },
    ]);
    const repo = {
      packageRules: [{ matchUpdateTypes: ['major' as const], dependencyDashboardApproval: true }],
    };
    const result = plan(
      'six==1.0\n',
      { six: project('six', ['1.0', '1.1', '2.0']) },
      { repo, now: WEDNESDAY },
    );
    expect(result.branches.map(brief)).toEqual([
      'pingate/six-1.x: six 1.0→1.1 [awaiting-schedule until 2026-03-14T00:00:00.000Z]',
      'pingate/six-2.x: six 1.0→2.0 [pending-approval]',
    ]);
  });

  it('holds a release younger than minimumReleaseAge until it comes of age, before approval and schedule', () => {
    const young = { six: project('six', ['1.0', release('1.1', { uploadTime: '2026-03-13T12:00:00Z' })]) };
    const repo = { minimumReleaseAge: '3 days', dependencyDashboardApproval: true };
    expect(dispositionOf({ repo, now: WEDNESDAY }, young)).toEqual([
      { kind: 'pending-age', eligibleAt: '2026-03-16T12:00:00.000Z' },
    ]);
  });

  it('holds a group until its youngest release comes of age', () => {
    const projects = {
      boto3: project('boto3', ['1.0', release('1.1', { uploadTime: '2026-03-12T00:00:00Z' })]),
      botocore: project('botocore', ['1.0', release('1.1', { uploadTime: '2026-03-13T00:00:00Z' })]),
    };
    const repo = {
      minimumReleaseAge: '3 days',
      packageRules: [{ matchPackageNames: ['boto*'], groupName: 'boto' }],
    };
    const result = plan('boto3==1.0\nbotocore==1.0\n', projects, { repo });
    expect(result.branches.map(brief)).toEqual([
      'pingate/boto: boto3 1.0→1.1, botocore 1.0→1.1 [pending-age until 2026-03-16T00:00:00.000Z]',
    ]);
  });

  it('blocks an update pip could not install, and says why', () => {
    const projects = {
      botocore: project('botocore', ['1.34.0', '1.35.0']),
      urllib3: project('urllib3', ['2.2.1']),
    };
    const requires = {
      'botocore@1.34.0': ['urllib3>=1.25.4,<2.3'],
      'botocore@1.35.0': ['urllib3>=1.25.4,<2.1'],
      'urllib3@2.2.1': [],
    };
    const result = plan('botocore==1.34.0\nurllib3==2.2.1\n', projects, {
      requires,
      repo: { pingate: { pythonVersions: ['3.9', '3.12'] } },
    });
    const reason = 'botocore 1.35.0 needs urllib3>=1.25.4,<2.1 but constraints.txt pins urllib3==2.2.1';
    expect(result.branches.map((b) => [b.disposition, b.conflictSummary])).toEqual([
      [{ kind: 'blocked', reason }, `Blocked: ${reason}.`],
    ]);
    expect(result.missingMetadata).toEqual([]);
  });

  it('does not check conflicts with checkConflicts off', () => {
    const projects = {
      botocore: project('botocore', ['1.34.0', '1.35.0']),
      urllib3: project('urllib3', ['2.2.1']),
    };
    const requires = { 'botocore@1.35.0': ['urllib3<2.1'] };
    const result = plan('botocore==1.34.0\nurllib3==2.2.1\n', projects, {
      requires,
      repo: { pingate: { checkConflicts: false } },
    });
    expect(result.branches.map(brief)).toEqual(['pingate/botocore-1.x: botocore 1.34.0→1.35.0 [open-mr]']);
    expect(result.missingMetadata).toEqual([]);
  });

  it('lists the releases whose metadata the check lacked', () => {
    const result = plan(
      'botocore==1.34.0\nurllib3==2.2.1\n',
      {
        botocore: project('botocore', ['1.34.0', '1.35.0']),
        urllib3: project('urllib3', ['2.2.1']),
      },
      { requires: { 'botocore@1.34.0': [] } },
    );
    expect(result.missingMetadata).toEqual([
      { normalizedName: 'urllib3', version: '2.2.1' },
      { normalizedName: 'botocore', version: '1.35.0' },
    ]);
  });
});

describe('conflict companions', () => {
  it('moves the other pin along when its newer release satisfies both, and drops its own branch', () => {
    const projects = {
      awscli: project('awscli', ['1.0', '1.1']),
      s3transfer: project('s3transfer', ['0.9', '0.10.1', '0.10.4']),
    };
    const requires = {
      'awscli@1.0': ['s3transfer>=0.9,<0.10'],
      'awscli@1.1': ['s3transfer>=0.10.0,<0.11'],
      's3transfer@0.9': [],
      's3transfer@0.10.4': [],
      's3transfer@0.10.1': [],
    };
    const result = plan('awscli==1.0\ns3transfer==0.9\n', projects, { requires });
    expect(result.branches.map(brief)).toEqual([
      'pingate/awscli-1.x: awscli 1.0→1.1, s3transfer 0.9→0.10.4 [open-mr]',
    ]);
    expect(result.branches[0]?.conflictSummary).toBe(
      'pip can install the updated set: every requirement between the pins is met.\n' +
        'Moved together so that both are satisfied: s3transfer 0.9 → 0.10.4.',
    );
    expect(result.rows.map((r) => [r.name, r.branches])).toEqual([
      ['awscli', ['pingate/awscli-1.x']],
      ['s3transfer', ['pingate/awscli-1.x']],
    ]);
  });

  it('takes as companion only a release old enough for minimumReleaseAge', () => {
    const projects = {
      awscli: project('awscli', ['1.0', '1.1']),
      s3transfer: project('s3transfer', [
        '0.9',
        '0.10.1',
        release('0.10.4', { uploadTime: '2026-03-13T00:00:00Z' }),
      ]),
    };
    const requires = {
      'awscli@1.0': ['s3transfer<0.10'],
      'awscli@1.1': ['s3transfer>=0.10.0,<0.11'],
      's3transfer@0.9': [],
      's3transfer@0.10.4': [],
      's3transfer@0.10.1': [],
    };
    const repo = { minimumReleaseAge: '3 days' };
    const result = plan('awscli==1.0\ns3transfer==0.9\n', projects, { requires, repo });
    expect(result.branches.map(brief)).toEqual([
      'pingate/awscli-1.x: awscli 1.0→1.1, s3transfer 0.9→0.10.1 [open-mr]',
    ]);
  });

  it('takes for a hashed pin only a companion whose files all have sha256 digests', () => {
    const projects = {
      awscli: project('awscli', ['1.0', '1.1']),
      s3transfer: project('s3transfer', ['0.9', '0.10.1', release('0.10.4', { sha256: ['ab', null] })]),
    };
    const requires = {
      'awscli@1.0': ['s3transfer<0.10'],
      'awscli@1.1': ['s3transfer>=0.10.0,<0.11'],
      's3transfer@0.9': [],
      's3transfer@0.10.4': [],
      's3transfer@0.10.1': [],
    };
    const text = `awscli==1.0\ns3transfer==0.9 --hash=sha256:${'a'.repeat(64)}\n`;
    const result = plan(text, projects, { requires });
    expect(result.branches.map((b) => b.updates.map((u) => [u.name, u.to, u.sha256]))).toEqual([
      [
        ['awscli', '1.1', undefined],
        ['s3transfer', '0.10.1', ['sha-0.10.1-0']],
      ],
    ]);
  });

  it('applies the rules of a companion’s update type to the branch it joins', () => {
    const projects = {
      awscli: project('awscli', ['1.0', '1.1']),
      s3transfer: project('s3transfer', ['0.9', '1.0.0']),
    };
    const requires = {
      'awscli@1.0': ['s3transfer<1'],
      'awscli@1.1': ['s3transfer>=1.0'],
      's3transfer@0.9': [],
      's3transfer@1.0.0': [],
    };
    const majors = {
      matchUpdateTypes: ['major' as const],
      automerge: false,
      dependencyDashboardApproval: true,
      labels: ['major'],
    };
    const result = plan('awscli==1.0\ns3transfer==0.9\n', projects, {
      requires,
      repo: { packageRules: [majors] },
    });
    expect(result.branches.map((b) => [brief(b), b.updateType, b.automerge, b.labels])).toEqual([
      [
        'pingate/awscli-1.x: awscli 1.0→1.1, s3transfer 0.9→1.0.0 [pending-approval]',
        'major',
        false,
        ['major'],
      ],
    ]);
  });

  it('proposes two pins that need each other once, on the first one’s branch', () => {
    const projects = {
      boto3: project('boto3', ['1.34.0', '1.35.0']),
      botocore: project('botocore', ['1.34.0', '1.35.0']),
    };
    const requires = {
      'boto3@1.34.0': ['botocore>=1.34.0,<1.35.0'],
      'boto3@1.35.0': ['botocore>=1.35.0,<1.36.0'],
      'botocore@1.34.0': [],
      'botocore@1.35.0': [],
    };
    const result = plan('boto3==1.34.0\nbotocore==1.34.0\n', projects, { requires });
    expect(result.branches.map(brief)).toEqual([
      'pingate/boto3-1.x: boto3 1.34.0→1.35.0, botocore 1.34.0→1.35.0 [open-mr]',
    ]);
  });
});
