/**
 * `createPackageIndex`: the PackageIndex for an index URL. A URL ending in `/simple/` is read with the Simple API
 * (PEP 691 JSON, HTML fallback, PEP 658 metadata); any other with PyPI's JSON API.
 */
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { createDiskCache, createNullCache } from './cache.js';
import { type CachedFetch, createCachedFetch } from './cached-fetch.js';
import { createHttpClient } from './http.js';
import { parseJsonApiProject, parseJsonApiRequiresDist } from './json-api.js';
import { parseRequiresDist } from './metadata.js';
import { redactUrl, splitCredentials } from './redact.js';
import { CachedProject, CachedRequiresDist } from './schema.js';
import { parseSimpleProject, SIMPLE_ACCEPT } from './simple-api.js';
import type { PackageIndex, Project } from './types.js';

export interface PackageIndexOptions {
  indexUrl: string;
  /** Requests in flight at most. Default 32. */
  concurrency?: number;
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
}

export function createPackageIndex(options: PackageIndexOptions): PackageIndex {
  const withSlash = options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`;
  const { url: base, authorization } = splitCredentials(withSlash);
  const indexLabel = redactUrl(withSlash);
  const http = createHttpClient({
    concurrency: options.concurrency ?? 32,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    ...(authorization ? { authorization, authOrigin: new URL(base).origin } : {}),
    indexLabel,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const cache = options.cacheDir ? createDiskCache(options.cacheDir, options.logger) : createNullCache();
  const fetcher = createCachedFetch({ http, cache });
  const api = base.endsWith('/simple/')
    ? simpleApi(fetcher, base, indexLabel)
    : jsonApi(fetcher, base, indexLabel);
  let closing: Promise<void> | undefined;
  return {
    ...api,
    stats: () => http.stats(),
    close: () => {
      closing ??= cache.flush().then(() => http.close());
      return closing;
    },
  };
}

/** True when `indexUrl` is read with the Simple API. */
export function isSimpleIndex(indexUrl: string): boolean {
  return /\/simple\/?$/.test(indexUrl);
}

function jsonApi(fetcher: CachedFetch, base: string, indexLabel: string): Api {
  const releaseUrl = (name: string, version: string) =>
    `${base}${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
  return {
    getProject: (name) =>
      fetcher.revalidated({
        url: `${base}${encodeURIComponent(name)}/json`,
        schema: CachedProject,
        parse: (response) => {
          const page = parseJsonApiProject(name, response.body, indexLabel);
          // The page carries the newest release's requirements: what the conflict check asks for most.
          if (page.latest) {
            fetcher.prime(releaseUrl(name, page.latest.version), page.latest.requiresDist);
          }
          return page.project;
        },
        notFound: `no such project on ${indexLabel}`,
      }),
    getRequiresDist: (name, version) =>
      fetcher.immutable({
        url: releaseUrl(name, version),
        schema: CachedRequiresDist,
        parse: (response) => parseJsonApiRequiresDist(name, version, response.body, indexLabel),
        notFound: `no release ${version} of ${name} on ${indexLabel}`,
      }),
  };
}

function simpleApi(fetcher: CachedFetch, base: string, indexLabel: string): Api {
  // Version → PEP 658 URL per project, from the last page read; small next to the pages themselves.
  const metadataUrls = new Map<string, Record<string, string>>();

  async function readPage(name: string): Promise<CachedProject> {
    const page = await fetcher.revalidated({
      url: `${base}${encodeURIComponent(name)}/`,
      headers: { accept: SIMPLE_ACCEPT },
      schema: CachedProject,
      parse: (response) =>
        parseSimpleProject(
          name,
          response.body,
          response.headers.get('content-type') ?? '',
          response.url,
          indexLabel,
        ),
      notFound: `no such project on ${indexLabel}`,
    });
    metadataUrls.set(name, page.metadataUrls ?? {});
    return page;
  }

  async function getRequiresDist(name: string, version: string): Promise<string[]> {
    const urls = metadataUrls.get(name) ?? (await readPage(name)).metadataUrls ?? {};
    const url = urls[version];
    if (!url) {
      throw new UpstreamError(
        `${indexLabel} has no metadata file (PEP 658) for ${name} ${version}`,
        'index',
        undefined,
      );
    }
    return fetcher.immutable({
      url,
      schema: CachedRequiresDist,
      parse: (response) => parseRequiresDist(response.body),
      notFound: `no metadata file for ${name} ${version} on ${indexLabel}`,
    });
  }

  return {
    getProject: async (name) => {
      const { metadataUrls: _urls, ...project } = await readPage(name);
      return project;
    },
    getRequiresDist,
  };
}
