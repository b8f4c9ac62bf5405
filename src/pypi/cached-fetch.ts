/**
 * Requests through the cache. Project pages: sent with the stored validators, a 304 reuses the stored parsed form.
 * Immutable documents (per-version metadata): a stored copy is used without asking. Concurrent requests for the
 * same key share one request.
 */
import type { z } from 'zod';
import { UpstreamError } from '../errors.js';
import type { ResponseCache } from './cache.js';
import type { HttpClient, HttpResponse } from './http.js';
import { redactUrl } from './redact.js';

export interface CachedFetchOptions {
  http: HttpClient;
  cache: ResponseCache;
}

export interface FetchRequest<T> {
  url: string;
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  /** Turns a 200 response into what is returned and stored. */
  parse(response: HttpResponse): T;
  /** The message of the UpstreamError for a 404. */
  notFound: string;
}

export interface CachedFetch {
  revalidated<T>(request: FetchRequest<T>): Promise<T>;
  immutable<T>(request: FetchRequest<T>): Promise<T>;
  /** Records an immutable document learnt from another answer, as if `url` had been fetched. */
  prime<T>(url: string, data: T): void;
}

export function createCachedFetch({ http, cache }: CachedFetchOptions): CachedFetch {
  const inFlight = new Map<string, Promise<unknown>>();
  // Primed documents not yet asked for; small (one requirement list per project) and dropped once used.
  const primed = new Map<string, unknown>();

  function shared<T>(key: string, run: () => Promise<T>): Promise<T> {
    const existing = inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const promise = run().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  async function revalidated<T>(request: FetchRequest<T>): Promise<T> {
    const stored = await cache.read(request.url, request.schema);
    const headers = { ...request.headers };
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    let response = await http.get(request.url, headers);
    if (response.status === 304) {
      if (stored) return stored.data;
      // A 304 we did not ask for (the entry vanished meanwhile): ask again, unconditionally.
      response = await http.get(request.url, request.headers);
    }
    const data = accept(request, response);
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    if (etag || lastModified) {
      cache.write(request.url, { data, etag, lastModified });
    }
    return data;
  }

  async function immutable<T>(request: FetchRequest<T>): Promise<T> {
    if (primed.has(request.url)) {
      const data = primed.get(request.url) as T;
      primed.delete(request.url);
      return data;
    }
    const stored = await cache.read(request.url, request.schema);
    if (stored) return stored.data;
    const data = accept(request, await http.get(request.url, request.headers));
    cache.write(request.url, { data });
    return data;
  }

  return {
    revalidated: (request) => shared(`r ${request.url}`, () => revalidated(request)),
    immutable: (request) => shared(`i ${request.url}`, () => immutable(request)),
    prime: (url, data) => {
      primed.set(url, data);
      cache.write(url, { data });
    },
  };
}

function accept<T>(request: FetchRequest<T>, response: HttpResponse): T {
  if (response.status === 200) {
    return request.parse(response);
  }
  if (response.status === 404 || response.status === 410) {
    throw new UpstreamError(request.notFound, 'index', 404);
  }
  throw new UpstreamError(`GET ${redactUrl(request.url)}: HTTP ${response.status}`, 'index', response.status);
}
