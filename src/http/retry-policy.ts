/** What is worth retrying, and for how long to wait: pure decisions for the HTTP client. */

/** Statuses that say "try again later". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Error codes of a request that never reached the server. Retried; when nothing ever answers, "unreachable".
 * ETIMEDOUT: no connection within the attempt's timeout (pypi/transport.ts), or the system's own connect timeout.
 */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date, capped at `capMs`. Undefined when absent or
 * unreadable; 0 for a date in the past.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  capMs: number,
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) {
      return undefined;
    }
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, capMs);
}

/**
 * The `code` of an error or of the errors in its `cause` chain: node:http's socket errors carry it themselves, fetch
 * wraps them in a TypeError, an UpstreamError keeps one as its cause; what is thrown is not always an `Error`.
 */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') {
      return code;
    }
    current = cause;
  }
  return undefined;
}
