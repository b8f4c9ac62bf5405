import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, enc } from './client.js';
import { startWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.fake.close();
});

describe('pagination', () => {
  beforeEach(() => {
    for (let n = 1; n <= 45; n += 1)
      world.fake.createIssue(world.maintainer, world.project.id, { title: `issue ${n}` });
  });

  it('pages a list with GitLab headers and links that keep the filters', async () => {
    const first = await world.call('GET', `/projects/${world.project.id}/issues?state=opened&per_page=20`);
    expect(first.body).toHaveLength(20);
    expect(
      Object.fromEntries(
        ['x-total', 'x-total-pages', 'x-page', 'x-per-page', 'x-next-page', 'x-prev-page'].map((h) => [
          h,
          first.headers.get(h),
        ]),
      ),
    ).toEqual({
      'x-total': '45',
      'x-total-pages': '3',
      'x-page': '1',
      'x-per-page': '20',
      'x-next-page': '2',
      'x-prev-page': '',
    });
    const links = parseLinks(first.headers.get('link')!);
    expect(Object.keys(links)).toEqual(['next', 'first', 'last']);
    expect(new URL(links['next']!).searchParams.get('state')).toBe('opened');
    expect(new URL(links['last']!).searchParams.get('page')).toBe('3');

    const second = await fetchJson(links['next']!);
    expect(second.headers.get('x-prev-page')).toBe('1');
    expect(Object.keys(parseLinks(second.headers.get('link')!))).toEqual(['prev', 'next', 'first', 'last']);

    const third = await fetchJson(parseLinks(second.headers.get('link')!)['next']!);
    expect(third.body).toHaveLength(5);
    expect(third.headers.get('x-next-page')).toBe('');
    expect(Object.keys(parseLinks(third.headers.get('link')!))).toEqual(['prev', 'first', 'last']);

    const titles = [...first.body, ...second.body, ...third.body].map(
      (issue: { title: string }) => issue.title,
    );
    expect(new Set(titles).size).toBe(45);
    // Newest first by default (created_at desc, ties by id).
    expect(titles[0]).toBe('issue 45');
  });

  it('caps per_page at 100 and answers one empty page for an empty list', async () => {
    const capped = await world.call('GET', `/projects/${world.project.id}/issues?per_page=500`);
    expect(capped.headers.get('x-per-page')).toBe('100');
    expect(capped.body).toHaveLength(45);
    const empty = await world.call('GET', `/projects/${world.project.id}/issues?search=nothing-like-this`);
    expect([empty.body, empty.headers.get('x-total'), empty.headers.get('x-total-pages')]).toEqual([
      [],
      '0',
      '1',
    ]);
  });

  it('rejects a page that is not a number as Grape does', async () => {
    const reply = await world.call('GET', `/projects/${world.project.id}/issues?page=two`);
    expect([reply.status, reply.body]).toEqual([400, { error: 'page is invalid' }]);
  });

  async function fetchJson(url: string) {
    const response = await fetch(url, { headers: { 'PRIVATE-TOKEN': world.bot.token } });
    return { headers: response.headers, body: (await response.json()) as Array<{ title: string }> };
  }
});

function parseLinks(header: string): Record<string, string> {
  return Object.fromEntries(
    [...header.matchAll(/<([^>]+)>; rel="([^"]+)"/g)].map((match) => [match[2], match[1]]),
  );
}

describe('auth and access', () => {
  it('answers 401 without a token or with an unknown one', async () => {
    const anonymous = apiClient(world.fake.apiUrl);
    expect(await anonymous('GET', '/user')).toMatchObject({
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    const wrong = await world.call('GET', '/user', { token: 'glpat-wrong' });
    expect([wrong.status, wrong.body]).toEqual([401, { message: '401 Unauthorized' }]);
  });

  it('accepts Authorization: Bearer as well as PRIVATE-TOKEN', async () => {
    const response = await fetch(`${world.fake.apiUrl}/user`, {
      headers: { Authorization: `Bearer ${world.maintainer.token}` },
    });
    expect(await response.json()).toMatchObject({
      id: world.maintainer.id,
      username: 'maria',
      email: 'maria@example.com',
    });
  });

  it('finds a project by URL-encoded path and reports the caller access level', async () => {
    const reply = await world.call('GET', `/projects/${enc('group/app')}`);
    expect(reply.body).toMatchObject({
      id: world.project.id,
      path_with_namespace: 'group/app',
      default_branch: 'main',
      permissions: { project_access: { access_level: 30 } },
    });
  });

  it('hides a project from a non-member with 404', async () => {
    const reply = await world.call('GET', `/projects/${world.project.id}`, { token: world.outsider.token });
    expect([reply.status, reply.body]).toEqual([404, { message: '404 Project Not Found' }]);
  });

  it('refuses a Reporter writing to the repository with 403', async () => {
    const reply = await world.call('POST', `/projects/${world.project.id}/repository/commits`, {
      token: world.reporter.token,
      body: { branch: 'x', start_branch: 'main', commit_message: 'm', actions: [] },
    });
    expect([reply.status, reply.body]).toEqual([403, { message: '403 Forbidden' }]);
  });

  it('keeps a Developer off the protected default branch', async () => {
    const reply = await world.call('POST', `/projects/${world.project.id}/repository/commits`, {
      body: {
        branch: 'main',
        commit_message: 'm',
        actions: [{ action: 'create', file_path: 'x', content: '' }],
      },
    });
    expect([reply.status, reply.body]).toEqual([
      403,
      { message: '403 Forbidden - You are not allowed to push into this branch' },
    ]);
  });

  it('names every missing parameter as Grape does', async () => {
    const reply = await world.call('POST', `/projects/${world.project.id}/merge_requests`, {
      body: { title: 't' },
    });
    expect([reply.status, reply.body]).toEqual([
      400,
      { error: 'source_branch is missing, target_branch is missing' },
    ]);
  });

  it('answers unknown routes 404 and a wrong method 405', async () => {
    expect((await world.call('GET', '/nothing/here')).status).toBe(404);
    expect((await world.call('DELETE', `/projects/${world.project.id}/issues`)).status).toBe(405);
  });

  it('finds users by username and lists members with access levels', async () => {
    const users = await world.call('GET', '/users?username=MARIA');
    expect(users.body).toEqual([expect.objectContaining({ id: world.maintainer.id, username: 'maria' })]);
    const members = await world.call('GET', `/projects/${world.project.id}/members/all`);
    expect(
      members.body.map((member: { username: string; access_level: number }) => [
        member.username,
        member.access_level,
      ]),
    ).toEqual([
      ['pingate-bot', 30],
      ['maria', 40],
      ['rita', 20],
    ]);
  });
});
