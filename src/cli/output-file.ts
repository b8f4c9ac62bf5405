/**
 * Where a generated file goes. A regular file is replaced atomically (write a sibling, then rename), so a reader or
 * a crash never sees half of it; through a symlink, that happens at the link's target and the link stays. Anything
 * else (the process's own stdout, a terminal, `/dev/null`, a named pipe) is a stream: written through, never
 * replaced, never read first (reading a pipe that is our own output waits forever).
 */

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  readFile,
  realpath,
  rename,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname } from 'node:path';
import { BadInputError } from '../errors.js';

export type OutputTarget =
  | { kind: 'missing'; path: string }
  | { kind: 'regular'; path: string; size: number }
  | { kind: 'stream'; path: string; stdout: boolean };

/** The process's own standard output, however it is spelled. */
const STDOUT_ALIASES = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

export async function outputTarget(path: string, shown: string): Promise<OutputTarget> {
  if (STDOUT_ALIASES.has(path)) return { kind: 'stream', path, stdout: true };
  const link = await lstat(path).catch(missingOr(shown));
  if (!link) return { kind: 'missing', path };
  const info = link.isSymbolicLink() ? await stat(path).catch(missingOr(shown)) : link;
  // A link to nothing yet: written through, which creates its target.
  if (!info) return { kind: 'stream', path, stdout: false };
  if (info.isDirectory()) throw new BadInputError(`${shown} is a directory; name a file to write`);
  if (!info.isFile()) return { kind: 'stream', path, stdout: false };
  return { kind: 'regular', path: link.isSymbolicLink() ? await realpath(path) : path, size: info.size };
}

/** The current text of a regular target, or undefined when there is none to compare with. */
export async function currentText(target: OutputTarget, shown: string): Promise<string | undefined> {
  if (target.kind !== 'regular') return undefined;
  try {
    return await readFile(target.path, 'utf8');
  } catch (error) {
    throw new BadInputError(`cannot read ${shown}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

export async function writeOutput(target: OutputTarget, text: string, shown: string): Promise<void> {
  if (target.kind === 'stream') {
    await (target.stdout ? writeStdout(text) : writeThrough(target.path, text, shown));
    return;
  }
  await mkdir(dirname(target.path), { recursive: true });
  const temporary = `${target.path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, target.path);
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Opens without blocking first: a named pipe nobody reads would otherwise hang the open. Then writes through an
 * ordinary (blocking) descriptor, so that a reader slower than us is waited for rather than refused; the first one
 * stays open until the second is, or a pipe's reader would see the end of its input in between.
 */
async function writeThrough(path: string, text: string, shown: string): Promise<void> {
  let probe: FileHandle | undefined;
  let handle: FileHandle | undefined;
  try {
    probe = await open(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_CREAT, 0o666);
    handle = await open(path, constants.O_WRONLY);
    await probe.close();
    probe = undefined;
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENXIO' ? 'it is a pipe that no process reads' : (error as Error).message;
    throw new BadInputError(`cannot write ${shown}: ${why}`, undefined, { cause: error });
  } finally {
    await probe?.close();
    await handle?.close();
  }
}

function missingOr(shown: string): (error: unknown) => undefined {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError(`cannot use ${shown} as the output: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  };
}
