import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listLocalFiles } from '../config/local-files.js';
import { isConfigFileName } from '../config/locations.js';
import type { PresetReader } from '../config/preset-fetch.js';
import { MAX_CONSTRAINTS_BYTES, readTextFile } from '../constraints/read.js';
import { BadInputError } from '../errors.js';
import { NotFoundError } from '../platform/errors.js';
import type { Platform, ProjectPlatform } from '../platform/types.js';
import type { FileSource } from './snapshot.js';

/** Files of a local checkout. A missing file is undefined; a directory, binary, huge or non-UTF-8 file is refused. */
export function localSource(dir: string): FileSource {
  return {
    async read(path) {
      const full = join(dir, path);
      try {
        await stat(full);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new BadInputError(`cannot read ${path}: ${(error as Error).message}`, undefined, {
          cause: error,
        });
      }
      // The text only: the snapshot parses what it reads as what it is (renovate.json, constraints, yaml).
      return readTextFile(full, full, isConfigFileName(path) ? 'Renovate config file' : 'constraints file');
    },
    list: () => listLocalFiles(dir),
  };
}

/** Files of one commit on GitLab, with the same limits as local files. */
export function commitSource(platform: ProjectPlatform, sha: string): FileSource {
  return {
    async read(path) {
      const text = await platform.readFile(path, sha);
      if (text === undefined) return undefined;
      if (Buffer.byteLength(text) > MAX_CONSTRAINTS_BYTES) {
        throw new BadInputError(`${path} at ${sha.slice(0, 8)} is over 5 MiB; refused`);
      }
      if (text.includes('\0')) throw new BadInputError(`${path} at ${sha.slice(0, 8)} is a binary file`);
      return text;
    },
    list: async () => ({ paths: await platform.listFiles(sha) }),
  };
}

/** `local>`/`gitlab>` presets: a file of another project, read with the bot's token (default branch unless `#ref`). */
export function presetSource(platform: Pick<Platform, 'forProject'>): PresetReader {
  return {
    async read(project, file, ref) {
      const other = platform.forProject(project);
      try {
        const at = ref ?? (await other.getProject()).defaultBranch;
        return await other.readFile(file, at);
      } catch (error) {
        // A project the bot cannot see reads as absent: the preset is then reported as not found.
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}
