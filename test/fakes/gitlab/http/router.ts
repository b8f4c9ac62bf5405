import type { State } from '../store.js';
import type { User } from '../types.js';

/** One API call as the handlers see it: the path after `/api/v4`, its params, and the authenticated user. */
export interface ApiRequest {
  state: State;
  method: string;
  /** The full request URL, for pagination links. */
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  user: User;
}

export interface ApiResponse {
  status: number;
  /** JSON body; absent for 204. */
  body?: unknown;
  /** A text body instead of JSON (raw files). */
  text?: string;
  headers?: Record<string, string>;
  /** No answer at all: the connection is dropped (an injected reset). */
  reset?: boolean;
}

export type Handler = (request: ApiRequest) => ApiResponse;

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** `route('GET', '/projects/:id/repository/branches/:branch', handler)`; a `:name` segment is one encoded segment. */
export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, segments: pattern.split('/').filter(Boolean), handler };
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const actual = path[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/** Matches a raw (still encoded) path such as `/projects/group%2Fapp/merge_requests/3`. */
export function matchRoute(routes: Route[], method: string, rawPath: string): RouteMatch {
  const path = rawPath.split('/').filter(Boolean);
  const wanted = method === 'HEAD' ? 'GET' : method;
  let wrongMethod = false;
  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, path);
    if (!params) continue;
    if (candidate.method === wanted) return { kind: 'found', route: candidate, params };
    wrongMethod = true;
  }
  return wrongMethod ? { kind: 'wrong-method' } : { kind: 'none' };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return headers ? { status, body, headers } : { status, body };
}
