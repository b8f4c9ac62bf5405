/**
 * Requests through the project store. A project page is sent with its stored validators and a 304 reuses the
 * stored page; a release's requirements, once known, are never asked for again. Concurrent requests for the same
 * page or release share one request.
 */
import { UpstreamError } from '../errors.js';
import type { HttpClient, HttpResponse } from './http.js';
import type { ProjectStore } from './project-store.js';
import { redactUrl } from './redact.js';
import type { CachedProject, StoredProject, Validators } from './schema.js';

export interface PageRequest {
  url: string;
  headers?: Record<string, string>;
  /** Reads a 200 answer: the page, and any release requirements (and advisories) it carries. */
  parse(response: HttpResponse): {
    page: CachedProject;
    requiresDist?: Record<string, string[]>;
    vulnerabilities?: StoredProject['vulnerabilities'];
  };
  /** The message of the UpstreamError for a 404. */
  notFound: string;
}

export interface ProjectFetcher {
  /** The project's record, revalidated against the index; its files' digests may not be read yet (see `digests`). */
  project(request: PageRequest): Promise<StoredProject>;
  /**
   * The project's record with its files' digests: the record this client holds (as `project` last gave it; asked
   * for now if it holds none), its digests read from the cache; when they cannot be had there, the page asked for
   * again.
   */
  withDigests(request: PageRequest): Promise<StoredProject>;
  /** The record as last seen (this run or from the cache), without asking the index. */
  known(pageUrl: string): Promise<StoredProject | undefined>;
  /** The requirements of `version` if this client already holds them (from the index or its cache). */
  knownRequiresDist(pageUrl: string, version: string): string[] | undefined;
  /** The requirements of `version`, from the record of `pageUrl` or else from `fetchIt`, then kept there. */
  requiresDist(pageUrl: string, version: string, fetchIt: () => Promise<string[]>): Promise<string[]>;
  /** Changes the record of `pageUrl` (read first if need be) and keeps the change; false when there is no record. */
  update(pageUrl: string, change: (record: StoredProject) => void): Promise<boolean>;
  /** Writes the record of `pageUrl` to the cache now, if it changed since it was read or last written. */
  persist(pageUrl: string): void;
  /** GET a document, mapped: 200 → body; 404 → UpstreamError(notFound, 404); other → UpstreamError. */
  document(url: string, notFound: string): Promise<HttpResponse>;
}

export function createProjectFetcher(http: HttpClient, store: ProjectStore): ProjectFetcher {
  const inFlight = new Map<string, Promise<unknown>>();

  function shared<T>(key: string, run: () => Promise<T>): Promise<T> {
    const existing = inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const promise = run().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  async function project(request: PageRequest): Promise<StoredProject> {
    // The stored page's validators are read first and its body only after a 304, so that decoding 1,000 stored
    // pages overlaps with waiting for the index instead of holding the requests back.
    const validators = await store.validators(request.url);
    const headers = { ...request.headers };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const at = validators?.location ?? request.url;
    let response = await http.get(at, headers);
    if (at !== request.url && (response.status === 404 || response.status === 410)) {
      // The page is no longer where the last redirect led (a renamed project): ask where it is named.
      response = await http.get(request.url, request.headers);
    }
    if (response.status === 304 && validators) {
      const stored = await store.load(request.url);
      if (stored) {
        stored.page.revision ??= revisionOf(request.url, validators);
        return stored;
      }
      // The stored body turned out damaged (and is dropped): ask again, unconditionally, below.
    }
    if (response.status === 304) {
      // A 304 we did not ask for, or for a page we no longer have: ask again, unconditionally.
      response = await http.get(request.url, request.headers);
    }
    return fresh(request, response);
  }

  /** The record of a page as the index has just answered it (its files' digests included), saved. */
  async function fresh(request: PageRequest, response: HttpResponse): Promise<StoredProject> {
    const { page, requiresDist, vulnerabilities } = request.parse(
      accept(response, request.url, request.notFound),
    );
    const stored = await store.load(request.url);
    const record: StoredProject = {
      page,
      // Requirements of a release never change: keep what was learnt under the previous page.
      requiresDist: { ...stored?.requiresDist, ...requiresDist },
    };
    if (stored?.vulnerabilities || vulnerabilities) {
      record.vulnerabilities = { ...stored?.vulnerabilities, ...vulnerabilities };
    }
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) record.etag = etag;
    if (lastModified) record.lastModified = lastModified;
    const location = rememberedLocation(request.url, response.url);
    if (location) record.location = location;
    const revision = revisionOf(request.url, record);
    if (revision) page.revision = revision;
    store.save(request.url, record);
    return record;
  }

  async function withDigests(request: PageRequest): Promise<StoredProject> {
    const record = store.peek(request.url) ?? (await project(request));
    if (store.digests(request.url)) return record;
    // The cache could not give them: the page again, unconditionally.
    return fresh(request, await http.get(request.url, request.headers));
  }

  async function requiresDist(
    pageUrl: string,
    version: string,
    fetchIt: () => Promise<string[]>,
  ): Promise<string[]> {
    const known = (await store.load(pageUrl))?.requiresDist[version];
    if (known) return known;
    const list = await fetchIt();
    const record = await store.load(pageUrl);
    if (record) {
      record.requiresDist[version] = list;
      store.save(pageUrl, record);
    }
    return list;
  }

  async function document(url: string, notFound: string): Promise<HttpResponse> {
    return accept(await http.get(url), url, notFound);
  }

  return {
    project: (request) => shared(`page ${request.url}`, () => project(request)),
    withDigests: (request) => shared(`digests ${request.url}`, () => withDigests(request)),
    known: (pageUrl) => store.load(pageUrl),
    knownRequiresDist: (pageUrl, version) => {
      const requiresDist = store.peek(pageUrl)?.requiresDist;
      return requiresDist && Object.hasOwn(requiresDist, version) ? requiresDist[version] : undefined;
    },
    requiresDist: (pageUrl, version, fetchIt) =>
      shared(`requires ${pageUrl} ${version}`, () => requiresDist(pageUrl, version, fetchIt)),
    document,
    update: async (pageUrl, change) => {
      const record = await store.load(pageUrl);
      if (!record) return false;
      change(record);
      store.save(pageUrl, record);
      return true;
    },
    persist: (pageUrl) => store.persist(pageUrl),
  };
}

/** What names one answer of a page: its URL and validators; undefined when the index sent no validator. */
function revisionOf(url: string, { etag, lastModified }: Validators): string | undefined {
  if (!etag && !lastModified) return undefined;
  return `${url}\n${etag ?? ''}\n${lastModified ?? ''}`;
}

/**
 * Where a redirect led, to go there directly next time; never a URL with credentials in it (they would be written
 * to the cache), and nothing when the page answered where it was asked for.
 */
function rememberedLocation(asked: string, answered: string): string | undefined {
  if (answered === asked) return undefined;
  const url = URL.canParse(answered) ? new URL(answered) : undefined;
  return url && !url.username && !url.password ? answered : undefined;
}

function accept(response: HttpResponse, url: string, notFound: string): HttpResponse {
  if (response.status === 200) {
    return response;
  }
  if (response.status === 404 || response.status === 410) {
    throw new UpstreamError(notFound, 'index', 404);
  }
  throw new UpstreamError(`GET ${redactUrl(url)}: HTTP ${response.status}`, 'index', response.status);
}
