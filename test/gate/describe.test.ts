import { describe, expect, it } from 'vitest';
import { describeGate } from '../../src/gate/describe.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import type { GateInput } from '../../src/gate/types.js';
import { BOT, gateInput, gitlabStatus, HEAD, job, mergeRequest, OLD, pipeline } from './builders.js';

function described(overrides: Partial<GateInput>): string {
  return describeGate(evaluateGate(gateInput(overrides)));
}

describe('describeGate', () => {
  it.each<[string, Partial<GateInput>, string]>([
    ['ready', {}, 'ready to merge'],
    ['automerge off', { automerge: false }, 'automerge off'],
    ['outside the schedule', { inAutomergeSchedule: false }, 'waiting for automerge schedule'],
    ['closed', { mr: mergeRequest({ state: 'closed' }) }, 'not open'],
    ['draft', { mr: mergeRequest({ draft: true }) }, 'draft: not merged'],
    [
      'foreign commits',
      { commits: [{ sha: HEAD, authorEmail: 'alice@example.com', committerEmail: BOT }] },
      'changed by someone else: not merged',
    ],
    ['no pipeline on the head', { pipelines: [pipeline(100, 'success', OLD)] }, 'waiting for a pipeline'],
    ['pipeline running', { pipelines: [pipeline(100, 'running')] }, 'pipeline running'],
    [
      'pipeline blocked on a manual job',
      { pipelines: [pipeline(100, 'manual')] },
      'pipeline waiting for a manual job',
    ],
    [
      'a required job re-running after the pipeline passed',
      { jobs: [job(1, 'test-install-3.9', 'success'), job(2, 'test-install-3.12', 'running')] },
      'installation tests running',
    ],
    [
      'installation tests failed',
      {
        jobs: [
          job(1, 'test-install-3.9', 'skipped'),
          job(2, 'test-install-3.12', 'failed'),
          job(3, 'lint', 'failed'),
        ],
      },
      'installation tests failed: test-install-3.12, test-install-3.9',
    ],
    [
      'installation tests missing',
      { requiredJobs: ['test-install-3.13'] },
      'installation tests missing: test-install-3.13',
    ],
    ['nothing ran', { requiredJobs: [], jobs: [job(1, 'deploy', 'manual')] }, 'no job ran in the pipeline'],
    [
      'pipeline failed elsewhere',
      {
        pipelines: [pipeline(100, 'failed')],
        jobs: [
          job(1, 'test-install-3.9', 'success'),
          job(2, 'test-install-3.12', 'success'),
          job(3, 'yaml', 'failed'),
        ],
      },
      'pipeline failed: yaml',
    ],
    ['pipeline canceled', { pipelines: [pipeline(100, 'canceled')] }, 'pipeline canceled'],
    [
      'needs approval',
      { mr: mergeRequest({ mergeability: gitlabStatus('not_approved') }) },
      'not mergeable: needs approval',
    ],
    [
      'conflict',
      { mr: mergeRequest({ mergeability: gitlabStatus('conflict') }) },
      'not mergeable: has conflicts',
    ],
    [
      'unknown status',
      { mr: mergeRequest({ mergeability: gitlabStatus('brand_new') }) },
      'not mergeable: brand_new',
    ],
  ])('%s', (_name, overrides, text) => {
    expect(described(overrides)).toBe(text);
  });

  it('cuts a long list of jobs short', () => {
    const jobs = Array.from({ length: 7 }, (_, i) => job(i + 1, `test-install-${i}`, 'failed'));
    expect(described({ requiredJobs: ['/^test-install-/'], jobs })).toBe(
      'installation tests failed: test-install-0, test-install-1, test-install-2, test-install-3, test-install-4 and 2 more',
    );
  });
});
