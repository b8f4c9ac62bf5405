import {
  createRequesterFn,
  type FormattedResponse,
  GitbeakerRequestError,
  GitbeakerTimeoutError,
} from '@gitbeaker/requester-utils';
import { type Answer, exchange, type Sent } from '../../http/exchange.js';
import { type RateLimiters, rateLimiterFor } from './rate-limit.js';

/**
 * gitbeaker's request handler without its retries, over node:http (src/http/exchange.ts) rather than fetch.
 * gitbeaker 43's own handler repeats every request that gets a 429 or 502, up to 10 times and POSTs included, so a
 * write whose answer was lost was applied twice (a second Dependency Dashboard, a doubled gate comment). This sends
 * each request once; the retry policy lives in request.ts (reads) and in the pass's applier (writes, after
 * re-reading whether they happened). Errors are gitbeaker's own classes, so the mapping in map-error.ts reads them
 * alike; gitbeaker's rate limits are matched in rate-limit.ts.
 */
export const singleAttemptRequester = createRequesterFn(
  (_service, requestOptions) => Promise.resolve(requestOptions),
  sendOnce,
);

interface HandlerOptions {
  rateLimiters?: Record<string, unknown>;
  asStream?: boolean;
  prefixUrl?: string;
  searchParams?: string;
  method?: string;
  [key: string]: unknown;
}

async function sendOnce(endpoint: string, options: HandlerOptions = {}): Promise<FormattedResponse> {
  const { rateLimiters, agent: _agent, asStream, prefixUrl, searchParams, method = 'GET', ...init } = options;
  const base = prefixUrl ? (prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`) : undefined;
  const url = new URL(endpoint, base);
  url.search = searchParams ?? '';
  const { body, headers, signal } = init as {
    body?: unknown;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };
  // pingate sends JSON and reads whole answers; gitbeaker's uploads (FormData) and streams are not used.
  if (asStream || (body !== undefined && typeof body !== 'string')) {
    throw new TypeError(`${method} ${endpoint}: only JSON bodies and whole answers are supported`);
  }
  await rateLimiterFor(endpoint, rateLimiters as RateLimiters | undefined, method)();
  const sent = {
    method,
    url,
    headers: headers ?? {},
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
  };
  const answer = await exchange(sent).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new GitbeakerTimeoutError('Query timeout was reached');
    }
    throw error;
  });
  if (answer.status < 200 || answer.status > 299) throw requestError(sent, answer);
  const parsed = answer.status === 204 ? null : readBody(answer);
  return { body: parsed, headers: answer.headers, status: answer.status } as FormattedResponse;
}

function readBody(answer: Answer): unknown {
  const type = (answer.reader.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (type === 'application/json') return JSON.parse(answer.body.toString('utf8')) || {};
  if (type.startsWith('text/')) return answer.body.toString('utf8') || '';
  return new Blob([answer.body]);
}

/**
 * As gitbeaker builds it: GitLab's `error` or `message` as the description, and the request and response (as
 * fetch's classes, which is what gitbeaker's callers read) in `cause`.
 */
function requestError(sent: Sent, answer: Answer): GitbeakerRequestError {
  const content = answer.body.toString('utf8');
  let description = content;
  if (answer.reader.get('content-type')?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(content);
      const field = (parsed as { error?: unknown; message?: unknown } | null) ?? {};
      const text = field.error ?? field.message ?? '';
      description = typeof text === 'string' ? text : JSON.stringify(text);
    } catch {
      description = content;
    }
  }
  const request = new Request(sent.url, { method: sent.method, headers: sent.headers });
  const response = new Response(NULL_BODY.has(answer.status) ? null : content, {
    status: answer.status,
    headers: answer.headers,
  });
  return new GitbeakerRequestError(description, { cause: { description, request, response } });
}

/** Statuses whose `Response` may not have a body. */
const NULL_BODY: ReadonlySet<number> = new Set([204, 205, 304]);
