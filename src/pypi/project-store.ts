/**
 * The projects this client has read, by page URL, and their writing back to the cache. A record changes when its
 * page does (a 200) or when a release's requirements are learnt; changed records are written together on `flush`
 * (and every `flushEveryMs` for a long-lived client), so a cold pass writes each project's file once, not once per
 * page and again per release; `persist` writes one record early, when its caller is done with it, so that the disk
 * works while the pass still waits for the index, not after it. Records share their data with what callers were
 * given: keeping them costs no copy.
 *
 * A record on disk is read in steps: `validators` (cheap: the file's header) so that the revalidation can be sent,
 * then `load` (the body part, once the answer says the stored page is still good), then, for a `--hash` pin only,
 * `digests` (the files' digests, record-parts.ts). Until then the digests part is held as it was read, undecoded,
 * and written back as it is when the record changes.
 */
import type { CacheEntry, ResponseCache } from './cache.js';
import { decodeBody, decodeDigests, encodeBody, encodeDigests } from './record-parts.js';
import { type StoredProject, type Validators, validatorsOf } from './schema.js';

export interface ProjectStore {
  /** The validators of the record in memory, else of the one on disk, else undefined. */
  validators(url: string): Promise<Validators | undefined>;
  /** The record in memory, else on disk (its files' digests not read yet), else undefined. */
  load(url: string): Promise<StoredProject | undefined>;
  /** The record in memory (loaded or saved by this client), without reading the disk. */
  peek(url: string): StoredProject | undefined;
  /**
   * True when the record in memory has its files' digests, read now from its digests part if need be; false when
   * there is no record in memory, or its digests part does not fit it (the record is forgotten: the page must be
   * asked for again). A digests part damaged on disk never gets this far: `load` refuses the whole record.
   */
  digests(url: string): boolean;
  /** Records `record` as the newest for `url`, its files' digests included; written on the next flush. */
  save(url: string, record: StoredProject): void;
  /** Starts writing the record of `url` now if it is unwritten, so that a flush has less left to do. */
  persist(url: string): void;
  flush(): Promise<void>;
}

const BODY = 0;
const DIGESTS = 1;

export function createProjectStore(cache: ResponseCache, flushEveryMs = 60_000): ProjectStore {
  const records = new Map<string, StoredProject>();
  // The digests part of each record read from disk whose digests are not decoded yet.
  const unreadDigests = new Map<string, string>();
  const dirty = new Set<string>();
  // Cache entries opened (header read) but not loaded yet, and loads under way: each file is read once.
  const opened = new Map<string, Promise<CacheEntry | undefined>>();
  const loading = new Map<string, Promise<StoredProject | undefined>>();
  let timer: NodeJS.Timeout | undefined;

  function open(url: string): Promise<CacheEntry | undefined> {
    let entry = opened.get(url);
    if (!entry) {
      entry = cache.open(url);
      opened.set(url, entry);
    }
    return entry;
  }

  async function validators(url: string): Promise<Validators | undefined> {
    const known = records.get(url);
    if (known) return validatorsOf(known);
    return (await open(url))?.validators;
  }

  async function readDisk(url: string): Promise<StoredProject | undefined> {
    const entry = await open(url);
    opened.delete(url);
    // Another look-up may have saved a newer record while the disk was read.
    const current = records.get(url);
    if (current) return current;
    const bodyPart = entry?.part(BODY);
    const body = bodyPart === undefined ? undefined : decodeBody(bodyPart);
    // Taken now, undecoded (a string of its own: the file's bytes go with the entry), and checked by its digest.
    const digestsPart = body ? entry?.part(DIGESTS) : undefined;
    if (!entry || !body || digestsPart === undefined) return undefined;
    const record: StoredProject = { ...body, ...entry.validators };
    records.set(url, record);
    unreadDigests.set(url, digestsPart);
    return record;
  }

  function load(url: string): Promise<StoredProject | undefined> {
    const known = records.get(url);
    if (known) return Promise.resolve(known);
    let pending = loading.get(url);
    if (!pending) {
      pending = readDisk(url).finally(() => loading.delete(url));
      loading.set(url, pending);
    }
    return pending;
  }

  function digests(url: string): boolean {
    const record = records.get(url);
    if (!record) return false;
    const part = unreadDigests.get(url);
    if (part === undefined) return true;
    unreadDigests.delete(url);
    if (decodeDigests(part, record)) return true;
    records.delete(url);
    dirty.delete(url);
    return false;
  }

  function save(url: string, record: StoredProject): void {
    if (records.get(url) !== record) unreadDigests.delete(url);
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
    for (const url of dirty) write(url);
    await cache.flush();
  }

  function write(url: string): void {
    const { etag, lastModified, location, ...body } = records.get(url)!;
    const parts = [encodeBody(body), unreadDigests.get(url) ?? encodeDigests(body)];
    cache.write(url, validatorsOf({ etag, lastModified, location }), parts);
    dirty.delete(url);
  }

  function persist(url: string): void {
    if (dirty.has(url)) write(url);
  }

  return { validators, load, peek: (url) => records.get(url), digests, save, persist, flush };
}
