import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from '@gitbeaker/rest';
import { type PlatformRequest, platformErrorForFailure, platformErrorForStatus } from '../errors.js';

export interface MapErrorOptions {
  /** Strings that must never reach a message (the token). */
  secrets: readonly string[];
  /** Statuses this call reports as `ConflictError`, besides 409. */
  conflictStatuses?: readonly number[];
  timeoutMs?: number;
}

/**
 * Turns what gitbeaker or fetch threw into a `PlatformError`. Anything else (a bug of ours or of the
 * library) is passed through unchanged so it crashes loudly. The original error is not kept as `cause`:
 * gitbeaker's holds the `Request`, whose headers carry the token.
 */
export function mapGitbeakerError(
  error: unknown,
  request: PlatformRequest,
  options: MapErrorOptions,
): unknown {
  const clean = (text: string) => redact(text, options.secrets);
  if (error instanceof GitbeakerRequestError) {
    const status = error.cause?.response?.status;
    const description = clean(error.cause?.description ?? error.message);
    if (status === undefined) return platformErrorForFailure(request, description);
    return platformErrorForStatus(request, status, description, conflictStatuses(options));
  }
  if (error instanceof GitbeakerRetryError) {
    // gitbeaker gave up after its own retries of 429/502 and names the last status only in its message.
    const status = Number(/last status code: (\d{3})/.exec(error.message)?.[1] ?? 502);
    return platformErrorForStatus(request, status, 'still failing after retries', conflictStatuses(options));
  }
  if (error instanceof GitbeakerTimeoutError) {
    return platformErrorForFailure(request, `no answer within ${options.timeoutMs ?? '?'} ms`);
  }
  if (error instanceof SyntaxError) {
    // gitbeaker parses JSON bodies (of answers and of errors) itself; a garbled one is GitLab's fault, not ours.
    return platformErrorForFailure(request, `unreadable answer: ${clean(error.message)}`);
  }
  const reason = networkFailureReason(error);
  if (reason !== undefined) return platformErrorForFailure(request, clean(reason));
  return error;
}

function conflictStatuses(options: MapErrorOptions): number[] {
  return [409, ...(options.conflictStatuses ?? [])];
}

/** fetch rejects with `TypeError('fetch failed')` and puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkFailureReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause: unknown = error.cause;
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return cause instanceof Error ? describeSystemError(cause) : error.message;
  }
  if ('code' in error && typeof error.code === 'string') return describeSystemError(error);
  return undefined;
}

function describeSystemError(error: Error): string {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code && !error.message.includes(code)) return `${code}: ${error.message}`;
  return error.message || code || 'connection failed';
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}
