import type { FetchedPreset } from './extends.js';
import { extendsOf, parsePresetRef, presetKey } from './preset-ref.js';
import { builtInPreset } from './presets-builtin.js';

/** Reads a file of another project on the code host (the bot's token); undefined when project or file is absent. */
export interface PresetReader {
  read(project: string, file: string, ref?: string): Promise<string | undefined>;
}

/** A hostile chain of presets must not turn one pass into hundreds of reads. */
const MAX_PRESET_FILES = 30;

/**
 * Reads every GitLab-hosted preset the entries lead to (nested ones too, each file once), before the
 * resolver runs. A preset that is absent or cannot be read is kept as a failure: the resolver reports it.
 */
export async function fetchPresets(
  entries: readonly string[],
  reader: PresetReader,
): Promise<Map<string, FetchedPreset>> {
  const fetched = new Map<string, FetchedPreset>();
  let queue = [...entries];
  while (queue.length > 0) {
    const next: string[] = [];
    for (const entry of queue) {
      const ref = parsePresetRef(entry);
      if (ref.kind === 'built-in') {
        const found = builtInPreset(ref.entry);
        if (found.kind === 'preset') next.push(...extendsOf(JSON.stringify(found.preset)));
        continue;
      }
      if (ref.kind !== 'gitlab' || fetched.has(presetKey(ref))) continue;
      if (fetched.size >= MAX_PRESET_FILES) {
        fetched.set(presetKey(ref), {
          ok: false,
          message: `not read: more than ${MAX_PRESET_FILES} preset files`,
        });
        continue;
      }
      const result = await readPreset(reader, ref.project, ref.files, ref.ref);
      fetched.set(presetKey(ref), result);
      if (result.ok) next.push(...extendsOf(result.text));
    }
    queue = next;
  }
  return fetched;
}

async function readPreset(
  reader: PresetReader,
  project: string,
  files: string[],
  ref?: string,
): Promise<FetchedPreset> {
  try {
    for (const file of files) {
      const text = await reader.read(project, file, ref);
      if (text !== undefined) return { ok: true, text, file: `${project}/${file}` };
    }
    const tried = files.join(' or ');
    return {
      ok: false,
      message: `cannot be read: ${tried} not found in GitLab project "${project}"${ref ? ` at ${ref}` : ''}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot be read from GitLab project "${project}": ${reason}` };
  }
}
