/**
 * On-disk cache of index responses: one JSON file per URL, named by a hash of the URL (credentials are never part of
 * it). Project pages are kept with their validators (ETag, Last-Modified) for revalidation; per-version metadata is
 * immutable and kept for good. Entries hold our parsed form, not the raw body, so a warm pass reads kilobytes, not
 * megabytes. A damaged entry is deleted and treated as a miss; a failed write only costs a future request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { CacheEnvelope } from './schema.js';

export interface CacheEntry<T> {
  data: T;
  etag?: string;
  lastModified?: string;
}

export interface ResponseCache {
  read<T>(key: string, schema: z.ZodType<T>): Promise<CacheEntry<T> | undefined>;
  /** Starts writing in the background: a look-up does not wait for the disk. */
  write<T>(key: string, entry: CacheEntry<T>): void;
  /** Waits for every write started so far. */
  flush(): Promise<void>;
}

/** Where the cache lives when neither `--cache-dir` nor `PINGATE_CACHE_DIR` says: the user's cache directory. */
export function defaultCacheDir(): string {
  return envPaths('pingate', { suffix: '' }).cache;
}

/** A cache that remembers nothing: used when no cache directory is given. */
export function createNullCache(): ResponseCache {
  return {
    read: async () => undefined,
    write: () => {},
    flush: async () => {},
  };
}

export function createDiskCache(dir: string, logger?: Logger): ResponseCache {
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => {
    ready ??= mkdir(dir, { recursive: true });
    return ready;
  };
  // The names present when we started: on a cold cache this spares thousands of failed opens.
  let listing: Promise<Set<string>> | undefined;
  const present = () => {
    listing ??= readdir(dir).then(
      (names) => new Set(names),
      () => new Set<string>(),
    );
    return listing;
  };
  const pending = new Set<Promise<void>>();
  // Entries on their way to disk, so a read in the meantime sees the newest answer.
  const writing = new Map<string, CacheEntry<unknown>>();

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<CacheEntry<T> | undefined> {
    const inMemory = writing.get(key);
    if (inMemory) {
      return inMemory as CacheEntry<T>;
    }
    const name = fileNameFor(key);
    if (!(await present()).has(name)) {
      return undefined;
    }
    const file = join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const entry = decodeEntry(text, key, schema);
    if (!entry) {
      logger?.debug({ file }, 'dropping damaged cache entry');
      await unlink(file).catch(() => {});
    }
    return entry;
  }

  async function store<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    const name = fileNameFor(key);
    const file = join(dir, name);
    const envelope: CacheEnvelope = { format: 1, key, ...entry };
    // Write then rename, so a reader (or a crash) never sees half a file.
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await ensureDir();
      await writeFile(temp, JSON.stringify(envelope));
      await rename(temp, file);
      (await present()).add(name);
    } catch (error) {
      logger?.warn({ dir, err: error }, 'could not write to the index cache');
      await unlink(temp).catch(() => {});
    }
  }

  function write<T>(key: string, entry: CacheEntry<T>): void {
    writing.set(key, entry);
    const promise = store(key, entry).finally(() => {
      pending.delete(promise);
      if (writing.get(key) === entry) writing.delete(key);
    });
    pending.add(promise);
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) {
      await Promise.all(pending);
    }
  }

  return { read, write, flush };
}

function fileNameFor(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;
}

/** The entry in `text`, or undefined when it is not valid JSON, not ours, or not of the expected shape. */
export function decodeEntry<T>(text: string, key: string, schema: z.ZodType<T>): CacheEntry<T> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const envelope = CacheEnvelope.safeParse(raw);
  if (!envelope.success || envelope.data.key !== key) {
    return undefined;
  }
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    return undefined;
  }
  const entry: CacheEntry<T> = { data: data.data };
  if (envelope.data.etag !== undefined) entry.etag = envelope.data.etag;
  if (envelope.data.lastModified !== undefined) entry.lastModified = envelope.data.lastModified;
  return entry;
}
