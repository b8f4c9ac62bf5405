/** Reads a constraints file from disk; every way a file can be unusable is one clear BadInputError (exit 2). */
import { readFile, stat } from 'node:fs/promises';
import { BadInputError } from '../errors.js';
import { parseConstraints } from './parse.js';
import type { ConstraintsFile } from './types.js';

export const MAX_CONSTRAINTS_BYTES = 5 * 1024 * 1024;

/** `name` is how messages and diagnostics call the file (default: `path`). */
export async function readConstraintsFile(path: string, name = path): Promise<ConstraintsFile> {
  return parseConstraints(await readTextFile(path, name), name);
}

/** A file's text as it is, with the same refusals: a directory, over 5 MiB, binary, not UTF-8. */
export async function readTextFile(path: string, name = path): Promise<string> {
  return decode(await readBytes(path, name), name);
}

async function readBytes(file: string, path: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new BadInputError(`${path} is a directory, not a constraints file`);
    }
    if (info.size > MAX_CONSTRAINTS_BYTES) {
      throw new BadInputError(
        `${path} is ${info.size} bytes; constraints files over 5 MiB (${MAX_CONSTRAINTS_BYTES} bytes) are refused`,
      );
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof BadInputError) {
      throw error;
    }
    throw new BadInputError(`cannot read ${path}: ${reasonOf(error)}`, undefined, { cause: error });
  }
}

function decode(bytes: Buffer, path: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new BadInputError(`${path} is a binary file (NUL byte at offset ${nul}), not a constraints file`);
  }
  try {
    // ignoreBOM keeps a byte order mark in the text, so writing the file back keeps it too.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    const offset = firstInvalidByte(bytes);
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    throw new BadInputError(`${path} is not valid UTF-8 (line ${line}, byte offset ${offset})`, undefined, {
      cause: error,
    });
  }
}

/** A valid prefix decodes and re-encodes to the same bytes; the first byte that does not is the bad one. */
function firstInvalidByte(bytes: Buffer): number {
  const again = Buffer.from(bytes.toString('utf8'), 'utf8');
  let offset = 0;
  while (offset < bytes.length && bytes[offset] === again[offset]) {
    offset += 1;
  }
  return offset;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
