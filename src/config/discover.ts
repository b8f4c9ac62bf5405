/**
 * `pip_requirements.managerFilePatterns` (or the old `fileMatch`) as Renovate applies them, when neither
 * `pingate.files` nor `pingate.constraintsFile` is set: the repository's files that a pattern matches, among those
 * `includePaths` allows and less those under `ignorePaths` (Renovate filters its file list by both before it
 * matches), are the constraints files pingate serves. Pure: the file list is read by the caller (the
 * repository tree at the pass's head, or a walk of the local checkout).
 */
import { posix } from 'node:path';
import { minimatch } from 'minimatch';
import { filePatternMatcher } from '../policy/rule-selectors.js';
import type { PingateConfig, ServedFile } from './schema.js';

export interface Discovery {
  /** The served files, sorted by path: empty when nothing matched. */
  files: ServedFile[];
  /** Files a pattern matched that `includePaths` or `ignorePaths` left out. */
  ignored: string[];
  warnings: string[];
  /** Two files that would write one yaml file: the pass then serves nothing rather than guess. */
  errors: string[];
}

/** Renovate's `includePaths`: none means every path; else the path itself or a minimatch glob (dotfiles too). */
export function isIncludedPath(includePaths: readonly string[], file: string): boolean {
  return (
    includePaths.length === 0 ||
    includePaths.some((included) => included === file || minimatch(file, included, { dot: true }))
  );
}

/** Renovate's `ignorePaths`: a path containing the entry, or matching it as a minimatch glob (dotfiles too). */
export function isIgnoredPath(ignorePaths: readonly string[], file: string): boolean {
  return ignorePaths.some(
    (ignored) => ignored !== '' && (file.includes(ignored) || minimatch(file, ignored, { dot: true })),
  );
}

/**
 * The yaml file of a discovered constraints file: where `pingate.yamlFile` sits relative to the root's
 * constraints.txt, relative to the file's own directory. `constraints.txt` → `pipeline/constraints.yml`,
 * `services/api/constraints.txt` → `services/api/pipeline/constraints.yml`, `requirements/dev.txt` →
 * `requirements/pipeline/dev.yml`.
 */
export function yamlFileFor(constraintsFile: string, template: ServedFile): string {
  const dir = posix.dirname(constraintsFile);
  const name = posix.basename(constraintsFile);
  const relative =
    name === posix.basename(template.constraintsFile)
      ? template.yamlFile
      : posix.join(
          posix.dirname(template.yamlFile),
          `${name.replace(/\.[^.]*$/, '')}${posix.extname(template.yamlFile)}`,
        );
  return posix.normalize(dir === '.' ? relative : posix.join(dir, relative));
}

/** The served files that `paths` (every file of the repository) give under `pingate.filePatterns`. */
export function discoverServedFiles(paths: readonly string[], pingate: PingateConfig): Discovery {
  const patterns = pingate.filePatterns ?? [];
  const template = pingate.files[0];
  if (patterns.length === 0 || !template)
    return { files: [...pingate.files], ignored: [], warnings: [], errors: [] };
  const matches = filePatternMatcher(patterns);
  const matched = [...new Set(paths)].filter(matches).sort();
  const served = (path: string) =>
    isIncludedPath(pingate.includePaths, path) && !isIgnoredPath(pingate.ignorePaths, path);
  const ignored = matched.filter((path) => !served(path));
  const kept = matched.filter(served);
  const files = kept.map((constraintsFile) => ({
    ...template,
    constraintsFile,
    yamlFile: yamlFileFor(constraintsFile, template),
  }));
  const warnings =
    files.length > 0
      ? []
      : [
          `"pip_requirements.managerFilePatterns" matches no file of the repository${ignored.length > 0 ? ` but ${ignored.join(', ')}, which "includePaths" or "ignorePaths" leaves out` : ''}: pingate serves nothing; list the files in "pingate.files" to serve them`,
        ];
  return { files, ignored, warnings, errors: collisions(files) };
}

function collisions(files: readonly ServedFile[]): string[] {
  const errors: string[] = [];
  const constraints = new Set(files.map((file) => file.constraintsFile));
  const writers = new Map<string, string>();
  for (const { constraintsFile, yamlFile } of files) {
    const other = writers.get(yamlFile);
    if (other) {
      errors.push(
        `"pip_requirements.managerFilePatterns" matches ${other} and ${constraintsFile}, which would both write ${yamlFile}; list the pairs in "pingate.files"`,
      );
    } else if (constraints.has(yamlFile)) {
      errors.push(
        `"pip_requirements.managerFilePatterns" matches ${yamlFile}, which is the yaml file of ${constraintsFile}; list the pairs in "pingate.files"`,
      );
    }
    writers.set(yamlFile, constraintsFile);
  }
  return errors;
}
