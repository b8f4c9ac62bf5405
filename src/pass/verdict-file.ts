/**
 * The verdict memo (`src/plan/verdict-memo.ts`) on disk: `verdicts.json` in the cache directory, read when a pass
 * first plans and written when its index pool closes, temp file then rename. A file that is missing, damaged or of
 * another format is an empty memo (every verdict is made again); a failed write costs the next pass that work, no
 * more. Several processes sharing a cache directory may overwrite each other's file: each keeps what it used.
 *
 * The file is this program's own output: a header line (format, length and CRC-32 of the body) and the memo as
 * JSON. It is checked by its digest, as the index cache's entries are, not parsed against a schema: over a hundred
 * projects the memo holds thousands of verdicts, and checking each against a schema cost a warm pass a tenth of a
 * second. A body that does not match its header (damage, a hand edit, a cut-short write) is refused as a whole.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  createVerdictMemo,
  type LiveMemo,
  type SavedVerdicts,
  VERDICT_FORMAT,
} from '../plan/verdict-memo.js';
import { digestOf } from '../pypi/cache.js';

const Header = z.object({ format: z.literal(VERDICT_FORMAT), length: z.number(), digest: z.string() });

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
        await writeFile(temp, encode(memo.saved()));
        await rename(temp, file);
      } catch (error) {
        logger?.warn({ dir, err: error }, 'could not write the conflict-check memo');
        await unlink(temp).catch(() => {});
      }
    },
  };
}

function encode(saved: SavedVerdicts): string {
  const body = JSON.stringify(saved);
  const header = { format: VERDICT_FORMAT, length: body.length, digest: digestOf(body) };
  return `${JSON.stringify(header)}\n${body}`;
}

function readSaved(file: string): SavedVerdicts | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = Header.safeParse(JSON.parse(text.slice(0, newline)));
    const body = text.slice(newline + 1);
    if (!header.success || header.data.length !== body.length || header.data.digest !== digestOf(body)) {
      return undefined;
    }
    return JSON.parse(body) as SavedVerdicts;
  } catch {
    return undefined;
  }
}
