import {
  createRequesterFn,
  type FormattedResponse,
  GitbeakerRequestError,
  GitbeakerTimeoutError,
} from '@gitbeaker/requester-utils';
import { type RateLimiters, rateLimiterFor } from './rate-limit.js';

/**
 * gitbeaker's request handler without its retries. gitbeaker 43's own handler repeats every request that gets a
 * 429 or 502, up to 10 times and POSTs included, so a write whose answer was lost was applied twice (a second
 * Dependency Dashboard, a doubled gate comment). This sends each request once; the retry policy lives in
 * request.ts (reads) and in the pass's applier (writes, after re-reading whether they happened).
 * Errors are gitbeaker's own classes, so the mapping in map-error.ts reads them alike.
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
  const { rateLimiters, agent: _agent, asStream, prefixUrl, searchParams, method, ...init } = options;
  const base = prefixUrl ? (prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`) : undefined;
  const url = new URL(endpoint, base);
  url.search = searchParams ?? '';
  await rateLimiterFor(endpoint, rateLimiters as RateLimiters | undefined, method)();
  const request = new Request(url, { ...(init as RequestInit), method });
  const response = await fetch(request).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new GitbeakerTimeoutError('Query timeout was reached');
    }
    throw error;
  });
  if (!response.ok) throw await requestError(request, response);
  const headers = Object.fromEntries(response.headers.entries());
  const body = asStream ? response.body : response.status === 204 ? null : await readBody(response);
  return { body, headers, status: response.status } as FormattedResponse;
}

async function readBody(response: Response): Promise<unknown> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (type === 'application/json') return (await response.json()) || {};
  if (type.startsWith('text/')) return (await response.text()) || '';
  return response.blob();
}

/** As gitbeaker builds it: GitLab's `error` or `message` as the description, the response kept in `cause`. */
async function requestError(request: Request, response: Response): Promise<GitbeakerRequestError> {
  const content = await response.text().catch(() => '');
  let description = content;
  if (response.headers.get('content-type')?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(content);
      const field = (parsed as { error?: unknown; message?: unknown } | null) ?? {};
      const text = field.error ?? field.message ?? '';
      description = typeof text === 'string' ? text : JSON.stringify(text);
    } catch {
      description = content;
    }
  }
  return new GitbeakerRequestError(description, { cause: { description, request, response } });
}
