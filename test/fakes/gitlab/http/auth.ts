import type { IncomingHttpHeaders } from 'node:http';
import { type State, userByToken } from '../store.js';
import type { User } from '../types.js';

/** The token of a request: `PRIVATE-TOKEN`, `Authorization: Bearer`, or the `private_token` query parameter. */
export function tokenOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const privateToken = headers['private-token'];
  if (typeof privateToken === 'string' && privateToken !== '') return privateToken;
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (bearer) return bearer[1];
  return query.get('private_token') ?? undefined;
}

/** The user behind the request, or undefined when the token is missing or unknown (the caller answers 401). */
export function identify(
  state: State,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): User | undefined {
  const token = tokenOf(headers, query);
  return token === undefined ? undefined : userByToken(state, token);
}
