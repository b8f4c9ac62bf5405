/**
 * `createPackageIndex`: the PackageIndex for an index URL. A URL ending in `/simple/` is read with the Simple API
 * (PEP 691 JSON, HTML fallback, PEP 658 metadata); any other with PyPI's JSON API.
 */
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { createDiskCache, createNullCache } from './cache.js';
import { createHttpClient } from './http.js';
import { parseJsonApiProject, parseJsonApiRelease } from './json-api.js';
import { parseRequiresDist } from './metadata.js';
import { pageLinker } from './page-link.js';
import { createProjectFetcher, type PageRequest, type ProjectFetcher } from './project-fetch.js';
import { createProjectStore } from './project-store.js';
import { redactUrl, splitCredentials } from './redact.js';
import type { CachedProject } from './schema.js';
import { parseSimpleProject, SIMPLE_ACCEPT } from './simple-api.js';
import type { PackageIndex, Project, PypiVulnerability } from './types.js';

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
  /** The clock that dates advisories read from the index (they are read again after a day). Default Date.now. */
  clock?: () => number;
}

interface Api {
  getProject(name: string): Promise<Project>;
  digests(name: string): Promise<Project>;
  getVulnerabilities?(name: string, version: string): Promise<PypiVulnerability[]>;
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
  const clock = options.clock ?? Date.now;
  const api = isSimpleIndex(base)
    ? simpleApi(fetcher, base, indexLabel)
    : jsonApi(fetcher, base, indexLabel, clock);
  let closing: Promise<void> | undefined;
  return {
    ...api,
    projectPage: pageLinker(base),
    reached: () => http.reached(),
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

/** PyPI's advisories of a release are read again once what is held of them is older than this. */
export const VULNERABILITIES_MAX_AGE_MS = 24 * 3_600_000;

function jsonApi(fetcher: ProjectFetcher, base: string, indexLabel: string, clock: () => number): Api {
  const pageUrl = onceEach((name) => `${base}${encodeURIComponent(name)}/json`);
  const pageRequest = (name: string): PageRequest => ({
    url: pageUrl(name),
    parse: (response) => {
      const { project, latest } = parseJsonApiProject(name, response.body, indexLabel);
      // The page carries the newest release's requirements and advisories: what the pass asks for most.
      return latest
        ? {
            page: project,
            requiresDist: { [latest.version]: latest.requiresDist },
            vulnerabilities: { [latest.version]: { checkedAt: clock(), list: latest.vulnerabilities } },
          }
        : { page: project };
    },
    notFound: `no such project on ${indexLabel}`,
  });
  const readPage = (name: string) => fetcher.project(pageRequest(name));
  /** One release's page: its requirements are kept for good, its advisories with the time they were read. */
  const readRelease = async (name: string, version: string) => {
    const url = `${base}${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
    const response = await fetcher.document(url, `no release ${version} of ${name} on ${indexLabel}`);
    const release = parseJsonApiRelease(name, version, response.body, indexLabel);
    const checkedAt = clock();
    await fetcher.update(pageUrl(name), (record) => {
      record.requiresDist[version] ??= release.requiresDist;
      record.vulnerabilities = {
        ...record.vulnerabilities,
        [version]: { checkedAt, list: release.vulnerabilities },
      };
    });
    return release;
  };
  const ensurePage = async (name: string) => {
    if (!(await fetcher.known(pageUrl(name)))) await readPage(name);
  };

  return {
    getProject: async (name) => (await readPage(name)).page,
    digests: async (name) => (await fetcher.withDigests(pageRequest(name))).page,
    getRequiresDist: async (name, version) => {
      // Requirements are kept with their project: read it first if this run has not.
      await ensurePage(name);
      return fetcher.requiresDist(
        pageUrl(name),
        version,
        async () => (await readRelease(name, version)).requiresDist,
      );
    },
    getVulnerabilities: async (name, version) => {
      await ensurePage(name);
      const held = (await fetcher.known(pageUrl(name)))?.vulnerabilities?.[version];
      const age = held ? clock() - held.checkedAt : Number.POSITIVE_INFINITY;
      if (held && age >= 0 && age < VULNERABILITIES_MAX_AGE_MS) return held.list;
      return (await readRelease(name, version)).vulnerabilities;
    },
    knownRequiresDist: (name, version) => fetcher.knownRequiresDist(pageUrl(name), version),
    persist: (name) => fetcher.persist(pageUrl(name)),
  };
}

function simpleApi(fetcher: ProjectFetcher, base: string, indexLabel: string): Api {
  const pageUrl = onceEach((name) => `${base}${encodeURIComponent(name)}/`);
  const pageRequest = (name: string): PageRequest => ({
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
  const readPage = (name: string) => fetcher.project(pageRequest(name));
  const withoutUrls = ({ metadataUrls: _urls, ...project }: CachedProject): Project => project;

  return {
    getProject: async (name) => withoutUrls((await readPage(name)).page),
    digests: async (name) => withoutUrls((await fetcher.withDigests(pageRequest(name))).page),
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
