import { describe, expect, it } from 'vitest';
import { nock, useNock } from '../../helpers/nock.js';
import { HOST, P, projectApi } from './payloads.js';

useNock();

const TREE = `${P}/repository/tree`;
const SHA = 'a'.repeat(40);
const QUERY = { ref: SHA, recursive: 'true', per_page: '100' };

function entry(path: string, type = 'blob', mode = type === 'tree' ? '040000' : '100644') {
  return { id: '0'.repeat(40), name: path.split('/').pop(), type, path, mode };
}

function pageUrl(page: number): string {
  return `${HOST}${TREE}?id=group%2Fproj&page=${page}&per_page=100&recursive=true&ref=${SHA}`;
}

describe('listFiles (GET /projects/:id/repository/tree?recursive=true)', () => {
  it('reads every page (Link rel="next") and keeps regular files only, sorted', async () => {
    nock(HOST)
      .get(TREE)
      .query(QUERY)
      .reply(200, [entry('services', 'tree'), entry('services/api', 'tree'), entry('constraints.txt')], {
        'X-Next-Page': '2',
        'X-Page': '1',
        Link: `<${pageUrl(2)}>; rel="next", <${pageUrl(2)}>; rel="last"`,
      })
      .get(TREE)
      .query({ ...QUERY, id: 'group/proj', page: '2' })
      .reply(
        200,
        [
          entry('services/api/constraints.txt'),
          entry('link.txt', 'blob', '120000'),
          entry('vendor/lib', 'commit', '160000'),
          entry('a.txt', 'blob', '100755'),
        ],
        { 'X-Next-Page': '', 'X-Page': '2' },
      );
    expect(await projectApi().listFiles(SHA)).toEqual([
      'a.txt',
      'constraints.txt',
      'services/api/constraints.txt',
    ]);
  });

  it('follows X-Next-Page when GitLab sends no Link header', async () => {
    nock(HOST)
      .get(TREE)
      .query(QUERY)
      .reply(200, [entry('one.txt')], { 'X-Next-Page': '2' })
      .get(TREE)
      .query({ ...QUERY, page: '2' })
      .reply(200, [entry('two.txt')], { 'X-Next-Page': '' });
    expect(await projectApi().listFiles(SHA)).toEqual(['one.txt', 'two.txt']);
  });

  it('answers [] for an empty repository (404 Tree Not Found)', async () => {
    nock(HOST).get(TREE).query(QUERY).reply(404, { message: '404 Tree Not Found' });
    expect(await projectApi().listFiles(SHA)).toEqual([]);
  });

  it('refuses an answer that is not a list of tree entries, naming the request', async () => {
    nock(HOST)
      .get(TREE)
      .query(QUERY)
      .reply(200, [{ name: 'x' }]);
    await expect(projectApi().listFiles(SHA)).rejects.toThrow(
      /GET \/projects\/group%2Fproj\/repository\/tree answered/,
    );
  });
});
