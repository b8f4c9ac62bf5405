/** Reads a constraints file from disk; every way a file can be unusable is one clear BadInputError (exit 2). */
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { BadInputError } from '../errors.js';
import { parseConstraints } from './parse.js';
import type { ConstraintsFile } from './types.js';

export const MAX_CONSTRAINTS_BYTES = 5 * 1024 * 1024;

/** `name` is how messages and diagnostics call the file (default: `path`). */
export async function readConstraintsFile(path: string, name = path): Promise<ConstraintsFile> {
  return parseConstraints(await readTextFile(path, name), name);
}

/**
 * A file's text as it is, with the same refusals: a directory, over 5 MiB, binary, not UTF-8. `kind` names the file
 * in messages (a Renovate config file is read with these limits too).
 */
export async function readTextFile(path: string, name = path, kind = 'constraints file'): Promise<string> {
  return decode(await readBytes(path, name, kind), name, kind);
}

/**
 * The bytes of a regular file, at most 5 MiB. The file is opened without blocking (a FIFO with no writer would
 * otherwise hang the open) and judged by what was opened, not by its name: a symlink to `/dev/zero`, a device, a
 * pipe or a socket is refused before anything is read. The read itself stops past the limit, so a file that grows
 * while it is read cannot take more memory than that either.
 */
async function readBytes(file: string, path: string, kind: string): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new BadInputError(`${path} is a directory, not a ${kind}`);
    }
    if (!info.isFile()) {
      throw new BadInputError(`${path} is ${kindOf(info)}, not a regular file; give the path of a file`);
    }
    if (info.size > MAX_CONSTRAINTS_BYTES) throw tooLarge(path, `${info.size} bytes`, kind);
    const bytes = await readAtMost(handle, MAX_CONSTRAINTS_BYTES + 1);
    // Larger than it said when it was opened: it grows while it is read.
    if (bytes.length > MAX_CONSTRAINTS_BYTES)
      throw tooLarge(path, `over ${MAX_CONSTRAINTS_BYTES} bytes`, kind);
    return bytes;
  } catch (error) {
    if (error instanceof BadInputError) {
      throw error;
    }
    throw new BadInputError(`cannot read ${path}: ${reasonOf(error)}`, undefined, { cause: error });
  } finally {
    await handle?.close();
  }
}

function tooLarge(path: string, size: string, kind: string): BadInputError {
  return new BadInputError(
    `${path} is ${size}; ${kind}s over 5 MiB (${MAX_CONSTRAINTS_BYTES} bytes) are refused`,
  );
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.min(limit, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, limit - total), null);
    if (bytesRead === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

function kindOf(info: Stats): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function decode(bytes: Buffer, path: string, kind: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new BadInputError(`${path} is a binary file (NUL byte at offset ${nul}), not a ${kind}`);
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
