/** What the fake saw and what a test asked it to break: the request log, injected failures, request hooks. */

export interface RequestRecord {
  method: string;
  /** The path as sent, still URL-encoded, without the query: `/api/v4/projects/group%2Fapp/merge_requests`. */
  path: string;
  /** The query string without `?` (may be empty). */
  query: string;
  status: number;
  /** The authenticated user, or null (401). */
  userId: number | null;
  body: unknown;
}

export interface RequestInfo {
  method: string;
  path: string;
  query: URLSearchParams;
  userId: number | null;
  body: unknown;
}

export interface FailureMatch {
  /** Any method when absent. */
  method?: string;
  /** Only writes (any method but GET and HEAD) count: "fail the 3rd write of the pass". */
  writes?: boolean;
  /** Tested against the encoded path without the query; any path when absent. */
  path?: RegExp;
}

function matches(match: FailureMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.writes && (method === 'GET' || method === 'HEAD')) return false;
  if (!match.path) return true;
  match.path.lastIndex = 0;
  return match.path.test(path);
}

export interface FailureSpec {
  status: number;
  /** How many matching requests fail (default 1; `Infinity` for all). */
  times?: number;
  /** Fail from the nth matching request on (1-based, default 1): `nth: 3` lets two through first. */
  nth?: number;
  /** Default: GitLab's body for the status (`{"message":"500 Internal Server Error"}`, `Retry later` for 429). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Seconds, sent as `Retry-After` (429 defaults to 1). */
  retryAfter?: number;
  /**
   * Do the work, then answer with the failure: the client sees an error for a write that happened
   * (a lost response), the hardest case for idempotency.
   */
  afterHandling?: boolean;
  /** Drop the connection instead of answering (`status` is then only a label); the log records status 0. */
  reset?: boolean;
}

interface FailureRule {
  match: FailureMatch;
  spec: FailureSpec;
  seen: number;
  fired: number;
}

export type RequestHook = (request: RequestInfo) => void | Promise<void>;

export interface Traffic {
  records: RequestRecord[];
  rules: FailureRule[];
  hooks: RequestHook[];
}

export function createTraffic(): Traffic {
  return { records: [], rules: [], hooks: [] };
}

export function addFailure(traffic: Traffic, match: FailureMatch, spec: FailureSpec): void {
  traffic.rules.push({ match, spec, seen: 0, fired: 0 });
}

/** Counts the request against every matching rule; answers the failure to inject, if one fires. */
export function takeFailure(traffic: Traffic, method: string, path: string): FailureSpec | undefined {
  let firing: FailureSpec | undefined;
  for (const rule of traffic.rules) {
    if (!matches(rule.match, method, path)) continue;
    rule.seen += 1;
    const due = rule.seen >= (rule.spec.nth ?? 1) && rule.fired < (rule.spec.times ?? 1);
    if (due && !firing) {
      rule.fired += 1;
      firing = rule.spec;
    }
  }
  return firing;
}

const reasons: Record<number, string> = {
  400: '400 Bad request',
  401: '401 Unauthorized',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Method Not Allowed',
  409: '409 Conflict',
  422: '422 Unprocessable Entity',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Timeout',
};

/** The response for an injected failure: GitLab's usual body and headers for the status. */
export function failureResponse(spec: FailureSpec): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.status === 429 || spec.retryAfter !== undefined)
    headers['Retry-After'] = String(spec.retryAfter ?? 1);
  if (spec.body !== undefined) {
    const text = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    headers['Content-Type'] ??=
      typeof spec.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    return { status: spec.status, headers, body: text };
  }
  if (spec.status === 429) {
    // Rack::Attack's answer on GitLab.com: plain text.
    return { status: 429, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'Retry later\n' };
  }
  const message = reasons[spec.status] ?? `${spec.status} Error`;
  return {
    status: spec.status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ message }),
  };
}
