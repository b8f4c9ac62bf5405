import { describe, expect, it } from 'vitest';
import { evaluateGate, foreignCommits, latestPipelineFor } from '../../src/gate/evaluate.js';
import {
  BOT,
  botCommit,
  gateInput,
  gitlabStatus,
  HEAD,
  job,
  mergeRequest,
  OLD,
  PROJECT,
  pipeline,
} from './builders.js';

const REQUIRED = ['test-install-3.9', 'test-install-3.12'];

/** The pipeline's jobs with the two installation tests in the given states. */
function installJobs(py39: string, py312: string, extra: Parameters<typeof job>[3] = {}) {
  return [
    job(1001, 'lint', 'success'),
    job(1002, 'test-install-3.9', py39, extra),
    job(1003, 'test-install-3.12', py312, extra),
  ];
}

describe('evaluateGate: merge', () => {
  it('merges when the pipeline for the head passed with every required job', () => {
    const decision = evaluateGate(gateInput());
    expect(decision).toEqual({
      verdict: 'merge',
      state: 'ready',
      reason:
        'pipeline #100 passed with test-install-3.12, test-install-3.9 on 3f2a9c1d and GitLab reports the MR mergeable',
      failedJobs: [],
      missingJobs: [],
      checkedSha: HEAD,
      pipeline: { id: 100, status: 'success', webUrl: `${PROJECT}/-/pipelines/100` },
      mergeability: gitlabStatus('mergeable'),
    });
  });

  it('checks the head the MR has, whatever other pipelines exist', () => {
    const input = gateInput({ pipelines: [pipeline(90, 'failed', OLD), pipeline(100, 'success')] });
    expect(evaluateGate(input)).toMatchObject({ verdict: 'merge', checkedSha: HEAD });
  });

  it('matches required jobs by /regex/, and every job the regex matches must pass', () => {
    const input = gateInput({ requiredJobs: ['/^test-install-/'] });
    expect(evaluateGate(input).verdict).toBe('merge');

    const oneFailed = gateInput({
      requiredJobs: ['/^test-install-/'],
      jobs: installJobs('success', 'failed'),
    });
    expect(evaluateGate(oneFailed)).toMatchObject({
      verdict: 'failed',
      state: 'required-jobs-failed',
      reason: 'installation tests failed: test-install-3.12 (failed)',
    });
  });

  it('reads regex flags: /^TEST-install/i matches test-install-3.9', () => {
    const input = gateInput({ requiredJobs: ['/^TEST-install-3\\.9$/i'] });
    expect(evaluateGate(input)).toMatchObject({ verdict: 'merge', missingJobs: [] });
  });
});

describe('evaluateGate: required jobs', () => {
  it.each([
    ['skipped', 'skipped'],
    ['manual', 'manual'],
    ['canceled', 'canceled'],
  ])('a required job %s is not success', (status, text) => {
    const decision = evaluateGate(gateInput({ jobs: installJobs('success', status) }));
    expect(decision).toMatchObject({
      verdict: 'failed',
      state: 'required-jobs-failed',
      reason: `installation tests failed: test-install-3.12 (${text})`,
      failedJobs: [
        {
          name: 'test-install-3.12',
          status,
          webUrl: `${PROJECT}/-/jobs/1003`,
          allowFailure: false,
          required: true,
        },
      ],
    });
  });

  it('a required job that failed with allow_failure is not success, although the pipeline passed', () => {
    const jobs = [
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'failed', { allowFailure: true }),
    ];
    const decision = evaluateGate(gateInput({ jobs }));
    expect(decision.verdict).toBe('failed');
    expect(decision.reason).toBe('installation tests failed: test-install-3.12 (failed, allowed to fail)');
    expect(decision.failedJobs[0]).toMatchObject({ name: 'test-install-3.12', allowFailure: true });
  });

  it('lists every failing required job, sorted by name', () => {
    const decision = evaluateGate(gateInput({ jobs: installJobs('skipped', 'failed') }));
    expect(decision.reason).toBe(
      'installation tests failed: test-install-3.12 (failed), test-install-3.9 (skipped)',
    );
    expect(decision.failedJobs.map((j) => j.name)).toEqual(['test-install-3.12', 'test-install-3.9']);
  });

  it('a required entry that matches no job fails the gate, naming the entry', () => {
    const decision = evaluateGate(gateInput({ requiredJobs: ['test-install-3.9', '/^test-docs/'] }));
    expect(decision).toMatchObject({
      verdict: 'failed',
      state: 'required-jobs-missing',
      missingJobs: ['/^test-docs/'],
      failedJobs: [],
      reason: 'no job of pipeline #100 matched the installation tests: /^test-docs/',
    });
  });

  it('reports failed and missing required jobs together, as a failure', () => {
    const input = gateInput({
      requiredJobs: [...REQUIRED, 'test-install-3.13'],
      jobs: installJobs('success', 'failed'),
    });
    expect(evaluateGate(input)).toMatchObject({
      state: 'required-jobs-failed',
      missingJobs: ['test-install-3.13'],
      reason: 'installation tests failed: test-install-3.12 (failed); no job matched test-install-3.13',
    });
  });

  it('an entry whose regex does not compile matches nothing, so never merges', () => {
    const decision = evaluateGate(gateInput({ requiredJobs: ['/test-install-(/'] }));
    expect(decision).toMatchObject({ verdict: 'failed', missingJobs: ['/test-install-(/'] });
  });

  it('a required job still running waits, even when the pipeline reads as passed', () => {
    const decision = evaluateGate(gateInput({ jobs: installJobs('success', 'running') }));
    expect(decision).toMatchObject({
      verdict: 'wait',
      state: 'pipeline-running',
      reason: 'installation tests still running: test-install-3.12 (running)',
      failedJobs: [],
    });
  });

  it('a job that is not required may fail with allow_failure; the pipeline passed, so it merges', () => {
    const jobs = [...installJobs('success', 'success'), job(1004, 'docs', 'failed', { allowFailure: true })];
    expect(evaluateGate(gateInput({ jobs })).verdict).toBe('merge');
  });
});

describe('evaluateGate: retried jobs count by their latest attempt', () => {
  it('failed, then passed on retry: merge', () => {
    const jobs = [
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'failed', { retried: true }),
      job(1010, 'test-install-3.12', 'success'),
    ];
    expect(evaluateGate(gateInput({ jobs })).verdict).toBe('merge');
  });

  it('passed, then failed on retry: failed, linking the latest attempt', () => {
    const jobs = [
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'success', { retried: true }),
      job(1010, 'test-install-3.12', 'failed'),
    ];
    const decision = evaluateGate(gateInput({ jobs }));
    expect(decision.verdict).toBe('failed');
    expect(decision.failedJobs).toEqual([
      {
        name: 'test-install-3.12',
        status: 'failed',
        webUrl: `${PROJECT}/-/jobs/1010`,
        allowFailure: false,
        required: true,
      },
    ]);
  });

  it('goes by the highest id, not by list order or the retried flag', () => {
    const jobs = [
      job(1010, 'test-install-3.12', 'success'),
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'failed'),
    ];
    expect(evaluateGate(gateInput({ jobs })).verdict).toBe('merge');
  });

  it('a retry in progress waits for its result', () => {
    const jobs = [
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'failed', { retried: true }),
      job(1010, 'test-install-3.12', 'pending'),
    ];
    expect(evaluateGate(gateInput({ jobs, pipelines: [pipeline(100, 'running')] }))).toMatchObject({
      verdict: 'wait',
      state: 'pipeline-running',
    });
  });
});

describe('evaluateGate: which pipeline', () => {
  it('a pipeline only for an older SHA: waiting for a pipeline', () => {
    const decision = evaluateGate(gateInput({ pipelines: [pipeline(100, 'success', OLD)] }));
    expect(decision).toMatchObject({
      verdict: 'wait',
      state: 'waiting-for-pipeline',
      reason: 'no pipeline has run on the head commit 3f2a9c1d yet',
      pipeline: null,
      checkedSha: HEAD,
    });
  });

  it('no pipeline at all: waiting for a pipeline', () => {
    expect(evaluateGate(gateInput({ pipelines: [], jobs: [] })).state).toBe('waiting-for-pipeline');
  });

  it('two pipelines for the head, the older passed and the newer failed: failed', () => {
    const pipelines = [pipeline(101, 'failed'), pipeline(100, 'success')];
    const jobs = installJobs('success', 'failed');
    expect(evaluateGate(gateInput({ pipelines, jobs }))).toMatchObject({
      verdict: 'failed',
      state: 'required-jobs-failed',
      pipeline: { id: 101, status: 'failed' },
    });
  });

  it('two pipelines for the head, the older failed and the newer passed: merge', () => {
    const pipelines = [pipeline(100, 'failed'), pipeline(101, 'success')];
    expect(evaluateGate(gateInput({ pipelines }))).toMatchObject({ verdict: 'merge', pipeline: { id: 101 } });
  });

  it('latestPipelineFor ignores other SHAs and picks the highest id', () => {
    const pipelines = [pipeline(120, 'success', OLD), pipeline(101, 'failed'), pipeline(105, 'running')];
    expect(latestPipelineFor(pipelines, HEAD)?.id).toBe(105);
    expect(latestPipelineFor(pipelines, 'ffff')).toBeUndefined();
  });
});

describe('evaluateGate: pipeline state', () => {
  it.each(['running', 'pending', 'created', 'preparing', 'waiting_for_resource', 'scheduled'])(
    'a pipeline that is %s waits',
    (status) => {
      const decision = evaluateGate(
        gateInput({ pipelines: [pipeline(100, status)], jobs: installJobs('running', 'pending') }),
      );
      expect(decision).toMatchObject({ verdict: 'wait', state: 'pipeline-running' });
      expect(decision.reason).toBe(`pipeline #100 is ${status.replaceAll('_', ' ')}`);
    },
  );

  it('a pipeline blocked on a manual job waits for a person to start it', () => {
    const decision = evaluateGate(gateInput({ pipelines: [pipeline(100, 'manual')] }));
    expect(decision).toMatchObject({
      verdict: 'wait',
      state: 'pipeline-running',
      reason: 'pipeline #100 is waiting for a manual job to be started',
    });
  });

  it('a pipeline status the gate does not know never merges and is not reported as a failure', () => {
    const decision = evaluateGate(gateInput({ pipelines: [pipeline(100, 'bogus_new_status')] }));
    expect(decision).toMatchObject({ verdict: 'wait', state: 'pipeline-running' });
  });

  it('a failed pipeline whose required jobs passed fails on the jobs that broke it', () => {
    const jobs = [...installJobs('success', 'success'), job(1004, 'yaml-check', 'failed')];
    expect(evaluateGate(gateInput({ pipelines: [pipeline(100, 'failed')], jobs }))).toMatchObject({
      verdict: 'failed',
      state: 'pipeline-failed',
      reason: 'pipeline #100 failed: yaml-check (failed)',
      failedJobs: [{ name: 'yaml-check', status: 'failed', required: false }],
    });
  });

  it('a failed pipeline with skipped installation tests names them and the job that really failed', () => {
    const jobs = [job(1000, 'prepare', 'failed'), ...installJobs('skipped', 'skipped')];
    const decision = evaluateGate(gateInput({ pipelines: [pipeline(100, 'failed')], jobs }));
    expect(decision.state).toBe('required-jobs-failed');
    expect(decision.reason).toBe(
      'installation tests failed: test-install-3.12 (skipped), test-install-3.9 (skipped); other failed jobs: prepare (failed)',
    );
    expect(decision.failedJobs.map((j) => [j.name, j.required])).toEqual([
      ['test-install-3.12', true],
      ['test-install-3.9', true],
      ['prepare', false],
    ]);
  });

  it.each([
    ['canceled', 'pipeline #100 was canceled'],
    ['skipped', 'pipeline #100 was skipped'],
  ])('a %s pipeline fails the gate', (status, reason) => {
    const jobs = installJobs('success', 'success');
    expect(evaluateGate(gateInput({ pipelines: [pipeline(100, status)], jobs }))).toMatchObject({
      verdict: 'failed',
      state: 'pipeline-failed',
      reason,
    });
  });
});

describe('evaluateGate: empty requiredJobs', () => {
  it('merges when the pipeline passed with at least one job run', () => {
    expect(evaluateGate(gateInput({ requiredJobs: [] })).verdict).toBe('merge');
  });

  it('a passed pipeline with no job that ran is not a merge', () => {
    const jobs = [job(1001, 'deploy', 'manual'), job(1002, 'test', 'skipped')];
    expect(evaluateGate(gateInput({ requiredJobs: [], jobs }))).toMatchObject({
      verdict: 'failed',
      state: 'required-jobs-missing',
      missingJobs: [],
      reason: 'pipeline #100 passed without any job running, so nothing was tested',
    });
    expect(evaluateGate(gateInput({ requiredJobs: [], jobs: [] })).verdict).toBe('failed');
  });

  it('a failed pipeline fails the gate', () => {
    const input = gateInput({
      requiredJobs: [],
      pipelines: [pipeline(100, 'failed')],
      jobs: installJobs('success', 'failed'),
    });
    expect(evaluateGate(input)).toMatchObject({
      state: 'pipeline-failed',
      reason: 'pipeline #100 failed: test-install-3.12 (failed)',
    });
  });
});

describe('evaluateGate: the MR itself', () => {
  it.each(['closed', 'merged', 'locked'] as const)('a %s MR is skipped', (state) => {
    expect(evaluateGate(gateInput({ mr: mergeRequest({ state }) }))).toMatchObject({
      verdict: 'skip',
      state: 'not-open',
      reason: `the MR is ${state}`,
    });
  });

  it('a draft is skipped; a merge status that says draft is never merged either', () => {
    expect(evaluateGate(gateInput({ mr: mergeRequest({ draft: true }) }))).toMatchObject({
      verdict: 'skip',
      state: 'draft',
    });
    expect(
      evaluateGate(gateInput({ mr: mergeRequest({ mergeability: gitlabStatus('draft_status') }) })),
    ).toMatchObject({ verdict: 'wait', state: 'not-mergeable' });
  });

  it('an MR in a state the platform did not know is left alone', () => {
    expect(evaluateGate(gateInput({ mr: mergeRequest({ state: 'unknown' }) }))).toMatchObject({
      verdict: 'skip',
      state: 'not-open',
    });
  });

  it('a commit by someone else is never merged', () => {
    const commits = [
      botCommit(OLD),
      { sha: HEAD, authorEmail: 'alice@example.com', committerEmail: 'alice@example.com' },
    ];
    expect(evaluateGate(gateInput({ commits }))).toMatchObject({
      verdict: 'skip',
      state: 'foreign-commits',
      reason:
        'changed by someone other than the bot, so never merged automatically: 3f2a9c1d (alice@example.com)',
    });
  });

  it('a bot commit that someone else rebased or amended (committer) counts as theirs', () => {
    const commits = [{ sha: HEAD, authorEmail: BOT, committerEmail: 'bob@example.com' }];
    expect(evaluateGate(gateInput({ commits })).reason).toContain('3f2a9c1d (bob@example.com)');
  });

  it('compares emails without regard to case or surrounding space', () => {
    const commits = [
      { sha: HEAD, authorEmail: ' PinGate-Bot@Example.com', committerEmail: BOT.toUpperCase() },
    ];
    expect(foreignCommits(commits, [BOT])).toEqual([]);
    expect(evaluateGate(gateInput({ commits })).verdict).toBe('merge');
  });

  it('with no bot emails known, every commit is foreign (never merge blind)', () => {
    expect(evaluateGate(gateInput({ botEmails: [] })).state).toBe('foreign-commits');
  });

  it('automerge off is skipped, even when everything passed', () => {
    expect(evaluateGate(gateInput({ automerge: false }))).toMatchObject({
      verdict: 'skip',
      state: 'automerge-off',
      reason: 'automerge is off for this update',
    });
  });

  it('outside automergeSchedule waits', () => {
    expect(evaluateGate(gateInput({ inAutomergeSchedule: false }))).toMatchObject({
      verdict: 'wait',
      state: 'outside-automerge-schedule',
      reason: 'the installation tests passed; waiting for automergeSchedule to allow merging',
    });
  });
});

describe('evaluateGate: GitLab merge status', () => {
  it.each([
    'unchecked',
    'checking',
    'preparing',
    'approvals_syncing',
    'ci_still_running',
    'ci_must_pass',
    'merge_time',
  ])('%s is transient: wait', (status) => {
    const decision = evaluateGate(gateInput({ mr: mergeRequest({ mergeability: gitlabStatus(status) }) }));
    expect(decision).toMatchObject({
      verdict: 'wait',
      state: 'not-mergeable',
      mergeability: gitlabStatus(status),
    });
    expect(decision.reason).toContain(`(${status})`);
  });

  it.each([
    'not_approved',
    'requested_changes',
    'discussions_not_resolved',
    'blocked_status',
    'external_status_checks',
    'jira_association_missing',
    'locked_paths',
    'some_future_status',
  ])('%s needs a person: wait without failing', (status) => {
    const decision = evaluateGate(gateInput({ mr: mergeRequest({ mergeability: gitlabStatus(status) }) }));
    expect(decision).toMatchObject({ verdict: 'wait', state: 'not-mergeable' });
  });

  it.each(['conflict', 'need_rebase', 'broken_status', 'commits_status'])('%s: failed', (status) => {
    const decision = evaluateGate(gateInput({ mr: mergeRequest({ mergeability: gitlabStatus(status) }) }));
    expect(decision).toMatchObject({ verdict: 'failed', state: 'not-mergeable', failedJobs: [] });
  });

  it('a status named like an Object property is not taken for a known one', () => {
    const decision = evaluateGate(
      gateInput({ mr: mergeRequest({ mergeability: gitlabStatus('constructor') }) }),
    );
    expect(decision).toMatchObject({ verdict: 'wait', state: 'not-mergeable' });
  });
});

describe('evaluateGate: the order of reasons', () => {
  it('not open beats everything', () => {
    const input = gateInput({
      mr: mergeRequest({ state: 'closed', draft: true }),
      automerge: false,
      pipelines: [],
    });
    expect(evaluateGate(input).state).toBe('not-open');
  });

  it('automerge off beats foreign commits and draft', () => {
    const commits = [{ sha: HEAD, authorEmail: 'alice@example.com', committerEmail: 'alice@example.com' }];
    const input = gateInput({ automerge: false, commits, mr: mergeRequest({ draft: true }) });
    expect(evaluateGate(input).state).toBe('automerge-off');
  });

  it('foreign commits beat draft', () => {
    const commits = [{ sha: HEAD, authorEmail: 'alice@example.com', committerEmail: BOT }];
    expect(evaluateGate(gateInput({ commits, mr: mergeRequest({ draft: true }) })).state).toBe(
      'foreign-commits',
    );
  });

  it('failed tests are reported inside or outside the schedule, and before a merge status', () => {
    const input = gateInput({
      jobs: installJobs('success', 'failed'),
      inAutomergeSchedule: false,
      mr: mergeRequest({ mergeability: gitlabStatus('conflict') }),
    });
    expect(evaluateGate(input).state).toBe('required-jobs-failed');
  });

  it('a running pipeline is shown rather than the schedule', () => {
    const input = gateInput({ pipelines: [pipeline(100, 'running')], inAutomergeSchedule: false });
    expect(evaluateGate(input).state).toBe('pipeline-running');
  });

  it('a merge status that needs someone beats the schedule; a transient one does not', () => {
    const needsApproval = gateInput({
      inAutomergeSchedule: false,
      mr: mergeRequest({ mergeability: gitlabStatus('not_approved') }),
    });
    expect(evaluateGate(needsApproval).state).toBe('not-mergeable');
    const checking = gateInput({
      inAutomergeSchedule: false,
      mr: mergeRequest({ mergeability: gitlabStatus('checking') }),
    });
    expect(evaluateGate(checking).state).toBe('outside-automerge-schedule');
  });
});
