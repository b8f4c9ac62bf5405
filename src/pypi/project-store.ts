/**
 * The projects this client has read, by page URL, and their writing back to the cache. A record changes when its
 * page does (a 200) or when a release's requirements are learnt; changed records are written together on `flush`
 * (and every `flushEveryMs` for a long-lived client), so a cold pass writes each project's file once, not once per
 * page and again per release. Records share their data with what callers were given: keeping them costs no copy.
 */
import type { ResponseCache } from './cache.js';
import { StoredProject } from './schema.js';

export interface ProjectStore {
  /** The record in memory, else on disk, else undefined. */
  load(url: string): Promise<StoredProject | undefined>;
  /** Records `record` as the newest for `url`; written on the next flush. */
  save(url: string, record: StoredProject): void;
  flush(): Promise<void>;
}

export function createProjectStore(cache: ResponseCache, flushEveryMs = 60_000): ProjectStore {
  const records = new Map<string, StoredProject>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function load(url: string): Promise<StoredProject | undefined> {
    const known = records.get(url);
    if (known) return known;
    const stored = await cache.read(url, StoredProject);
    // Another look-up may have saved a newer record while the disk was read.
    const current = records.get(url);
    if (current) return current;
    if (stored) records.set(url, stored);
    return stored;
  }

  function save(url: string, record: StoredProject): void {
    records.set(url, record);
    dirty.add(url);
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, flushEveryMs).unref();
  }

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    for (const url of dirty) {
      cache.write(url, records.get(url));
    }
    dirty.clear();
    await cache.flush();
  }

  return { load, save, flush };
}
