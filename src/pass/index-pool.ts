import type { Logger } from 'pino';
import { indexUrlOf } from '../constraints/index-url.js';
import type { ConstraintsFile } from '../constraints/types.js';
import type { VerdictMemo } from '../plan/verdict-memo.js';
import { createPackageIndex } from '../pypi/create-index.js';
import type { IndexStats, PackageIndex, Project } from '../pypi/types.js';
import { openVerdicts, type StoredMemo } from './verdict-file.js';

export interface IndexPoolOptions {
  /** `--index-url` or `PIP_INDEX_URL` when the user set one: it beats an index option inside a file. */
  explicitUrl?: string;
  defaultUrl: string;
  /** Requests in flight per index host; absent: chosen by protocol (src/pypi/http.ts). */
  concurrency?: number;
  cacheDir?: string;
  logger?: Logger;
}

/**
 * One client per index URL, shared by every file that uses it (keep-alive and the cache are per client). A pool
 * lives for one pass (`run` over any number of projects; one event's pass in `serve`), and within it each
 * project page is asked for once: a package pinned in 200 projects is revalidated once, not 200 times, and
 * every project of the pass plans on the same answer. A look-up that failed (after the client's retries) fails
 * for every project of the pass alike, and is asked again by the next pass.
 */
export interface IndexPool {
  urlFor(file: ConstraintsFile): string;
  indexFor(file: ConstraintsFile): PackageIndex;
  stats(): IndexStats;
  /**
   * The conflict-check verdicts remembered beside the cache (read on first use, written at `close`); undefined
   * without a cache directory. One memo for every project of the pass: the same file decides the same way anywhere.
   */
  verdicts(now: Date): VerdictMemo | undefined;
  close(): Promise<void>;
}

export function createIndexPool(options: IndexPoolOptions): IndexPool {
  const clients = new Map<string, PackageIndex>();
  let stored: StoredMemo | undefined;
  const urlFor = (file: ConstraintsFile) => options.explicitUrl ?? indexUrlOf(file) ?? options.defaultUrl;
  return {
    urlFor,
    indexFor(file) {
      const url = urlFor(file);
      let client = clients.get(url);
      if (!client) {
        client = oncePerPass(
          createPackageIndex({
            indexUrl: url,
            ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
            ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
            ...(options.logger ? { logger: options.logger } : {}),
          }),
        );
        clients.set(url, client);
      }
      return client;
    },
    stats() {
      const total: IndexStats = { requests: 0, notModified: 0, bytes: 0, retries: 0 };
      for (const client of clients.values()) {
        const s = client.stats();
        total.requests += s.requests;
        total.notModified += s.notModified;
        total.bytes += s.bytes;
        total.retries += s.retries;
      }
      return total;
    },
    verdicts(now) {
      if (!options.cacheDir) return undefined;
      stored ??= openVerdicts(options.cacheDir, now, options.logger);
      return stored.memo;
    },
    async close() {
      await Promise.all([...[...clients.values()].map((c) => c.close()), stored?.save()]);
    },
  };
}

/** `index`, remembering each project page it answered (or failed to) for the rest of the pool's life. */
export function oncePerPass(index: PackageIndex): PackageIndex {
  const pages = new Map<string, Promise<Project>>();
  return {
    // Every other method as it is (an index is a plain object of functions).
    ...index,
    getProject(name) {
      let page = pages.get(name);
      if (!page) {
        page = index.getProject(name);
        pages.set(name, page);
      }
      return page;
    },
  };
}

/** The pool a command's settings describe; `indexUrlGiven`: the user set `--index-url` or `PIP_INDEX_URL`. */
export function indexPoolFor(
  settings: { indexUrl: string; concurrency?: number; cacheDir: string },
  indexUrlGiven: boolean,
  logger?: Logger,
): IndexPool {
  return createIndexPool({
    ...(indexUrlGiven ? { explicitUrl: settings.indexUrl } : {}),
    defaultUrl: settings.indexUrl,
    ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
    cacheDir: settings.cacheDir,
    ...(logger ? { logger } : {}),
  });
}
