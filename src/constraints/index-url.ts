import type { ConstraintsFile } from './types.js';

/** The index a file names with `-i`/`--index-url` (the last one wins, as in pip), or undefined. */
export function indexUrlOf(file: ConstraintsFile): string | undefined {
  let url: string | undefined;
  for (const entry of file.entries) {
    if (entry.kind === 'option' && entry.option === '--index-url' && entry.value !== undefined) {
      url = entry.value;
    }
  }
  return url;
}
