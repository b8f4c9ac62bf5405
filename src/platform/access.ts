import { PlatformUnavailableError } from '../errors.js';
import { ForbiddenError, NotFoundError, RateLimitedError, UnavailableError } from './errors.js';
import { hasRole } from './roles.js';
import type { AccessCheck, Platform, ProjectRef } from './types.js';

/**
 * The start-up check behind `Platform.assertAccess`: reads the bot user and the project, and turns a refused
 * token or an unreachable host into `PlatformUnavailableError` (exit 3) with a message that says what to fix.
 * `hostUrl` is only for messages.
 */
export async function assertAccess(
  platform: Pick<Platform, 'currentUser' | 'forProject'>,
  project: ProjectRef,
  hostUrl: string,
): Promise<AccessCheck> {
  try {
    const user = await platform.currentUser();
    const info = await platform.forProject(project).getProject();
    // Developer: the least role that may push branches and open merge requests.
    if (info.role !== undefined && !hasRole(info.role, 'developer')) throw tokenRefused(project);
    return { user, project: info };
  } catch (error) {
    throw startUpError(error, project, hostUrl);
  }
}

function startUpError(error: unknown, project: ProjectRef, hostUrl: string): unknown {
  if (error instanceof ForbiddenError) return tokenRefused(project, error);
  if (error instanceof NotFoundError) {
    return new PlatformUnavailableError(
      `project ${project} not found at ${hostUrl}, or the token's user cannot see it: it needs at least Developer access`,
      { cause: error },
    );
  }
  if (error instanceof UnavailableError || error instanceof RateLimitedError) {
    const { request, response, reason } = error.cause;
    const why = reason ?? `${request.method} ${request.path} answered ${response?.status}`;
    return new PlatformUnavailableError(`cannot reach GitLab at ${hostUrl}: ${why}`, { cause: error });
  }
  return error;
}

function tokenRefused(project: ProjectRef, cause?: unknown): PlatformUnavailableError {
  return new PlatformUnavailableError(
    `token refused: it needs the api scope and at least Developer access to ${project}`,
    { cause },
  );
}
