/**
 * GitLab v4 payloads shaped as GitLab's API documentation shows them (trimmed to a realistic subset,
 * including fields pingate ignores, so the schemas are shown to drop what they do not need).
 */
import { createGitLabPlatform } from '../../../src/platform/gitlab/client.js';
import type { ReadRetryPolicy } from '../../../src/platform/gitlab/read-retry.js';

export const HOST = 'https://gitlab.example.com';
export const API = '/api/v4';
export const TOKEN = 'glpat-SECRET-token-123456';
export const PROJECT = 'group/proj';
/** `group/proj` as it appears in request paths. */
export const P = `${API}/projects/group%2Fproj`;

/** Reads are not retried unless a test asks (read-retry.test.ts does), so that one mocked failure fails a call. */
export const NO_RETRY: ReadRetryPolicy = { retries: 0, backoffMs: 1, maxWaitMs: 1_000 };

export function platform(options: { timeoutMs?: number; url?: string; readRetry?: ReadRetryPolicy } = {}) {
  return createGitLabPlatform({
    url: options.url ?? HOST,
    token: TOKEN,
    timeoutMs: options.timeoutMs,
    readRetry: options.readRetry ?? NO_RETRY,
  });
}

export function projectApi() {
  return platform().forProject(PROJECT);
}

export function userPayload(id = 7, username = 'pingate-bot') {
  return {
    id,
    username,
    name: 'Pingate Bot',
    state: 'active',
    avatar_url: null,
    web_url: `${HOST}/${username}`,
  };
}

export function commitPayload(sha: string, overrides: Record<string, unknown> = {}) {
  return {
    id: sha,
    short_id: sha.slice(0, 8),
    title: 'Update dependency requests to v2.32.3',
    message: 'Update dependency requests to v2.32.3\n',
    author_name: 'Pingate Bot',
    author_email: 'bot@example.com',
    authored_date: '2024-03-02T10:00:00.000+00:00',
    committer_name: 'Pingate Bot',
    committer_email: 'bot@example.com',
    committed_date: '2024-03-02T10:00:00.000+00:00',
    created_at: '2024-03-02T10:00:00.000+00:00',
    parent_ids: ['base0000'],
    web_url: `${HOST}/group/proj/-/commit/${sha}`,
    ...overrides,
  };
}

export function mergeRequestPayload(iid: number, overrides: Record<string, unknown> = {}) {
  return {
    id: 1000 + iid,
    iid,
    project_id: 1,
    title: 'Update dependency requests to v2.32.3',
    description: 'body',
    state: 'opened',
    created_at: '2024-03-02T10:00:00.000Z',
    updated_at: '2024-03-02T10:05:00.000Z',
    merged_by: null,
    merged_at: null,
    closed_by: null,
    closed_at: null,
    target_branch: 'main',
    source_branch: 'pingate/requests-2.x',
    author: userPayload(),
    assignees: [],
    reviewers: [],
    labels: ['dependencies'],
    draft: false,
    work_in_progress: false,
    merge_status: 'can_be_merged',
    detailed_merge_status: 'mergeable',
    sha: 'head1111',
    merge_commit_sha: null,
    squash_commit_sha: null,
    web_url: `${HOST}/group/proj/-/merge_requests/${iid}`,
    ...overrides,
  };
}

export function pipelinePayload(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    iid: id,
    project_id: 1,
    sha: 'head1111',
    ref: 'pingate/requests-2.x',
    status: 'success',
    source: 'push',
    created_at: '2024-03-02T10:06:00.000Z',
    updated_at: '2024-03-02T10:16:00.000Z',
    web_url: `${HOST}/group/proj/-/pipelines/${id}`,
    ...overrides,
  };
}

export function jobPayload(id: number, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name,
    stage: 'test',
    status: 'success',
    allow_failure: false,
    created_at: '2024-03-02T10:06:00.000Z',
    started_at: '2024-03-02T10:07:00.000Z',
    finished_at: '2024-03-02T10:09:00.000Z',
    ref: 'pingate/requests-2.x',
    tag: false,
    web_url: `${HOST}/group/proj/-/jobs/${id}`,
    user: userPayload(),
    pipeline: { id: 50, sha: 'head1111', ref: 'pingate/requests-2.x', status: 'success' },
    ...overrides,
  };
}

export function issuePayload(iid: number, overrides: Record<string, unknown> = {}) {
  return {
    id: 2000 + iid,
    iid,
    project_id: 1,
    title: 'Dependency Dashboard',
    description: '## Open\n',
    state: 'opened',
    created_at: '2024-03-01T08:00:00.000Z',
    updated_at: '2024-03-02T08:00:00.000Z',
    closed_at: null,
    labels: [],
    author: userPayload(),
    web_url: `${HOST}/group/proj/-/issues/${iid}`,
    ...overrides,
  };
}

export function notePayload(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    type: null,
    body: 'marked the checklist item **Update dependency requests to v2.32.3** as completed',
    attachment: null,
    author: userPayload(9, 'alice'),
    created_at: '2024-03-02T09:00:00.000Z',
    updated_at: '2024-03-02T09:00:00.000Z',
    system: true,
    noteable_id: 2001,
    noteable_type: 'Issue',
    noteable_iid: 1,
    ...overrides,
  };
}

/** A nock body matcher that keeps what it saw, so the test can `toEqual` it with a readable diff. */
export function captureBody() {
  const seen: { body?: unknown } = {};
  const match = (body: unknown): boolean => {
    seen.body = body;
    return true;
  };
  return { seen, match };
}
