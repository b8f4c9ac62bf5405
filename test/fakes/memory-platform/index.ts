/**
 * An in-memory `Platform` for the pass's unit tests (STYLE: "above it, tests use an in-memory fake of that
 * interface"): one project's branches, commits, MRs, notes, issues, pipelines and members in plain maps, with the
 * interface's conventions (`readFile`/`getBranch` answer undefined, other reads throw `NotFoundError`), a log of
 * every write, and failures to inject before or after a write is applied.
 */
import {
  ConflictError,
  NotFoundError,
  type PlatformError,
  type PlatformErrorCause,
  RateLimitedError,
  UnavailableError,
} from '../../../src/platform/errors.js';
import type { Platform, ProjectPlatform, User } from '../../../src/platform/types.js';
import { createMemoryProject, type MemoryProject, type MemoryState } from './project.js';

export type { MemoryProject, MemoryState } from './project.js';

export type Method = keyof ProjectPlatform & string;

export interface Failure {
  /** `before` (default): refused, nothing applied. `after`: applied, then the answer was lost. */
  when?: 'before' | 'after';
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Let this many matching calls through first (default 0). */
  skip?: number;
  error: () => PlatformError;
}

export interface MemoryPlatform extends Platform {
  state: MemoryState;
  project: MemoryProject;
  bot: User;
  /** Every write call, in order: `createMergeRequest pingate/a-2.x`. */
  writes: string[];
  /** Every read call by method name. */
  reads: string[];
  fail(method: Method, failure: Failure): void;
}

const WRITES = new Set<Method>([
  'commitFiles',
  'deleteBranch',
  'createMergeRequest',
  'updateMergeRequest',
  'mergeMergeRequest',
  'createMergeRequestNote',
  'createIssue',
  'updateIssue',
  'createIssueNote',
]);

export function createMemoryPlatform(options: { botEmail?: string; now?: string } = {}): MemoryPlatform {
  const bot: User = { id: 1, username: 'pingate-bot', emails: [options.botEmail ?? 'bot@example.com'] };
  const project = createMemoryProject(bot, options.now ?? '2026-03-14T12:00:00Z');
  const failures = new Map<Method, Failure[]>();
  const writes: string[] = [];
  const reads: string[] = [];
  const wrapped = new Proxy(project, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      const method = key as Method;
      return async (...args: unknown[]) => {
        const write = WRITES.has(method);
        (write ? writes : reads).push(write ? `${method} ${label(args)}` : method);
        const failure = takeFailure(failures, method);
        if (failure && failure.when !== 'after') throw failure.error();
        const result = await (value as (...a: unknown[]) => unknown).apply(target, args);
        if (failure) throw failure.error();
        return result;
      };
    },
  });
  return {
    state: project.state,
    project,
    bot,
    writes,
    reads,
    fail(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), { times: 1, ...failure }]);
    },
    hostVersion: async () => ({ version: 'memory' }),
    currentUser: async () => bot,
    findUserIds: async (usernames) =>
      new Map(
        project.state.users.filter((u) => usernames.includes(u.username)).map((u) => [u.username, u.id]),
      ),
    assertAccess: async () => ({ user: bot, project: project.info }),
    listMemberProjects: async () => [project.info],
    forProject: () => wrapped as ProjectPlatform,
  };
}

function takeFailure(failures: Map<Method, Failure[]>, method: Method): Failure | undefined {
  const list = failures.get(method) ?? [];
  const first = list[0];
  if (!first) return undefined;
  if ((first.skip ?? 0) > 0) {
    first.skip = (first.skip ?? 0) - 1;
    return undefined;
  }
  first.times = (first.times ?? 1) - 1;
  if (first.times <= 0) list.shift();
  return first;
}

function label(args: unknown[]): string {
  const [first] = args;
  if (typeof first === 'object' && first !== null) {
    const input = first as Record<string, unknown>;
    return String(input.branch ?? input.sourceBranch ?? input.title ?? '');
  }
  return String(first ?? '');
}

const request = { method: 'POST', path: '/memory' };

/** The errors the GitLab platform throws, with the cause fields the write-retry policy reads. */
export const errors = {
  /** A 5xx after the request was sent: it may have been applied. */
  unavailable: (cause: Partial<PlatformErrorCause> = {}) =>
    new UnavailableError('GitLab answered 502', {
      request,
      response: { status: 502 },
      maybeApplied: true,
      ...cause,
    }),
  /** The connection never opened: nothing was applied. */
  refused: () =>
    new UnavailableError('connect ECONNREFUSED', { request, reason: 'ECONNREFUSED', maybeApplied: false }),
  rateLimited: (retryAfterMs = 1000) =>
    new RateLimitedError('GitLab answered 429', { request, response: { status: 429 }, retryAfterMs }),
  conflict: () => new ConflictError('GitLab answered 409', { request, response: { status: 409 } }),
  notFound: () => new NotFoundError('GitLab answered 404', { request, response: { status: 404 } }),
};
