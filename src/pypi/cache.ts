/**
 * On-disk cache: one JSON file per key (a URL without credentials), named by a hash of it. Writes run in the
 * background, temp file then rename, so a reader (or a crash) never sees half a file; `flush` waits for them. A
 * damaged entry is deleted and treated as a miss; a failed write only costs a future request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { CacheEnvelope } from './schema.js';

export interface ResponseCache {
  read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  /** Starts writing in the background: a look-up does not wait for the disk. */
  write(key: string, data: unknown): void;
  /** Waits for every write started so far. */
  flush(): Promise<void>;
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
  // The names present when we started: on a cold cache this spares a failed open per key.
  let listing: Promise<Set<string>> | undefined;
  const present = () => {
    listing ??= readdir(dir).then(
      (names) => new Set(names),
      () => new Set<string>(),
    );
    return listing;
  };
  const pending = new Set<Promise<void>>();

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
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
    const data = decodeEntry(text, key, schema);
    if (data === undefined) {
      logger?.debug({ file }, 'dropping damaged cache entry');
      await unlink(file).catch(() => {});
    }
    return data;
  }

  async function store(key: string, data: unknown): Promise<void> {
    const name = fileNameFor(key);
    const file = join(dir, name);
    const envelope: CacheEnvelope = { format: 2, key, data };
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

  function write(key: string, data: unknown): void {
    const promise = store(key, data).finally(() => pending.delete(promise));
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

/** The data in `text`, or undefined when it is not valid JSON, not ours, or not of the expected shape. */
export function decodeEntry<T>(text: string, key: string, schema: z.ZodType<T>): T | undefined {
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
  return data.success ? data.data : undefined;
}
