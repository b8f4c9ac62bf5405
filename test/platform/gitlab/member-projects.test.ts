import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitLabPlatform } from '../../../src/platform/gitlab/client.js';
import { AccessLevel, type FakeGitLab, startFakeGitLab } from '../../fakes/gitlab/index.js';

let gitlab: FakeGitLab;
beforeEach(async () => {
  gitlab = await startFakeGitLab({ now: '2026-11-21T10:00:00Z' });
});
afterEach(async () => {
  await gitlab.close();
});

describe('listMemberProjects (GET /projects?membership=true&min_access_level=30)', () => {
  it('reads every page and keeps only projects where the bot may open MRs, oldest id first', async () => {
    const bot = gitlab.addUser({ username: 'pingate-bot', bot: true });
    const other = gitlab.addUser({ username: 'someone' });
    const levels = [AccessLevel.developer, AccessLevel.maintainer, AccessLevel.reporter, AccessLevel.guest];
    const expected: string[] = [];
    for (let n = 0; n < 230; n += 1) {
      const level = levels[n % levels.length]!;
      const path = `group-${n % 3}/app-${n}`;
      gitlab.addProject({
        path,
        files: { 'constraints.txt': 'a==1.0\n' },
        members: [{ userId: bot.id, accessLevel: level }],
      });
      if (level >= AccessLevel.developer) expected.push(path);
    }
    gitlab.addProject({
      path: 'private/theirs',
      files: {},
      members: [{ userId: other.id, accessLevel: 50 }],
    });
    const platform = createGitLabPlatform({ url: gitlab.url, token: bot.token });

    const projects = await platform.listMemberProjects();

    expect(projects.map((p) => p.path)).toEqual(expected);
    expect(projects[0]).toMatchObject({ defaultBranch: 'main', webUrl: `${gitlab.url}/group-0/app-0` });
    const lists = gitlab.requests().filter((r) => r.path === '/api/v4/projects');
    // 115 projects at 100 a page: two pages; the role filter is GitLab's (min_access_level), not ours.
    expect(lists.map((r) => new URLSearchParams(r.query).get('min_access_level'))).toEqual(['30', '30']);
    expect(new URLSearchParams(lists[0]!.query).get('membership')).toBe('true');
  });
});
