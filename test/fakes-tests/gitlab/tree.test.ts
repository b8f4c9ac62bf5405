import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld({
    'constraints.txt': 'a==1.0\n',
    'services/api/constraints.txt': 'b==2.0\n',
    'services/api/README.md': 'api\n',
    'pipeline/constraints.yml': 'x: 1\n',
  });
});
afterEach(async () => {
  await world.fake.close();
});

const tree = (query: string) => world.call('GET', `/projects/${world.project.id}/repository/tree?${query}`);

describe('repository tree', () => {
  it('lists the root only, unless recursive, as {id, name, type, path, mode}', async () => {
    const root = await tree('ref=main');
    expect(root.status).toBe(200);
    expect(root.body.map((e: { path: string; type: string }) => `${e.type} ${e.path}`)).toEqual([
      'blob constraints.txt',
      'tree pipeline',
      'tree services',
    ]);
    expect(root.body[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{40}$/),
      name: 'constraints.txt',
      type: 'blob',
      path: 'constraints.txt',
      mode: '100644',
    });
    const all = await tree('recursive=true');
    expect(all.body.map((e: { path: string }) => e.path)).toEqual([
      'constraints.txt',
      'pipeline',
      'pipeline/constraints.yml',
      'services',
      'services/api',
      'services/api/README.md',
      'services/api/constraints.txt',
    ]);
    const under = await tree('path=services&recursive=true');
    expect(under.body.map((e: { path: string }) => e.path)).toEqual([
      'services/api',
      'services/api/README.md',
      'services/api/constraints.txt',
    ]);
    expect((await tree('path=nowhere')).body).toEqual([]);
  });

  it('pages with X-Next-Page and Link (rel="next") at per_page', async () => {
    const first = await tree('recursive=true&per_page=3');
    expect(first.body).toHaveLength(3);
    expect(first.headers.get('x-next-page')).toBe('2');
    expect(first.headers.get('x-total')).toBe('7');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toContain('page=2');
    const third = await tree('recursive=true&per_page=3&page=3');
    expect(third.body.map((e: { path: string }) => e.path)).toEqual(['services/api/constraints.txt']);
    expect(third.headers.get('x-next-page')).toBe('');
  });

  it('answers 404 Tree Not Found for an unknown ref and for an empty repository', async () => {
    expect(await tree('ref=nope')).toMatchObject({ status: 404, body: { message: '404 Tree Not Found' } });
    const empty = world.fake.addProject({
      path: 'group/empty',
      members: [{ userId: world.bot.id, accessLevel: 30 }],
    });
    const answer = await world.call('GET', `/projects/${empty.id}/repository/tree?recursive=true`);
    expect(answer).toMatchObject({ status: 404, body: { message: '404 Tree Not Found' } });
  });

  it('is the project: a non-member gets 404 Project Not Found', async () => {
    const answer = await world.call('GET', `/projects/${world.project.id}/repository/tree`, {
      token: world.outsider.token,
    });
    expect(answer).toMatchObject({ status: 404, body: { message: '404 Project Not Found' } });
  });
});
