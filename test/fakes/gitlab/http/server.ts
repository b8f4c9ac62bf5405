import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, paramError, unauthorized } from '../errors.js';
import type { State } from '../store.js';
import { failureResponse, type RequestRecord, type Traffic, takeFailure } from '../traffic.js';
import type { User } from '../types.js';
import { identify } from './auth.js';
import { type ApiResponse, matchRoute, type Route } from './router.js';

const apiPrefix = '/api/v4';
const maxBody = 10 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new ApiError(413, { message: '413 Request Entity Too Large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON or form bodies, as Grape accepts them. */
function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw paramError('The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return parsed as Record<string, unknown>;
}

function send(response: ServerResponse, method: string, reply: ApiResponse): void {
  if (reply.reset) {
    response.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.text !== undefined) payload = reply.text;
  else if (reply.status !== 204 && reply.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    payload = JSON.stringify(reply.body);
  }
  response.writeHead(reply.status, headers);
  response.end(method === 'HEAD' ? undefined : payload);
}

function errorReply(error: unknown): ApiResponse {
  if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
  if (error instanceof URIError)
    return { status: 400, body: { error: '400 Bad request - invalid URL encoding' } };
  // A bug in the fake: say so loudly in the test output, answer like GitLab would.
  console.error('fake GitLab: handler crashed', error);
  return { status: 500, body: { message: '500 Internal Server Error' } };
}

interface RouteInput {
  method: string;
  url: URL;
  path: string;
  body: Record<string, unknown>;
  user: User | undefined;
}

export interface ServerDeps {
  state: State;
  traffic: Traffic;
  routes: Route[];
}

/** Handles one request: hooks, injected failures, auth, the route; logs what was answered. */
export function createHandler(deps: ServerDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', deps.state.baseUrl);
    const path = url.pathname;
    const user = identify(deps.state, request.headers, url.searchParams);
    const record: RequestRecord = {
      method,
      path,
      query: url.search.slice(1),
      status: 0,
      userId: user?.id ?? null,
      body: null,
    };
    let reply: ApiResponse;
    try {
      const body = parseBody(await readBody(request), request.headers['content-type']);
      record.body = body;
      for (const hook of deps.traffic.hooks) {
        await hook({ method, path, query: url.searchParams, userId: record.userId, body });
      }
      reply = answer(deps, { method, url, path, body, user });
    } catch (error) {
      reply = errorReply(error);
    }
    record.status = reply.reset ? 0 : reply.status;
    deps.traffic.records.push(record);
    send(response, method, reply);
  };
}

function answer(deps: ServerDeps, input: RouteInput): ApiResponse {
  const failure = takeFailure(deps.traffic, input.method, input.path);
  if (failure && !failure.afterHandling) return injected(failure);
  let reply: ApiResponse;
  try {
    reply = route(deps, input);
  } catch (error) {
    reply = errorReply(error);
  }
  return failure ? injected(failure) : reply;
}

function injected(failure: Parameters<typeof failureResponse>[0]): ApiResponse {
  if (failure.reset) return { status: 0, reset: true };
  const { status, headers, body } = failureResponse(failure);
  return { status, headers, text: body };
}

function route(deps: ServerDeps, input: RouteInput): ApiResponse {
  if (!input.path.startsWith(`${apiPrefix}/`)) return { status: 404, body: { error: '404 Not Found' } };
  if (!input.user) throw unauthorized();
  const match = matchRoute(deps.routes, input.method, input.path.slice(apiPrefix.length));
  if (match.kind === 'none') return { status: 404, body: { error: '404 Not Found' } };
  if (match.kind === 'wrong-method') return { status: 405, body: { message: '405 Method Not Allowed' } };
  return match.route.handler({
    state: deps.state,
    method: input.method,
    url: input.url,
    params: match.params,
    query: input.url.searchParams,
    body: input.body,
    user: input.user,
  });
}
