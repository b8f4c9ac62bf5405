import type { GateCommit, GateInput, GateJob, GateMergeRequest, GatePipeline } from '../../src/gate/types.js';
import { toMergeability } from '../../src/platform/gitlab/merge-status.js';
import type { Mergeability } from '../../src/platform/types.js';

export const HEAD = '3f2a9c1d7e4b8a6f0c5d2e9b1a7f4c8d6e3b0a91';
export const OLD = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
export const BOT = 'pingate-bot@example.com';
export const PROJECT = 'https://gitlab.example.com/cki/pipeline-data';

/** The neutral mergeability the GitLab adapter reads from this `detailed_merge_status`. */
export function gitlabStatus(detailedMergeStatus: string): Mergeability {
  return toMergeability({ detailed_merge_status: detailedMergeStatus });
}

export function mergeRequest(overrides: Partial<GateMergeRequest> = {}): GateMergeRequest {
  return {
    iid: 12,
    state: 'opened',
    draft: false,
    sha: HEAD,
    mergeability: gitlabStatus('mergeable'),
    sourceBranch: 'pingate/requests-2.x',
    webUrl: `${PROJECT}/-/merge_requests/12`,
    ...overrides,
  };
}

export function pipeline(id: number, status: string, sha = HEAD): GatePipeline {
  return {
    id,
    sha,
    status,
    webUrl: `${PROJECT}/-/pipelines/${id}`,
    createdAt: new Date(Date.UTC(2024, 5, 1, 0, id % 60)).toISOString(),
  };
}

export function job(id: number, name: string, status: string, overrides: Partial<GateJob> = {}): GateJob {
  return {
    id,
    name,
    status,
    allowFailure: false,
    webUrl: `${PROJECT}/-/jobs/${id}`,
    createdAt: new Date(Date.UTC(2024, 5, 1, 1, id % 60)).toISOString(),
    ...overrides,
  };
}

export function botCommit(sha = HEAD): GateCommit {
  return { sha, authorEmail: BOT, committerEmail: BOT };
}

/** A bot MR whose pipeline passed with both installation tests: the gate says merge. */
export function gateInput(overrides: Partial<GateInput> = {}): GateInput {
  return {
    mr: mergeRequest(),
    commits: [botCommit()],
    botEmails: [BOT],
    pipelines: [pipeline(100, 'success')],
    jobs: [
      job(1001, 'lint', 'success'),
      job(1002, 'test-install-3.9', 'success'),
      job(1003, 'test-install-3.12', 'success'),
    ],
    automerge: true,
    inAutomergeSchedule: true,
    requiredJobs: ['test-install-3.9', 'test-install-3.12'],
    ...overrides,
  };
}
