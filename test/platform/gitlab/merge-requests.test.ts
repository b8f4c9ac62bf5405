import { describe, expect, it } from 'vitest';
import { ConflictError, PlatformError } from '../../../src/platform/errors.js';
import { nock, useNock } from '../../helpers/nock.js';
import {
  captureBody,
  commitPayload,
  HOST,
  mergeRequestPayload,
  notePayload,
  P,
  projectApi,
} from './payloads.js';

useNock();

describe('merge requests', () => {
  it('lists the merge requests of one author in every state', async () => {
    nock(HOST)
      .get(`${P}/merge_requests`)
      .query({ state: 'all', author_id: '7', with_merge_status_recheck: 'true', per_page: '100' })
      .reply(200, [
        mergeRequestPayload(3),
        mergeRequestPayload(2, { state: 'closed', closed_by: { id: 9 } }),
      ]);
    const mrs = await projectApi().listMergeRequests({ authorId: 7 });
    expect(mrs.map((mr) => [mr.iid, mr.state, mr.closedBy])).toEqual([
      [3, 'opened', null],
      [2, 'closed', { id: 9 }],
    ]);
  });

  it('maps every field of a merge request', async () => {
    nock(HOST)
      .get(`${P}/merge_requests/4`)
      .reply(
        200,
        mergeRequestPayload(4, {
          state: 'merged',
          description: null,
          merged_at: '2024-03-03T10:00:00.000Z',
          merge_commit_sha: 'merge444',
          detailed_merge_status: 'not_open',
          labels: ['dependencies', 'bot'],
        }),
      );
    expect(await projectApi().getMergeRequest(4)).toEqual({
      iid: 4,
      title: 'Update dependency requests to v2.32.3',
      description: '',
      state: 'merged',
      draft: false,
      sourceBranch: 'pingate/requests-2.x',
      targetBranch: 'main',
      sha: 'head1111',
      authorId: 7,
      createdAt: '2024-03-02T10:00:00.000Z',
      closedBy: null,
      mergedAt: '2024-03-03T10:00:00.000Z',
      mergeCommitSha: 'merge444',
      webUrl: `${HOST}/group/proj/-/merge_requests/4`,
      mergeability: { kind: 'transient', label: 'GitLab reports it not open', hostStatus: 'not_open' },
      labels: ['dependencies', 'bot'],
    });
  });

  it('reads draft from work_in_progress on GitLab versions without draft', async () => {
    const payload: Record<string, unknown> = mergeRequestPayload(5, { work_in_progress: true });
    delete payload.draft;
    delete payload.detailed_merge_status;
    nock(HOST).get(`${P}/merge_requests/5`).reply(200, payload);
    const mr = await projectApi().getMergeRequest(5);
    expect([mr.draft, mr.mergeability.kind]).toEqual([true, 'needs-person']);
  });

  it('reads a GitLab before 15.6 (no detailed_merge_status) by merge_status and has_conflicts', async () => {
    const legacy = (fields: Record<string, unknown>) => {
      const payload: Record<string, unknown> = { ...mergeRequestPayload(8), ...fields };
      delete payload.detailed_merge_status;
      return payload;
    };
    nock(HOST)
      .get(`${P}/merge_requests/8`)
      .reply(200, legacy({ merge_status: 'can_be_merged', has_conflicts: false }))
      .get(`${P}/merge_requests/8`)
      .reply(200, legacy({ merge_status: 'cannot_be_merged', has_conflicts: true }))
      .get(`${P}/merge_requests/8`)
      .reply(200, legacy({ merge_status: 'checking' }));
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await projectApi().getMergeRequest(8)).mergeability);
    expect(kinds).toEqual([
      { kind: 'ready', label: 'mergeable', hostStatus: 'can_be_merged' },
      { kind: 'broken', label: 'has conflicts', hostStatus: 'cannot_be_merged' },
      { kind: 'transient', label: 'GitLab is checking it', hostStatus: 'checking' },
    ]);
  });

  it('reads a legacy or unknown state as unknown without failing the list', async () => {
    nock(HOST)
      .get(`${P}/merge_requests`)
      .query(true)
      .reply(200, [mergeRequestPayload(3, { state: 'reopened' }), mergeRequestPayload(2)]);
    const mrs = await projectApi().listMergeRequests({ authorId: 7 });
    expect(mrs.map((mr) => [mr.iid, mr.state])).toEqual([
      [3, 'unknown'],
      [2, 'opened'],
    ]);
  });

  it('creates a merge request with labels, people and source branch removal', async () => {
    const { seen, match } = captureBody();
    nock(HOST).post(`${P}/merge_requests`, match).reply(201, mergeRequestPayload(6));
    const mr = await projectApi().createMergeRequest({
      sourceBranch: 'pingate/requests-2.x',
      targetBranch: 'main',
      title: 'Update dependency requests to v2.32.3',
      description: '| package | from | to |',
      labels: ['dependencies', 'python'],
      assigneeIds: [9],
      reviewerIds: [10, 11],
    });
    expect(seen.body).toEqual({
      source_branch: 'pingate/requests-2.x',
      target_branch: 'main',
      title: 'Update dependency requests to v2.32.3',
      description: '| package | from | to |',
      labels: 'dependencies,python',
      assignee_ids: [9],
      reviewer_ids: [10, 11],
      remove_source_branch: true,
    });
    expect(mr.iid).toBe(6);
  });

  it('leaves empty lists out of a new merge request', async () => {
    const { seen, match } = captureBody();
    nock(HOST).post(`${P}/merge_requests`, match).reply(201, mergeRequestPayload(7));
    await projectApi().createMergeRequest({
      sourceBranch: 's',
      targetBranch: 'main',
      title: 't',
      description: 'd',
      labels: [],
      removeSourceBranch: false,
    });
    expect(seen.body).toEqual({
      source_branch: 's',
      target_branch: 'main',
      title: 't',
      description: 'd',
      remove_source_branch: false,
    });
  });

  it('updates only the fields given, and closes', async () => {
    const first = captureBody();
    const second = captureBody();
    nock(HOST)
      .put(`${P}/merge_requests/8`, first.match)
      .reply(200, mergeRequestPayload(8, { title: 'new' }))
      .put(`${P}/merge_requests/8`, second.match)
      .reply(200, mergeRequestPayload(8, { state: 'closed' }));
    const api = projectApi();
    expect((await api.updateMergeRequest(8, { title: 'new', description: 'd', labels: [] })).title).toBe(
      'new',
    );
    expect((await api.updateMergeRequest(8, { stateEvent: 'close' })).state).toBe('closed');
    expect(first.seen.body).toEqual({ title: 'new', description: 'd', labels: '' });
    expect(second.seen.body).toEqual({ state_event: 'close' });
  });

  it('merges with the checked head sha and removes the source branch', async () => {
    const { seen, match } = captureBody();
    nock(HOST)
      .put(`${P}/merge_requests/9/merge`, match)
      .reply(200, mergeRequestPayload(9, { state: 'merged', merge_commit_sha: 'm9' }));
    const mr = await projectApi().mergeMergeRequest(9, { sha: 'head1111' });
    expect(seen.body).toEqual({ sha: 'head1111', should_remove_source_branch: true });
    expect([mr.state, mr.mergeCommitSha]).toEqual(['merged', 'm9']);
  });

  it.each([
    [405, 'Method Not Allowed'],
    [406, 'Branch cannot be merged'],
    [409, 'SHA does not match HEAD of source branch: abc'],
    [422, 'Branch cannot be merged'],
  ])('reports a %i answer to a merge as a conflict to retry later', async (status, message) => {
    nock(HOST).put(`${P}/merge_requests/9/merge`).reply(status, { message });
    const error = await projectApi()
      .mergeMergeRequest(9, { sha: 'old' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).cause).toEqual({
      request: { method: 'PUT', path: '/projects/group%2Fproj/merge_requests/9/merge' },
      response: { status, message },
      maybeApplied: false,
    });
  });

  it('does not take a 422 outside a merge for a conflict', async () => {
    nock(HOST)
      .put(`${P}/merge_requests/9`)
      .reply(422, { message: { title: ["can't be blank"] } });
    const error = await projectApi()
      .updateMergeRequest(9, { title: '' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(
      `GitLab PUT /projects/group%2Fproj/merge_requests/9 answered 422: {"title":["can't be blank"]}`,
    );
  });

  it('lists the commits of a merge request', async () => {
    nock(HOST)
      .get(`${P}/merge_requests/9/commits`)
      .query({ per_page: '100' })
      .reply(200, [commitPayload('h2', { author_email: 'alice@example.com' }), commitPayload('h1')]);
    const commits = await projectApi().listMergeRequestCommits(9);
    expect(commits.map((commit) => [commit.sha, commit.authorEmail])).toEqual([
      ['h2', 'alice@example.com'],
      ['h1', 'bot@example.com'],
    ]);
  });

  it('lists and writes merge request comments', async () => {
    const { seen, match } = captureBody();
    nock(HOST)
      .get(`${P}/merge_requests/9/notes`)
      .query({ per_page: '100' })
      .reply(200, [notePayload(1, { system: false, body: 'looks good', noteable_type: 'MergeRequest' })])
      .post(`${P}/merge_requests/9/notes`, match)
      .reply(
        201,
        notePayload(2, { system: false, body: 'gate failed', author: { id: 7, username: 'pingate-bot' } }),
      );
    const api = projectApi();
    expect(await api.listMergeRequestNotes(9)).toEqual([
      {
        id: 1,
        body: 'looks good',
        authorId: 9,
        authorUsername: 'alice',
        system: false,
        createdAt: '2024-03-02T09:00:00.000Z',
      },
    ]);
    const note = await api.createMergeRequestNote(9, 'gate failed');
    expect(seen.body).toEqual({ body: 'gate failed' });
    expect([note.id, note.authorUsername]).toEqual([2, 'pingate-bot']);
  });
});
