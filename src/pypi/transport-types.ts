/** What both protocols' exchanges share: the response they give, the attempt's deadline, their errors. */
import type { IncomingHttpHeaders } from 'node:http';

/** The response headers, read by name (any case). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface RawResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: ResponseHeaders;
  /** The body as received: still compressed when `content-encoding` says so (see `decodeBody`). */
  payload: Buffer;
  /** The protocol it came over. */
  httpVersion: '1.1' | '2';
}

/** The deadline of one attempt: once `expired`, `cancel` (set by the exchange under way) ends it. */
export interface Deadline {
  cancel?: (error: Error) => void;
  expired?: TimeoutError;
}

/** One request and its answer, no redirects followed. */
export type Exchange = (
  target: URL,
  headers: Record<string, string>,
  deadline: Deadline,
) => Promise<RawResponse>;

/** As fetch (undici) had it: a host that never answers is told from a slow one before the attempt's timeout. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The attempt outlived its deadline. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** No connection within CONNECT_TIMEOUT_MS: the code says "unreachable", like the system's own connect timeout. */
export class ConnectTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/** Node has already lower-cased the names and joined repeated headers (but `set-cookie`, kept as a list). */
export function headerReader(headers: IncomingHttpHeaders): ResponseHeaders {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
