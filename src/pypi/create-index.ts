/**
 * `createPackageIndex`: the PackageIndex for an index URL. A URL ending in `/simple/` is read with the Simple API
 * (PEP 691 JSON, HTML fallback, PEP 658 metadata); any other with PyPI's JSON API.
 */
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { createDiskCache, createNullCache } from './cache.js';
import { createHttpClient } from './http.js';
import { parseJsonApiProject, parseJsonApiRequiresDist } from './json-api.js';
import { parseRequiresDist } from './metadata.js';
import { projectPageLink } from './page-link.js';
import { createProjectFetcher, type ProjectFetcher } from './project-fetch.js';
import { createProjectStore } from './project-store.js';
import { redactUrl, splitCredentials } from './redact.js';
import { parseSimpleProject, SIMPLE_ACCEPT } from './simple-api.js';
import type { PackageIndex, Project } from './types.js';

export interface PackageIndexOptions {
  indexUrl: string;
  /** Requests in flight per host at most. Default: by protocol (http.ts). */
  concurrency?: number;
  /** Offer HTTP/2 to an `https://` index (ALPN). Default true. */
  http2?: boolean;
  /** Certificates to trust beside the system's (tests). */
  ca?: string | Buffer;
  /** On-disk HTTP cache; none when absent. */
  cacheDir?: string;
  /** Per attempt. Default 15 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First back-off delay, doubled per retry, with jitter. Default 500 (tests set it lower). */
  backoffMs?: number;
  /** Longest `Retry-After` honoured. Default 30 000. */
  maxRetryAfterMs?: number;
  logger?: Logger;
}

interface Api {
  getProject(name: string): Promise<Project>;
  getRequiresDist(name: string, version: string): Promise<string[]>;
  knownRequiresDist(name: string, version: string): string[] | undefined;
  persist(name: string): void;
}

export function createPackageIndex(options: PackageIndexOptions): PackageIndex {
  const withSlash = options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`;
  const { url: base, authorization } = splitCredentials(withSlash);
  const indexLabel = redactUrl(withSlash);
  const http = createHttpClient({
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.http2 !== undefined ? { http2: options.http2 } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    ...(authorization ? { authorization, authOrigin: new URL(base).origin } : {}),
    indexLabel,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const cache = options.cacheDir ? createDiskCache(options.cacheDir, options.logger) : createNullCache();
  const store = createProjectStore(cache);
  const fetcher = createProjectFetcher(http, store);
  const api = isSimpleIndex(base) ? simpleApi(fetcher, base, indexLabel) : jsonApi(fetcher, base, indexLabel);
  let closing: Promise<void> | undefined;
  return {
    ...api,
    projectPage: (name, version) => projectPageLink(base, name, version),
    stats: () => http.stats(),
    // Writes what was learnt to the cache, then closes the connections.
    close: () => {
      closing ??= store.flush().then(() => http.close());
      return closing;
    },
  };
}

/** True when `indexUrl` is read with the Simple API. */
export function isSimpleIndex(indexUrl: string): boolean {
  return /\/simple\/?$/.test(indexUrl);
}

/**
 * The page URL of each name, built once: records are kept by page URL, and the conflict check asks for thousands
 * of requirements by it; a string built anew must be hashed anew for every look-up (15 ms on the benchmark).
 */
function onceEach(pageUrlOf: (name: string) => string): (name: string) => string {
  const urls = new Map<string, string>();
  return (name) => {
    let url = urls.get(name);
    if (url === undefined) {
      url = pageUrlOf(name);
      urls.set(name, url);
    }
    return url;
  };
}

function jsonApi(fetcher: ProjectFetcher, base: string, indexLabel: string): Api {
  const pageUrl = onceEach((name) => `${base}${encodeURIComponent(name)}/json`);
  const readPage = (name: string) =>
    fetcher.project({
      url: pageUrl(name),
      parse: (response) => {
        const { project, latest } = parseJsonApiProject(name, response.body, indexLabel);
        // The page carries the newest release's requirements: what the conflict check asks for most.
        return latest
          ? { page: project, requiresDist: { [latest.version]: latest.requiresDist } }
          : { page: project };
      },
      notFound: `no such project on ${indexLabel}`,
    });

  return {
    getProject: async (name) => (await readPage(name)).page,
    getRequiresDist: async (name, version) => {
      // Requirements are kept with their project: read it first if this run has not.
      if (!(await fetcher.known(pageUrl(name)))) await readPage(name);
      return fetcher.requiresDist(pageUrl(name), version, async () => {
        const url = `${base}${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
        const response = await fetcher.document(url, `no release ${version} of ${name} on ${indexLabel}`);
        return parseJsonApiRequiresDist(name, version, response.body, indexLabel);
      });
    },
    knownRequiresDist: (name, version) => fetcher.knownRequiresDist(pageUrl(name), version),
    persist: (name) => fetcher.persist(pageUrl(name)),
  };
}

function simpleApi(fetcher: ProjectFetcher, base: string, indexLabel: string): Api {
  const pageUrl = onceEach((name) => `${base}${encodeURIComponent(name)}/`);
  const readPage = (name: string) =>
    fetcher.project({
      url: pageUrl(name),
      headers: { accept: SIMPLE_ACCEPT },
      parse: (response) => ({
        page: parseSimpleProject(
          name,
          response.body,
          response.headers.get('content-type') ?? '',
          response.url,
          indexLabel,
        ),
      }),
      notFound: `no such project on ${indexLabel}`,
    });

  return {
    getProject: async (name) => {
      const { metadataUrls: _urls, ...project } = (await readPage(name)).page;
      return project;
    },
    getRequiresDist: async (name, version) => {
      const record = (await fetcher.known(pageUrl(name))) ?? (await readPage(name));
      return fetcher.requiresDist(pageUrl(name), version, async () => {
        const url = record.page.metadataUrls?.[version];
        if (!url) {
          throw new UpstreamError(
            `${indexLabel} has no metadata file (PEP 658) for ${name} ${version}`,
            'index',
          );
        }
        const response = await fetcher.document(
          url,
          `no metadata file for ${name} ${version} on ${indexLabel}`,
        );
        return parseRequiresDist(response.body);
      });
    },
    knownRequiresDist: (name, version) => fetcher.knownRequiresDist(pageUrl(name), version),
    persist: (name) => fetcher.persist(pageUrl(name)),
  };
}
