import pRetry from 'p-retry';
import type { Logger } from 'pino';
import { PlatformError, RateLimitedError, UnavailableError } from '../errors.js';

/**
 * Reads (GET) are retried here, writes never (the pass's applier re-reads whether a failed write happened before it
 * repeats one). A read is retried on a 429, a 5xx, a timeout or a failed connection, waiting `Retry-After` when
 * GitLab sends one, else `backoffMs` doubling (randomised); a `Retry-After` longer than `maxWaitMs` is not waited
 * out: the read fails at once with `RateLimitedError` and `cause.retryAfterMs`. Anything else fails at once.
 */
export interface ReadRetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  backoffMs: number;
  maxWaitMs: number;
}

/** About 4 s of back-off in all before a read is reported failed. */
export const DEFAULT_READ_RETRY: ReadRetryPolicy = { retries: 4, backoffMs: 250, maxWaitMs: 30_000 };

function isRetryable(error: unknown): error is PlatformError {
  return error instanceof UnavailableError || error instanceof RateLimitedError;
}

function retryAfterOf(error: unknown): number {
  return error instanceof PlatformError ? (error.cause.retryAfterMs ?? 0) : 0;
}

export function retryRead<R>(
  run: () => Promise<R>,
  policy: ReadRetryPolicy,
  log: { logger?: Logger; fields: Record<string, unknown> },
): Promise<R> {
  return pRetry(run, {
    retries: policy.retries,
    minTimeout: policy.backoffMs,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => isRetryable(error) && retryAfterOf(error) <= policy.maxWaitMs,
    onFailedAttempt: async ({ error, retriesLeft, retriesConsumed, attemptNumber }) => {
      if (retriesLeft <= 0 || !isRetryable(error) || retryAfterOf(error) > policy.maxWaitMs) return;
      log.logger?.debug(
        { ...log.fields, attempt: attemptNumber, status: error.status },
        'gitlab read retried',
      );
      // p-retry waits its back-off after this; wait the rest of what GitLab asked for.
      const rest = retryAfterOf(error) - policy.backoffMs * 2 ** retriesConsumed;
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    },
  });
}
