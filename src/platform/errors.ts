import { UpstreamError } from '../errors.js';

/**
 * The few ways a platform call fails that callers tell apart. All are `UpstreamError`s, so anything that
 * reports upstream failures reports these too. The `cause` is plain data (method, path, status), never the
 * HTTP request itself: that would carry the token.
 */

export interface PlatformRequest {
  method: string;
  /** Path under the API root, as sent (e.g. `/projects/g%2Fp/merge_requests/4`). No query, no host. */
  path: string;
}

export interface PlatformErrorCause {
  request: PlatformRequest;
  /** Absent when no answer came (network failure, timeout). */
  response?: { status: number; message?: string };
  /** Why no answer came. */
  reason?: string;
  /**
   * For a write: true when the request may have been applied although it failed (sent, then a 5xx, a timeout or a
   * reset), so the caller must re-read whether it happened before repeating it. False or absent: it was not applied
   * (refused before processing: 4xx, 429, or the connection never opened).
   */
  maybeApplied?: boolean;
  /** From `Retry-After` (429/503), in milliseconds. */
  retryAfterMs?: number;
}

/** A platform call failed in a way none of the subclasses names (e.g. 400: most likely our bug). */
export class PlatformError extends UpstreamError {
  declare readonly cause: PlatformErrorCause;

  constructor(message: string, cause: PlatformErrorCause) {
    super(message, 'GitLab', cause.response?.status, { cause });
  }

  get request(): PlatformRequest {
    return this.cause.request;
  }
}

/** 404: the project, file, branch, MR, issue or pipeline does not exist (or the token may not see it). */
export class NotFoundError extends PlatformError {}

/** 409, or a merge GitLab declined because the head moved or the MR is not mergeable yet. Retry on a later pass. */
export class ConflictError extends PlatformError {}

/** 401/403: the token is refused or lacks the rights for this call. */
export class ForbiddenError extends PlatformError {}

/** 429: GitLab refused it for now; `cause.retryAfterMs` says when to try again, when GitLab said. */
export class RateLimitedError extends PlatformError {}

/** 5xx, a timeout, or no connection at all. */
export class UnavailableError extends PlatformError {}

/** Statuses that `mergeMergeRequest` reports as `ConflictError` (head moved, not mergeable, …). */
export const MERGE_CONFLICT_STATUSES: readonly number[] = [405, 406, 409, 422];

/** What a failure says beyond the request and the answer: whether a write may have happened, when to retry. */
export type FailureDetails = Pick<PlatformErrorCause, 'maybeApplied' | 'retryAfterMs'>;

/** The error for an HTTP answer. `conflictStatuses` widens what counts as a conflict for one call. */
export function platformErrorForStatus(
  request: PlatformRequest,
  status: number,
  message?: string,
  conflictStatuses: readonly number[] = [409],
  details: FailureDetails = {},
): PlatformError {
  const cause: PlatformErrorCause = { request, response: { status, message }, ...details };
  const text = `GitLab ${request.method} ${request.path} answered ${status}${message ? `: ${message}` : ''}`;
  if (status === 404) return new NotFoundError(text, cause);
  if (conflictStatuses.includes(status)) return new ConflictError(text, cause);
  if (status === 401 || status === 403) return new ForbiddenError(text, cause);
  if (status === 429) return new RateLimitedError(text, cause);
  if (status >= 500) return new UnavailableError(text, cause);
  return new PlatformError(text, cause);
}

/** The error for a call that got no answer. */
export function platformErrorForFailure(
  request: PlatformRequest,
  reason: string,
  details: FailureDetails = {},
): UnavailableError {
  return new UnavailableError(`GitLab ${request.method} ${request.path} failed: ${reason}`, {
    request,
    reason,
    ...details,
  });
}
