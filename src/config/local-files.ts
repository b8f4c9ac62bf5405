/**
 * The files of a local checkout, for `pip_requirements` patterns in `pingate plan`, `validate` and `yaml`: what
 * GitLab's repository tree lists for the bot pass. Renovate lists what git tracks; a walk of the working tree
 * leaves out what is never tracked there: `.git`, `node_modules`, `__pycache__`, tox and nox environments and any
 * virtual environment (a directory holding `pyvenv.cfg`). Symlinks are not followed. Bounded in files and depth.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryFiles } from './served-files.js';

const SKIPPED = new Set(['.git', 'node_modules', '__pycache__', '.tox', '.nox']);
const VENV_MARKER = 'pyvenv.cfg';
export const MAX_LOCAL_FILES = 100_000;
const MAX_DEPTH = 32;

/** Paths relative to `dir`, `/`-separated, sorted; `truncatedAt` when it stopped at `limit` files. */
export async function listLocalFiles(dir: string, limit = MAX_LOCAL_FILES): Promise<RepositoryFiles> {
  const paths: string[] = [];
  let level: string[] = [''];
  for (let depth = 0; level.length > 0 && depth <= MAX_DEPTH; depth += 1) {
    const next: string[] = [];
    for (const relative of level) {
      const entries = await entriesOf(join(dir, relative), relative === '');
      if (relative !== '' && entries.some((e) => e.isFile() && e.name === VENV_MARKER)) continue;
      for (const entry of entries) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory() && !SKIPPED.has(entry.name)) next.push(path);
        else if (entry.isFile()) paths.push(path);
        if (paths.length >= limit) return { paths: paths.sort(), truncatedAt: limit };
      }
    }
    level = next.sort();
  }
  return { paths: paths.sort() };
}

/** A directory below the root that cannot be read is left out: none of its files could be served anyway. */
async function entriesOf(path: string, isRoot: boolean): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!isRoot && (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT')) return [];
    throw error;
  }
}
