/**
 * The files pingate serves, once the config is read: the ones `pip_requirements` patterns find in the repository
 * when pingate is not told its files, and a word about other files that Renovate's include/ignore paths would skip.
 */
import type { Diagnostic } from '../constraints/types.js';
import { discoverServedFiles, isIgnoredPath, isIncludedPath } from './discover.js';
import type { RepoConfigResult } from './load.js';
import type { RepoConfig } from './schema.js';

/** Every file of a repository, as a list of paths from its root. */
export interface RepositoryFiles {
  paths: string[];
  /** Set when the list stopped at a bound (a local walk of a huge tree): files past it are not served. */
  truncatedAt?: number;
}

export type ListFiles = () => Promise<RepositoryFiles>;

/**
 * With `pip_requirements` patterns in charge (`config.pingate.filePatterns`), lists the repository through `list`
 * (only then, and never for a config with errors) and serves what they match within `includePaths`, less
 * `ignorePaths`. Each problem is
 * placed at the `pip_requirements` key when the file has it, else at 1:1.
 */
export async function withDiscoveredFiles(
  result: RepoConfigResult,
  list: ListFiles,
): Promise<RepoConfigResult> {
  const { pingate } = result.config;
  if (result.errors.length > 0 || !pingate.filePatterns) return result;
  const listed = await list();
  const found = discoverServedFiles(listed.paths, pingate);
  const truncated =
    listed.truncatedAt === undefined
      ? []
      : [
          `stopped listing the repository's files after ${listed.truncatedAt}: files past them are not served`,
        ];
  const at = placeOfPatterns(result);
  return {
    ...result,
    config: { ...result.config, pingate: { ...pingate, files: found.errors.length > 0 ? [] : found.files } },
    errors: [...result.errors, ...found.errors.map((message) => ({ ...at, message }))],
    warnings: [
      ...result.warnings,
      ...[...found.warnings, ...truncated].map((message) => ({ ...at, message })),
    ],
  };
}

function placeOfPatterns(result: RepoConfigResult): Omit<Diagnostic, 'message'> {
  const explain = result.explain ?? [];
  const entry =
    explain.find((e) => e.key === 'pip_requirements.managerFilePatterns') ??
    explain.find((e) => e.key === 'pip_requirements');
  return { file: result.file ?? 'renovate.json', line: entry?.line ?? 1, column: entry?.column ?? 1 };
}

/**
 * Files pingate is told to serve are served as told, even under `ignorePaths` or outside `includePaths`; it says so,
 * because Renovate would skip them.
 */
export function ignoredServedWarnings(config: RepoConfig): string[] {
  const { pingate } = config;
  if (pingate.filePatterns) return [];
  const told =
    'pingate serves it all the same, as what pingate.files or pingate.constraintsFile (default constraints.txt) names is served as told';
  return pingate.files.flatMap(({ constraintsFile: file }) => [
    ...(isIncludedPath(pingate.includePaths, file) ? [] : [`"includePaths" does not list ${file}: ${told}`]),
    ...(isIgnoredPath(pingate.ignorePaths, file) ? [`"ignorePaths" matches ${file}: ${told}`] : []),
  ]);
}
