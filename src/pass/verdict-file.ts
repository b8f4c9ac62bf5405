/**
 * The verdict memo (`src/plan/verdict-memo.ts`) on disk: `verdicts.json` in the cache directory, read when a pass
 * first plans and written when its index pool closes, temp file then rename. A file that is missing, damaged or of
 * another format is an empty memo (every verdict is made again); a failed write costs the next pass that work, no
 * more. Several processes sharing a cache directory may overwrite each other's file: each keeps what it used.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createVerdictMemo, type LiveMemo, type SavedVerdicts } from '../plan/verdict-memo.js';
import { UPDATE_TYPES } from '../versioning/pep440.js';

const NotPinned = z.object({ requiredBy: z.string(), requirement: z.string() });
const Watch = z.object({ names: z.array(z.string()), digest: z.string() });
const Verdict = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('installable'), pythonVersions: z.array(z.string()), pinsOnly: z.boolean() }),
  z.object({ kind: z.literal('conflict'), reasons: z.array(z.string()) }),
  z.object({ kind: z.literal('bound'), reason: z.string() }),
]);
const Freeze = z.object({
  pins: z.array(z.object({ name: z.string(), version: z.string(), requiredBy: z.array(z.string()) })),
  problems: z.array(z.string()),
});
const KeptFile = z.object({
  day: z.number(),
  watch: Watch,
  verdicts: z.record(z.string(), Verdict),
  freeze: Freeze.optional(),
});
const Saved = z.object({
  format: z.number(),
  clean: z.record(z.string(), z.number()),
  files: z.record(
    z.string(),
    z.object({ day: z.number(), notPinned: z.array(NotPinned), closed: z.boolean() }),
  ),
  choices: z
    .record(
      z.string(),
      z.object({
        day: z.number(),
        list: z.array(z.object({ version: z.string(), updateType: z.enum(UPDATE_TYPES) })),
      }),
    )
    .optional(),
  unpinned: z.record(z.string(), z.object({ day: z.number(), list: z.array(z.string()) })).optional(),
  kept: z.record(z.string(), KeptFile).optional(),
});

export const VERDICTS_FILE = 'verdicts.json';

export interface StoredMemo {
  memo: LiveMemo;
  /** Writes the memo if it changed; never throws. */
  save(): Promise<void>;
}

export function openVerdicts(dir: string, now: Date, logger?: Logger): StoredMemo {
  const file = join(dir, VERDICTS_FILE);
  const memo = createVerdictMemo(now, readSaved(file));
  return {
    memo,
    async save() {
      if (!memo.changed()) return;
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, JSON.stringify(memo.saved()));
        await rename(temp, file);
      } catch (error) {
        logger?.warn({ dir, err: error }, 'could not write the conflict-check memo');
        await unlink(temp).catch(() => {});
      }
    },
  };
}

function readSaved(file: string): SavedVerdicts | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = Saved.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
