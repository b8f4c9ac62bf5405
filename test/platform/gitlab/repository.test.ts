import { describe, expect, it } from 'vitest';
import { nock, useNock } from '../../helpers/nock.js';
import { commitPayload, HOST, P, projectApi } from './payloads.js';

useNock();

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('project', () => {
  it('maps the project, with the highest access level the token user has', async () => {
    nock(HOST)
      .get(P)
      .reply(200, {
        id: 1,
        name: 'proj',
        path_with_namespace: 'group/proj',
        default_branch: 'main',
        web_url: `${HOST}/group/proj`,
        permissions: { project_access: { access_level: 30 }, group_access: { access_level: 40 } },
      });
    expect(await projectApi().getProject()).toEqual({
      id: 1,
      path: 'group/proj',
      defaultBranch: 'main',
      webUrl: `${HOST}/group/proj`,
      role: 'maintainer',
    });
  });

  it('leaves the access level out when GitLab does not report one, and the branch empty for an empty repository', async () => {
    nock(HOST)
      .get(P)
      .reply(200, {
        id: 1,
        path_with_namespace: 'group/proj',
        default_branch: null,
        web_url: `${HOST}/group/proj`,
      });
    expect(await projectApi().getProject()).toEqual({
      id: 1,
      path: 'group/proj',
      defaultBranch: '',
      webUrl: `${HOST}/group/proj`,
    });
  });
});

describe('files', () => {
  it('reads a file at a ref, encoding the path as one segment and decoding base64 as UTF-8', async () => {
    nock(HOST)
      .get(`${P}/repository/files/pipeline%2Fconstraints.yml`)
      .query({ ref: 'abc123' })
      .reply(200, {
        file_name: 'constraints.yml',
        file_path: 'pipeline/constraints.yml',
        encoding: 'base64',
        content: base64('# générée\nattrs==23.2.0\r\n'),
        ref: 'abc123',
        blob_id: 'b',
        last_commit_id: 'c',
      });
    expect(await projectApi().readFile('pipeline/constraints.yml', 'abc123')).toBe(
      '# générée\nattrs==23.2.0\r\n',
    );
  });

  it('answers undefined for a file that does not exist', async () => {
    nock(HOST)
      .get(`${P}/repository/files/renovate.json`)
      .query({ ref: 'main' })
      .reply(404, { message: '404 File Not Found' });
    expect(await projectApi().readFile('renovate.json', 'main')).toBeUndefined();
  });
});

describe('branches', () => {
  it('gets a branch by its encoded name, and undefined when it is absent', async () => {
    nock(HOST)
      .get(`${P}/repository/branches/pingate%2Frequests-2.x`)
      .reply(200, {
        name: 'pingate/requests-2.x',
        merged: false,
        protected: false,
        commit: commitPayload('c1'),
      })
      .get(`${P}/repository/branches/pingate%2Fgone`)
      .reply(404, { message: '404 Branch Not Found' });
    const api = projectApi();
    expect(await api.getBranch('pingate/requests-2.x')).toEqual({
      name: 'pingate/requests-2.x',
      commitSha: 'c1',
    });
    expect(await api.getBranch('pingate/gone')).toBeUndefined();
  });

  it('lists branches by an anchored search, keeping only exact prefix matches', async () => {
    nock(HOST)
      .get(`${P}/repository/branches`)
      .query({ search: '^pingate/', per_page: '100' })
      .reply(200, [
        { name: 'pingate/a-1.x', commit: { id: 'c1' } },
        { name: 'Pingate/b-2.x', commit: { id: 'c2' } },
      ]);
    expect(await projectApi().listBranches('pingate/')).toEqual([{ name: 'pingate/a-1.x', commitSha: 'c1' }]);
  });

  it('deletes a branch, and takes an already deleted one as done', async () => {
    nock(HOST)
      .delete(`${P}/repository/branches/pingate%2Fa-1.x`)
      .reply(204)
      .delete(`${P}/repository/branches/pingate%2Fb-1.x`)
      .reply(404, { message: '404 Branch Not Found' });
    const api = projectApi();
    await expect(api.deleteBranch('pingate/a-1.x')).resolves.toBeUndefined();
    await expect(api.deleteBranch('pingate/b-1.x')).resolves.toBeUndefined();
  });
});

describe('commits', () => {
  it('creates or replaces a branch with one commit on top of a start sha', async () => {
    let body: unknown;
    nock(HOST)
      .post(`${P}/repository/commits`, (received) => {
        body = received;
        return true;
      })
      .reply(201, commitPayload('new1', { parent_ids: ['base1'] }));
    const commit = await projectApi().commitFiles({
      branch: 'pingate/requests-2.x',
      startSha: 'base1',
      message: 'Update dependency requests to v2.32.3',
      actions: [
        { action: 'update', filePath: 'constraints.txt', content: 'requests==2.32.3\n' },
        { action: 'create', filePath: 'pipeline/constraints.yml', content: 'x: 1\n' },
        { action: 'delete', filePath: 'old.txt' },
      ],
      authorEmail: 'bot@example.com',
    });
    expect(body).toEqual({
      branch: 'pingate/requests-2.x',
      commit_message: 'Update dependency requests to v2.32.3',
      start_sha: 'base1',
      force: true,
      author_email: 'bot@example.com',
      actions: [
        { action: 'update', file_path: 'constraints.txt', content: 'requests==2.32.3\n' },
        { action: 'create', file_path: 'pipeline/constraints.yml', content: 'x: 1\n' },
        { action: 'delete', file_path: 'old.txt' },
      ],
    });
    expect(commit).toEqual({
      sha: 'new1',
      authorEmail: 'bot@example.com',
      authorName: 'Pingate Bot',
      committerEmail: 'bot@example.com',
      parentShas: ['base1'],
      createdAt: '2024-03-02T10:00:00.000+00:00',
      title: 'Update dependency requests to v2.32.3',
      message: 'Update dependency requests to v2.32.3\n',
    });
  });

  it('sends force false only when asked', async () => {
    let body: Record<string, unknown> = {};
    nock(HOST)
      .post(`${P}/repository/commits`, (received) => {
        body = received;
        return true;
      })
      .reply(201, commitPayload('new2'));
    await projectApi().commitFiles({ branch: 'b', startSha: 's', message: 'm', actions: [], force: false });
    expect(body.force).toBe(false);
    expect(body).not.toHaveProperty('author_email');
  });

  it('lists the commits of a ref since an instant', async () => {
    nock(HOST)
      .get(`${P}/repository/commits`)
      .query({ ref_name: 'main', since: '2024-03-01T00:00:00Z', per_page: '100' })
      .reply(200, [
        commitPayload('c2', { parent_ids: ['c1', 'x9'] }),
        commitPayload('c1', { parent_ids: [] }),
      ]);
    const commits = await projectApi().listCommits('main', { since: '2024-03-01T00:00:00Z' });
    expect(commits.map((commit) => [commit.sha, commit.parentShas])).toEqual([
      ['c2', ['c1', 'x9']],
      ['c1', []],
    ]);
  });

  it('gets one commit', async () => {
    nock(HOST)
      .get(`${P}/repository/commits/c1`)
      .reply(
        200,
        commitPayload('c1', { author_email: 'alice@example.com', committer_email: 'bob@example.com' }),
      );
    const commit = await projectApi().getCommit('c1');
    expect([commit.authorEmail, commit.committerEmail]).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('compares two refs into the changed paths, both sides of a rename included', async () => {
    nock(HOST)
      .get(`${P}/repository/compare`)
      .query({ from: 'base1', to: 'main' })
      .reply(200, {
        commit: commitPayload('c9'),
        commits: [commitPayload('c9')],
        diffs: [
          { old_path: 'constraints.txt', new_path: 'constraints.txt', diff: '@@', new_file: false },
          { old_path: 'a.yml', new_path: 'pipeline/constraints.yml', renamed_file: true, diff: '' },
        ],
        compare_timeout: false,
        compare_same_ref: false,
      });
    expect(await projectApi().compare('base1', 'main')).toEqual([
      'constraints.txt',
      'a.yml',
      'pipeline/constraints.yml',
    ]);
  });
});
