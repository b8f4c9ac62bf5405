import type { Logger } from 'pino';
import { BadInputError } from '../../errors.js';
import { assertAccess } from '../access.js';
import type { Platform, ProjectPlatform, User } from '../types.js';
import { createApi } from './api.js';
import { issueMethods } from './issues.js';
import { listMemberProjects } from './member-projects.js';
import { memberMethods } from './members.js';
import { mergeRequestMethods } from './merge-requests.js';
import { pipelineMethods } from './pipelines.js';
import type { ProjectContext } from './project-context.js';
import type { ReadRetryPolicy } from './read-retry.js';
import { repositoryMethods } from './repository.js';
import { createRequester, PER_PAGE } from './request.js';
import { GitLabUser, GitLabVersion } from './schema.js';
import { toUser } from './to-domain.js';
import { versionWarning } from './version.js';

export interface GitLabPlatformOptions {
  /** Base URL of the instance (`https://gitlab.com`), without `/api/v4`. */
  url: string;
  token: string;
  logger?: Logger;
  /**
   * Longest a call may take, every page of a list and gitbeaker's own retries included (its `queryTimeout`,
   * default 300 s there). Default 60 s.
   */
  timeoutMs?: number;
  /** How reads are retried (writes never are here); default `DEFAULT_READ_RETRY`. */
  readRetry?: ReadRetryPolicy;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The Platform over GitLab's REST API v4, through @gitbeaker/rest with one attempt per request
 * (single-attempt.ts): reads are retried in request.ts, writes never here (see map-error.ts for what a failed
 * write tells its caller).
 */
export function createGitLabPlatform(options: GitLabPlatformOptions): Platform {
  const host = normalizeUrl(options.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const api = createApi({ host, token: options.token, timeoutMs });
  const request = createRequester({
    secrets: [options.token],
    timeoutMs,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.readRetry ? { readRetry: options.readRetry } : {}),
  });
  let bot: Promise<User> | undefined;

  const platform: Platform = {
    async hostVersion() {
      const version = await request
        .one(
          { method: 'GET', path: '/version' },
          GitLabVersion,
          // Through a resource's requester (gitbeaker 43 has no resource for /version), with the call timeout.
          async () =>
            (await api.users.requester.get('version', { signal: AbortSignal.timeout(timeoutMs) })).body,
        )
        .then((answer) => answer.version)
        .catch((error: unknown) => {
          options.logger?.debug({ err: error }, 'GitLab would not say its version');
          return undefined;
        });
      const warning = versionWarning(version);
      return { ...(version !== undefined ? { version } : {}), ...(warning ? { warning } : {}) };
    },

    currentUser() {
      // The bot does not change while we run; forget a failure so a later call tries again.
      bot ??= request
        .one({ method: 'GET', path: '/user' }, GitLabUser, () => api.users.showCurrentUser())
        .then(toUser)
        .catch((error: unknown) => {
          bot = undefined;
          throw error;
        });
      return bot;
    },

    async findUserIds(usernames) {
      const ids = new Map<string, number>();
      for (const username of new Set(usernames)) {
        const users = await request.all({ method: 'GET', path: '/users' }, GitLabUser, (page) =>
          api.users.all({ username, perPage: PER_PAGE, page, showExpanded: true }),
        );
        const user = users.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
        if (user) ids.set(username, user.id);
      }
      return ids;
    },

    assertAccess(project) {
      return assertAccess(platform, project, host);
    },

    listMemberProjects() {
      return listMemberProjects(api, request);
    },

    forProject(project) {
      return projectPlatform({ api, request, id: project });
    },
  };
  return platform;
}

function projectPlatform(context: ProjectContext): ProjectPlatform {
  return {
    project: context.id,
    ...repositoryMethods(context),
    ...mergeRequestMethods(context),
    ...pipelineMethods(context),
    ...issueMethods(context),
    ...memberMethods(context),
  };
}

/** No trailing slash (gitbeaker appends `/api/v4`), no credentials (the URL appears in messages). */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BadInputError(`GitLab URL "${url}" is not a URL; expected e.g. https://gitlab.com`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BadInputError(`GitLab URL "${url}" must start with http:// or https://`);
  }
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}
