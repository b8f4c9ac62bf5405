/**
 * On-disk cache: one file per key (a URL without credentials), named by a hash of it. A file is a small header line
 * (the key, the response's validators: ETag, Last-Modified and where a redirect led; and the length and digest of
 * each part), then its parts, one a line. `open` reads the file and parses the header only, so a revalidation can
 * go out at once; each part is decoded when it is wanted (after a 304), while other requests are in flight, and only
 * the parts that are wanted: a project page keeps its files' digests, which only `--hash` pins need, in a part of
 * their own (record-parts.ts). Writes run in the background, temp file then rename, so a reader (or a crash) never
 * sees half a file; `flush` waits for them. A damaged entry or part is deleted and treated as a miss; a failed write
 * only costs a future request.
 *
 * The parts are this program's own output, so each is checked by its digest rather than parsed against a schema
 * (which took a third of a warm pass's decoding): a part that matches its digest is exactly what `write` was given.
 * `format` in the header changes whenever the shape of what is written does.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFile as writeFileCallback } from 'node:fs';
import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import type { Logger } from 'pino';
import { asCacheHeader, CACHE_FORMAT, type CacheHeader, type Validators, validatorsOf } from './schema.js';

/** fs/promises' writeFile takes about twice the main thread's time of the callback one. */
const writeFile = promisify(writeFileCallback);

export type { Validators };

export interface CacheEntry {
  validators: Validators;
  /** Part `index` as it was written, or undefined (and the entry deleted) when it is damaged or missing. */
  part(index: number): string | undefined;
}

export interface ResponseCache {
  /** The entry for `key`, its parts not yet decoded; undefined when there is none or its header is damaged. */
  open(key: string): Promise<CacheEntry | undefined>;
  /** Starts writing in the background: a look-up does not wait for the disk. No part may hold a newline. */
  write(key: string, validators: Validators, parts: readonly string[]): void;
  /** Waits for every write started so far. */
  flush(): Promise<void>;
}

/** Temp files written by this process, for their names (every cache of the process counts on the one counter). */
let written = 0;

/** A cache that remembers nothing: used when no cache directory is given. */
export function createNullCache(): ResponseCache {
  return {
    open: async () => undefined,
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

  async function drop(file: string): Promise<undefined> {
    logger?.debug({ file }, 'dropping damaged cache entry');
    await unlink(file).catch(() => {});
    return undefined;
  }

  async function open(key: string): Promise<CacheEntry | undefined> {
    const name = fileNameFor(key);
    if (!(await present()).has(name)) {
      return undefined;
    }
    const file = join(dir, name);
    const text = readText(file);
    if (text === undefined) return undefined;
    const newline = text.indexOf('\n');
    const head = text.slice(0, newline + 1);
    const split = newline < 0 ? undefined : splitHeader(head, key);
    // A file cut short (or grown) is noticed before its revalidation is sent.
    if (!split || split.length !== text.length) return drop(file);
    const { validators, parts } = split;
    return {
      validators,
      part: (index) => {
        const part = parts[index];
        const found = part ? checkedPart(text, part) : undefined;
        if (found === undefined) void drop(file);
        return found;
      },
    };
  }

  async function store(key: string, validators: Validators, parts: readonly string[]): Promise<void> {
    const name = fileNameFor(key);
    const file = join(dir, name);
    // Unique among this process's writes (a counter) and other processes' (the pid): no random bytes to draw for
    // each of a cold pass's thousands of files (40 ms of them).
    written += 1;
    const temp = `${file}.${process.pid}.${written}.tmp`;
    try {
      await ensureDir();
      await writeFile(temp, encodeEntry(key, validators, parts));
      await rename(temp, file);
      (await present()).add(name);
    } catch (error) {
      logger?.warn({ dir, err: error }, 'could not write to the index cache');
      await unlink(temp).catch(() => {});
    }
  }

  function write(key: string, validators: Validators, parts: readonly string[]): void {
    const promise = store(key, validators, parts).finally(() => pending.delete(promise));
    pending.add(promise);
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) {
      await Promise.all(pending);
    }
  }

  return { open, write, flush };
}

function fileNameFor(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;
}

/** Where a part lies in the file's text, and its digest. */
interface PartSpan {
  start: number;
  length: number;
  digest: string;
}

/** The text of a cache file: the header line (with each part's length and digest), then the parts, a line each. */
function encodeEntry(key: string, validators: Validators, parts: readonly string[]): string {
  const header: CacheHeader = {
    format: CACHE_FORMAT,
    key,
    ...validators,
    parts: parts.map((part) => ({ length: part.length, digest: digestOf(part) })),
  };
  return [JSON.stringify(header), ...parts].join('\n');
}

/**
 * A CRC-32 guards against damage, not an adversary: whoever can write the cache directory can write anything. It
 * costs a warm pass about a fifteenth of what SHA-1 did (3 ms against 44 ms for the benchmark's 11 MB of bodies).
 * The verdict memo's file is checked the same way (src/pass/verdict-file.ts).
 */
export function digestOf(text: string): string {
  return crc32(text).toString(36);
}

/**
 * The file's text, or undefined when it cannot be read. Synchronous, not through fs/promises: a pass opens a thousand
 * entries together, and fs/promises' open, stat, read and close cost the main thread 0.17 ms a file (0.15 s before
 * the first request could go out), against 0.03 ms for this; as text, because Node decodes UTF-8 as it reads faster
 * than a Buffer is decoded after. The parts are parsed later, the body only after the 304.
 */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The validators of a cache file and where its parts lie, from its header line (newline included), or undefined
 * when the header is not ours (another format, another key after a hash collision or a hand-copied file). Lengths
 * are in UTF-16 code units, as JavaScript counts a string; `length` is the whole file's.
 */
function splitHeader(
  head: string,
  key: string,
): { validators: Validators; parts: PartSpan[]; length: number } | undefined {
  if (!head.endsWith('\n')) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(head);
  } catch {
    return undefined;
  }
  const header = asCacheHeader(raw);
  if (!header || header.key !== key) return undefined;
  const parts: PartSpan[] = [];
  let start = head.length;
  for (const { length, digest } of header.parts) {
    parts.push({ start, length, digest });
    start += length + 1;
  }
  // Each part is followed by a newline but the last.
  return { validators: validatorsOf(header), parts, length: start - 1 };
}

/**
 * A part's text, or undefined when it does not match its digest. A string of its own: a slice would hold the whole
 * file's text for as long as the part is kept (V8 slices long strings by reference; a joined string is copied).
 */
function checkedPart(text: string, { start, length, digest }: PartSpan): string | undefined {
  const part = text.slice(start, start + length);
  return digestOf(part) === digest ? `\n${part}`.slice(1) : undefined;
}
