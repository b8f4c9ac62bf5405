import { UpstreamError } from '../errors.js';
import { type PlatformError, RateLimitedError, UnavailableError } from '../platform/errors.js';

/**
 * The write-retry policy (SPEC §11). The platform never repeats a write itself; this does, and only when it is safe:
 * - refused for now (429, or a connection that never opened): wait (`Retry-After` when GitLab gave one) and retry;
 * - failed in a way that may have been applied (sent, then a 5xx, a timeout or a reset): first re-read whether it
 *   happened (`recheck`: the issue, note, MR or commit exists, the MR is merged) and use what it finds; repeat the
 *   write only when it did not happen;
 * - anything else (4xx, a refused merge): no retry, the error goes to the caller;
 * - bounded: after `attempts` tries, or when the re-read fails too, the write is reported as failed (or as
 *   `WriteOutcomeUnknownError` when it may have happened) and the next pass, which reads everything afresh, converges.
 */
export interface RetryPolicy {
  /** Tries of one write, the first included. */
  attempts: number;
  /** Waits when GitLab does not say how long (doubling from this). */
  backoffMs: number;
  /** A longer `Retry-After` is not waited out: the write is reported and left for the next pass. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  backoffMs: 500,
  maxWaitMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A write that failed in a way that may have applied it, and whether it did could not be found out. */
export class WriteOutcomeUnknownError extends UpstreamError {
  constructor(message: string, cause: unknown) {
    super(
      `${message} (it may have been applied; the next pass checks before it writes again)`,
      'GitLab',
      undefined,
      {
        cause,
      },
    );
  }
}

/**
 * Runs `write` under the policy. `recheck` answers what the write would have produced when it already happened, or
 * undefined when it did not; leave it out for a write that is safe to repeat (a PUT of the same fields, a delete).
 */
export async function writeWithRetry<T>(
  write: () => Promise<T>,
  recheck: (() => Promise<T | undefined>) | undefined,
  policy: RetryPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let error: unknown;
    try {
      return await write();
    } catch (caught) {
      error = caught;
    }
    if (!isRetryable(error)) throw error;
    const mayHaveHappened = maybeApplied(error);
    if (mayHaveHappened && recheck) {
      const found = await recheck().catch((reread: unknown) => {
        throw new WriteOutcomeUnknownError(
          `${messageOf(error)}; re-reading failed: ${messageOf(reread)}`,
          error,
        );
      });
      if (found !== undefined) return found;
    }
    const wait = waitFor(error, attempt, policy);
    if (attempt >= policy.attempts || wait > policy.maxWaitMs) {
      if (mayHaveHappened && !recheck) throw new WriteOutcomeUnknownError(messageOf(error), error);
      throw error;
    }
    await policy.sleep(wait);
  }
}

function isRetryable(error: unknown): error is PlatformError {
  return error instanceof RateLimitedError || error instanceof UnavailableError;
}

/**
 * A 429 was refused before anything happened. Otherwise the platform's word counts; where it says nothing the write
 * is assumed to have maybe happened (fail closed: re-reading costs one read, a doubled write costs a person's time).
 */
function maybeApplied(error: PlatformError): boolean {
  if (error instanceof RateLimitedError) return false;
  return error.cause.maybeApplied !== false;
}

function waitFor(error: PlatformError, attempt: number, policy: RetryPolicy): number {
  const given = error.cause.retryAfterMs;
  if (given !== undefined && given >= 0) return given;
  return policy.backoffMs * 2 ** (attempt - 1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
