import { describe, expect, it } from 'vitest';
import { nock, useNock } from '../../helpers/nock.js';
import { captureBody, HOST, issuePayload, notePayload, P, projectApi } from './payloads.js';

useNock();

describe('issues', () => {
  it('finds the issues of one author by exact title among what the search returns', async () => {
    nock(HOST)
      .get(`${P}/issues`)
      .query({
        author_id: '7',
        search: 'Dependency Dashboard',
        in: 'title',
        state: 'all',
        per_page: '100',
      })
      .reply(200, [
        issuePayload(3, { title: 'Dependency Dashboard (old)' }),
        issuePayload(1, { state: 'closed' }),
      ]);
    const issues = await projectApi().findIssues({ authorId: 7, title: 'Dependency Dashboard' });
    expect(issues).toEqual([
      {
        iid: 1,
        title: 'Dependency Dashboard',
        description: '## Open\n',
        authorId: 7,
        state: 'closed',
        webUrl: `${HOST}/group/proj/-/issues/1`,
        updatedAt: '2024-03-02T08:00:00.000Z',
        labels: [],
      },
    ]);
  });

  it('creates an issue with labels', async () => {
    const { seen, match } = captureBody();
    nock(HOST)
      .post(`${P}/issues`, match)
      .reply(201, issuePayload(4, { labels: ['bot', 'deps'] }));
    const issue = await projectApi().createIssue({
      title: 'Dependency Dashboard',
      description: 'body',
      labels: ['bot', 'deps'],
    });
    expect(seen.body).toEqual({ title: 'Dependency Dashboard', description: 'body', labels: 'bot,deps' });
    expect([issue.iid, issue.labels]).toEqual([4, ['bot', 'deps']]);
  });

  it('gets an issue by iid and maps a missing description to empty', async () => {
    nock(HOST)
      .get(`${P}/issues/4`)
      .reply(200, issuePayload(4, { description: null }));
    expect((await projectApi().getIssue(4)).description).toBe('');
  });

  it('updates only the fields given', async () => {
    const { seen, match } = captureBody();
    nock(HOST)
      .put(`${P}/issues/4`, match)
      .reply(200, issuePayload(4, { description: 'new body' }));
    const issue = await projectApi().updateIssue(4, { description: 'new body', stateEvent: 'reopen' });
    expect(seen.body).toEqual({ description: 'new body', state_event: 'reopen' });
    expect(issue.description).toBe('new body');
  });

  it('lists and writes issue comments, system notes marked', async () => {
    const { seen, match } = captureBody();
    nock(HOST)
      .get(`${P}/issues/4/notes`)
      .query({ per_page: '100' })
      .reply(200, [notePayload(11), notePayload(12, { system: false, body: 'hi' })])
      .post(`${P}/issues/4/notes`, match)
      .reply(201, notePayload(13, { system: false, body: 'un-ticked: needs Developer access' }));
    const api = projectApi();
    const notes = await api.listIssueNotes(4);
    expect(notes.map((note) => [note.id, note.system, note.authorId, note.authorUsername])).toEqual([
      [11, true, 9, 'alice'],
      [12, false, 9, 'alice'],
    ]);
    expect((await api.createIssueNote(4, 'un-ticked: needs Developer access')).id).toBe(13);
    expect(seen.body).toEqual({ body: 'un-ticked: needs Developer access' });
  });
});
