/**
 * OSV records on disk, one file per id, kept with the `modified` they were fetched for: a record whose `modified`
 * the batch answer repeats is not fetched again. A damaged or foreign file is a miss, never an error.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CachedOsvRecord, type OsvRecord } from './schema.js';

export interface OsvRecordCache {
  get(id: string, modified: string): Promise<OsvRecord | undefined>;
  put(id: string, modified: string, record: OsvRecord): Promise<void>;
}

export function createOsvRecordCache(cacheDir: string | undefined): OsvRecordCache {
  const memory = new Map<string, CachedOsvRecord>();
  const dir = cacheDir ? join(cacheDir, 'osv') : undefined;
  const fileOf = (id: string) => join(dir!, `${encodeURIComponent(id)}.json`);
  return {
    async get(id, modified) {
      let entry = memory.get(id);
      if (!entry && dir) entry = await readEntry(fileOf(id));
      if (entry) memory.set(id, entry);
      return entry?.modified === modified && entry.record.id === id ? entry.record : undefined;
    },
    async put(id, modified, record) {
      const entry = { modified, record };
      memory.set(id, entry);
      if (!dir) return;
      await mkdir(dir, { recursive: true });
      const target = fileOf(id);
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, target);
    },
  };
}

async function readEntry(file: string): Promise<CachedOsvRecord | undefined> {
  try {
    const parsed = CachedOsvRecord.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
