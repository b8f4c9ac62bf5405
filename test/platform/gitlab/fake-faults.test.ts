import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError, UnavailableError } from '../../../src/platform/errors.js';
import { createGitLabPlatform } from '../../../src/platform/gitlab/client.js';
import type { ProjectPlatform } from '../../../src/platform/types.js';
import { startWorld, type World } from '../../fakes-tests/gitlab/world.js';
import { failure } from './failure.js';

// The adapter against the fake GitLab with injected faults: each write goes out once, whatever happens to it,
// and its error says whether it may have been applied; reads are retried.
let world: World;
let gitlab: ProjectPlatform;
beforeEach(async () => {
  world = await startWorld();
  gitlab = createGitLabPlatform({
    url: world.fake.url,
    token: world.bot.token,
    readRetry: { retries: 4, backoffMs: 1, maxWaitMs: 5_000 },
  }).forProject('group/app');
});
afterEach(async () => {
  await world.fake.close();
});

const ISSUE = { title: 'Dependency Dashboard', description: 'x' };
const posts = () => world.fake.requests().filter((r) => r.method === 'POST');

describe('a write under a fault', () => {
  it('502 after GitLab applied it: one issue, not two, and the error says it may have happened', async () => {
    world.fake.failRequest({ method: 'POST', path: /\/issues$/ }, { status: 502, afterHandling: true });
    const error = await failure(gitlab.createIssue(ISSUE));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(true);
    expect(world.fake.issues(world.project.id).map((issue) => issue.title)).toEqual(['Dependency Dashboard']);
    expect(posts()).toHaveLength(1);
  });

  it('502 before it was applied: nothing written, nothing repeated', async () => {
    world.fake.failRequest({ method: 'POST', path: /\/notes$/ }, { status: 502 });
    const iid = world.fake.createIssue(world.bot, world.project.id, { title: 'x' }).iid;
    const error = await failure(gitlab.createIssueNote(iid, 'hello'));
    expect(error.cause.maybeApplied).toBe(true);
    expect(world.fake.notes(world.project.id, { issue: iid }).filter((n) => !n.system)).toEqual([]);
    expect(posts()).toHaveLength(1);
  });

  it('429 with Retry-After: refused, not applied, and when to come back', async () => {
    world.fake.failRequest({ method: 'POST' }, { status: 429, retryAfter: 3 });
    const error = await failure(gitlab.createIssue(ISSUE));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.cause).toMatchObject({ maybeApplied: false, retryAfterMs: 3_000 });
    expect(posts()).toHaveLength(1);
  });

  it('500: sent once', async () => {
    world.fake.failRequest({ method: 'POST' }, { status: 500, afterHandling: true });
    expect((await failure(gitlab.createIssue(ISSUE))).cause.maybeApplied).toBe(true);
    expect(posts()).toHaveLength(1);
  });

  it.each([false, true])('a reset (after handling: %s) may have applied it', async (afterHandling) => {
    world.fake.failRequest({ method: 'POST' }, { status: 0, reset: true, afterHandling });
    const error = await failure(gitlab.createIssue(ISSUE));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause.maybeApplied).toBe(true);
    expect(world.fake.issues(world.project.id)).toHaveLength(afterHandling ? 1 : 0);
    expect(posts()).toHaveLength(1);
  });
});

describe('a read under a fault', () => {
  it('is retried through 502, 500, 429 and a reset', async () => {
    const path = /\/projects\/group%2Fapp$/;
    world.fake.failRequest({ method: 'GET', path }, { status: 502 });
    world.fake.failRequest({ method: 'GET', path }, { status: 500, nth: 2 });
    world.fake.failRequest({ method: 'GET', path }, { status: 429, retryAfter: 0, nth: 3 });
    world.fake.failRequest({ method: 'GET', path }, { status: 0, reset: true, nth: 4 });
    expect((await gitlab.getProject()).path).toBe('group/app');
    expect(world.fake.requests().map((r) => r.status)).toEqual([502, 500, 429, 0, 200]);
  });
});
