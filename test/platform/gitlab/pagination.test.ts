import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../../src/platform/errors.js';
import { nock, useNock } from '../../helpers/nock.js';
import { HOST, mergeRequestPayload, P, projectApi } from './payloads.js';

useNock();

const LIST = `${P}/merge_requests`;
const QUERY = { author_id: '7', per_page: '100', state: 'all', with_merge_status_recheck: 'true' };

function pageUrl(page: number): string {
  return `${HOST}${LIST}?author_id=7&page=${page}&per_page=100&state=all&with_merge_status_recheck=true`;
}

/** GitLab's offset-pagination headers for page `page` of `pages`, each group only when `include` asks for it. */
function headers(
  page: number,
  pages: number,
  include: { link?: boolean; nextPage?: boolean; total?: boolean },
) {
  const result: Record<string, string> = {};
  const next = page < pages ? String(page + 1) : '';
  if (include.nextPage)
    Object.assign(result, { 'X-Next-Page': next, 'X-Page': String(page), 'X-Per-Page': '100' });
  if (include.total) Object.assign(result, { 'X-Total': String(pages * 2), 'X-Total-Pages': String(pages) });
  if (include.link) {
    const links = [`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(pages)}>; rel="last"`];
    if (next) links.unshift(`<${pageUrl(page + 1)}>; rel="next"`);
    if (page > 1) links.unshift(`<${pageUrl(page - 1)}>; rel="prev"`);
    result.Link = links.join(', ');
  }
  return result;
}

function twoMergeRequests(page: number) {
  return [mergeRequestPayload(page * 10), mergeRequestPayload(page * 10 + 1)];
}

describe('pagination', () => {
  it('reads all three pages when GitLab sends Link, X-Next-Page and X-Total', async () => {
    const all = { link: true, nextPage: true, total: true };
    nock(HOST)
      .get(LIST)
      .query(QUERY)
      .reply(200, twoMergeRequests(1), headers(1, 3, all))
      .get(LIST)
      .query({ ...QUERY, page: '2' })
      .reply(200, twoMergeRequests(2), headers(2, 3, all))
      .get(LIST)
      .query({ ...QUERY, page: '3' })
      .reply(200, twoMergeRequests(3), headers(3, 3, all));
    const mrs = await projectApi().listMergeRequests({ authorId: 7 });
    expect(mrs.map((mr) => mr.iid)).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('reads all three pages by X-Next-Page when there is no Link header', async () => {
    const numbersOnly = { nextPage: true, total: true };
    nock(HOST)
      .get(LIST)
      .query(QUERY)
      .reply(200, twoMergeRequests(1), headers(1, 3, numbersOnly))
      .get(LIST)
      .query({ ...QUERY, page: '2' })
      .reply(200, twoMergeRequests(2), headers(2, 3, numbersOnly))
      .get(LIST)
      .query({ ...QUERY, page: '3' })
      .reply(200, twoMergeRequests(3), headers(3, 3, numbersOnly));
    const mrs = await projectApi().listMergeRequests({ authorId: 7 });
    expect(mrs.map((mr) => mr.iid)).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('reads all three pages by Link alone (no X-Next-Page, no X-Total, as past 10,000 items)', async () => {
    nock(HOST)
      .get(LIST)
      .query(QUERY)
      .reply(200, twoMergeRequests(1), headers(1, 3, { link: true }))
      .get(LIST)
      .query({ ...QUERY, page: '2' })
      .reply(200, twoMergeRequests(2), headers(2, 3, { link: true }))
      .get(LIST)
      .query({ ...QUERY, page: '3' })
      .reply(200, twoMergeRequests(3), headers(3, 3, { link: true }));
    const mrs = await projectApi().listMergeRequests({ authorId: 7 });
    expect(mrs.map((mr) => mr.iid)).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('fails the whole list when a later page fails, rather than answer part of it', async () => {
    nock(HOST)
      .get(LIST)
      .query(QUERY)
      .reply(200, twoMergeRequests(1), headers(1, 3, { nextPage: true }))
      .get(LIST)
      .query({ ...QUERY, page: '2' })
      .reply(500, { message: '500 Internal Server Error' });
    await expect(projectApi().listMergeRequests({ authorId: 7 })).rejects.toBeInstanceOf(UnavailableError);
  });
});
