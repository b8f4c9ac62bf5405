import { GitbeakerRequestError, Gitlab } from '@gitbeaker/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';

// The adapter talks to the fake through @gitbeaker/rest: its pagination, bodies and errors must work as on GitLab.
let world: World;
let api: InstanceType<typeof Gitlab>;
beforeEach(async () => {
  world = await startWorld();
  api = new Gitlab({ host: world.fake.url, token: world.bot.token });
});
afterEach(async () => {
  await world.fake.close();
});

describe('through @gitbeaker/rest', () => {
  it('reads every page by following the Link header', async () => {
    for (let n = 1; n <= 7; n += 1)
      world.fake.createIssue(world.bot, world.project.id, { title: `issue ${n}` });
    const issues = await api.Issues.all({ projectId: 'group/app', perPage: 3 });
    expect(issues).toHaveLength(7);
    expect(world.fake.requests().filter((request) => request.path.endsWith('/issues'))).toHaveLength(3);
  });

  it('commits, opens an MR, reads a file and merges at the head sha', async () => {
    const main = world.fake.branches(world.project.id)['main']!;
    const commit = await api.Commits.create(
      'group/app',
      'pingate/a-1.x',
      'Update dependency a to v1.1',
      [{ action: 'update', filePath: 'constraints.txt', content: 'a==1.1\nb==2.0\n' }],
      { startSha: main, force: true },
    );
    const mr = await api.MergeRequests.create(
      'group/app',
      'pingate/a-1.x',
      'main',
      'Update dependency a to v1.1',
      {
        removeSourceBranch: true,
      },
    );
    expect(mr.sha).toBe(commit.id);
    const file = await api.RepositoryFiles.showRaw('group/app', 'constraints.txt', 'pingate/a-1.x');
    expect(file).toBe('a==1.1\nb==2.0\n');
    const merged = await api.MergeRequests.merge('group/app', mr.iid, { sha: commit.id });
    expect(merged.state).toBe('merged');
    expect(world.fake.branches(world.project.id)).toEqual({ main: merged.merge_commit_sha });
  });

  it('surfaces GitLab errors with their status and message', async () => {
    const same = await api.MergeRequests.create('group/app', 'main', 'main', 't').catch(
      (error: unknown) => error,
    );
    expect(same).toBeInstanceOf(GitbeakerRequestError);
    const { cause } = same as GitbeakerRequestError;
    expect(cause?.response.status).toBe(422);
    expect(cause?.description).toBe(`["You can't use same project/branch for source and target"]`);
    const missing = await api.RepositoryFiles.show('group/app', 'nope.txt', 'main').catch(
      (error: unknown) => error,
    );
    expect((missing as GitbeakerRequestError).cause?.response.status).toBe(404);
    expect((missing as GitbeakerRequestError).message).toBe('404 File Not Found');
  });

  it('is retried by gitbeaker itself on 429 and 502', async () => {
    world.fake.failRequest({ path: /\/user$/ }, { status: 429, times: 2 });
    const user = await api.Users.showCurrentUser();
    expect(user.username).toBe('pingate-bot');
    expect(world.fake.requests().map((request) => request.status)).toEqual([429, 429, 200]);
  });
});
