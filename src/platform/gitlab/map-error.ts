import { GitbeakerRequestError, GitbeakerTimeoutError } from '@gitbeaker/rest';
import { BodyDecodingError } from '../../http/body-encoding.js';
import { errorCode, parseRetryAfter, UNREACHABLE_CODES } from '../../http/retry-policy.js';
import {
  type FailureDetails,
  type PlatformRequest,
  platformErrorForFailure,
  platformErrorForStatus,
} from '../errors.js';

export interface MapErrorOptions {
  /** Strings that must never reach a message (the token). */
  secrets: readonly string[];
  /** Statuses this call reports as `ConflictError`, besides 409. */
  conflictStatuses?: readonly number[];
  timeoutMs?: number;
}

/** Longest `Retry-After` read as it is; callers decide whether to wait that long. */
const RETRY_AFTER_CAP_MS = 3_600_000;

/** Codes of a connection that never opened: the request was not sent. The certificate ones refuse it before. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  ...UNREACHABLE_CODES,
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Turns what gitbeaker or the transport (src/http/exchange.ts) threw into a `PlatformError`. Anything else (a bug of ours or of the
 * library) is passed through unchanged so it crashes loudly. The original error is not kept as `cause`:
 * gitbeaker's holds the `Request`, whose headers carry the token.
 *
 * For a write, `cause.maybeApplied` says whether GitLab may have done it although the call failed: true after a
 * 5xx, a timeout, a reset or an unreadable answer (the request was sent); false for a 4xx or 429 (refused before
 * processing) and for a connection that never opened. `cause.retryAfterMs` carries `Retry-After`.
 */
export function mapGitbeakerError(
  error: unknown,
  request: PlatformRequest,
  options: MapErrorOptions,
): unknown {
  const clean = (text: string) => redact(text, options.secrets);
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  const details = (maybeApplied: boolean, retryAfterMs?: number): FailureDetails => ({
    ...(write ? { maybeApplied } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
  if (error instanceof GitbeakerRequestError) {
    const response = error.cause?.response;
    const description = clean(error.cause?.description ?? error.message);
    if (response?.status === undefined) return platformErrorForFailure(request, description, details(true));
    const retryAfter = parseRetryAfter(response.headers?.get('retry-after'), Date.now(), RETRY_AFTER_CAP_MS);
    return platformErrorForStatus(
      request,
      response.status,
      description,
      conflictStatuses(options),
      details(response.status >= 500, retryAfter),
    );
  }
  if (error instanceof GitbeakerTimeoutError) {
    return platformErrorForFailure(request, `no answer within ${options.timeoutMs ?? '?'} ms`, details(true));
  }
  if (error instanceof SyntaxError || error instanceof BodyDecodingError) {
    // A garbled body (JSON that does not parse, or a compressed one that does not decompress) is GitLab's fault,
    // not ours; a write it answered happened.
    return platformErrorForFailure(request, `unreadable answer: ${clean(error.message)}`, details(true));
  }
  const reason = networkFailureReason(error);
  if (reason === undefined) return error;
  const code = errorCode(error);
  return platformErrorForFailure(request, clean(reason), details(!(code && NOT_SENT_CODES.has(code))));
}

function conflictStatuses(options: MapErrorOptions): number[] {
  return [409, ...(options.conflictStatuses ?? [])];
}

/** A system error of the connection (ECONNREFUSED, ENOTFOUND, ECONNRESET…), as node:http reports it. */
function networkFailureReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
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
