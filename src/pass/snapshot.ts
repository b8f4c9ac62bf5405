import type { ResolveContext } from '../config/extends.js';
import { readRepoConfig } from '../config/load.js';
import type { PresetReader } from '../config/preset-fetch.js';
import type { RepoConfig, ServedFile } from '../config/schema.js';
import { type ListFiles, withDiscoveredFiles } from '../config/served-files.js';
import { parseConstraints } from '../constraints/parse.js';
import type { ConstraintsFile, Diagnostic } from '../constraints/types.js';

/** Where a pass reads a repository's files from: a local checkout, or one commit on GitLab. */
export interface FileSource {
  /** The file's text, or undefined when it does not exist. Throws BadInputError on unreadable content. */
  read(path: string): Promise<string | undefined>;
  /** Every file's path, for `pip_requirements` patterns: read only when they decide what is served. */
  list?: ListFiles;
}

export interface ServedPair {
  served: ServedFile;
  file: ConstraintsFile;
  /** The yaml file's current text, when it exists. */
  yamlText?: string;
}

/** Everything one pass reads from one commit. */
export interface RepoSnapshot {
  config: RepoConfig;
  /** Config problems; when there are errors the pass plans nothing. */
  configErrors: Diagnostic[];
  configWarnings: Diagnostic[];
  pairs: ServedPair[];
  /** Constraints files that are configured but absent. */
  missing: string[];
}

/**
 * Reads the config where Renovate would (renovate.json, renovate.json5, .github/…, .gitlab/…, .renovaterc…,
 * package.json), GitLab-hosted presets through `presets` when given, then every served pair: those the config
 * names, or those its `pip_requirements` patterns find in `source.list()`.
 */
export async function readSnapshot(
  source: FileSource,
  presets?: PresetReader,
  context?: Omit<ResolveContext, 'fetched'>,
): Promise<RepoSnapshot> {
  const read = await readRepoConfig((path) => source.read(path), presets, context);
  const parsed = source.list ? await withDiscoveredFiles(read, source.list) : read;
  const pairs: ServedPair[] = [];
  const missing: string[] = [];
  const reads = parsed.config.pingate.files.map(async (served) => {
    const [text, yamlText] = await Promise.all([
      source.read(served.constraintsFile),
      source.read(served.yamlFile),
    ]);
    return { served, text, yamlText };
  });
  for (const { served, text, yamlText } of await Promise.all(reads)) {
    if (text === undefined) {
      missing.push(served.constraintsFile);
      continue;
    }
    pairs.push({ served, file: parseConstraints(text, served.constraintsFile), yamlText });
  }
  return {
    config: parsed.config,
    configErrors: parsed.errors,
    configWarnings: parsed.warnings,
    pairs,
    missing,
  };
}
