import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextFile } from '../constraints/read.js';
import type { Diagnostic } from '../constraints/types.js';
import type { ExplainEntry, Located } from './classify.js';
import { type ResolveContext, resolveConfig } from './extends.js';
import { lineIndex } from './json-text.js';
import { parseJson5 } from './json5-tree.js';
import { listLocalFiles } from './local-files.js';
import { configFileRoot, findConfigFile, type ReadFile } from './locations.js';
import { defaultRepoConfig, normaliseRepoConfig } from './normalise.js';
import { fetchPresets, type PresetReader } from './preset-fetch.js';
import { type RepoConfig, RepoConfigInput } from './schema.js';
import { ignoredServedWarnings, withDiscoveredFiles } from './served-files.js';
import { checkSource } from './source.js';

export interface ExplainLine extends ExplainEntry {
  line: number;
  column: number;
}

export interface RepoConfigResult {
  /** The configuration; the defaults when there are errors (callers must report those, not act on a guess). */
  config: RepoConfig;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The file read (Renovate's order, first found), when there is one. */
  file?: string;
  /** Each key of the file and what pingate does with it (`validate --explain`). */
  explain?: ExplainLine[];
}

/** The first name Renovate reads; what `validate` names when there is no file at all. */
export const CONFIG_FILE_NAME = 'renovate.json';

function locate(text: string, file: string, located: Located[]): Diagnostic[] {
  const at = lineIndex(text);
  return [...located]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => ({ file, ...at(offset), message }));
}

function failed(file: string, errors: Diagnostic[], warnings: Diagnostic[] = []): RepoConfigResult {
  return { config: defaultRepoConfig(), errors, warnings, file };
}

/** Warnings about the merged result as a whole. */
function wholeConfigWarnings(value: Record<string, unknown>): string[] {
  if (value['dependencyDashboardApproval'] === true && value['dependencyDashboard'] === false) {
    return [
      '"dependencyDashboardApproval" needs the dashboard to approve on, but "dependencyDashboard" is false',
    ];
  }
  return [];
}

/**
 * Validates a Renovate config file's text (undefined: no file, defaults apply), JSON5 where the name says so
 * (a .json file that is only valid JSON5 is read as JSON5 with a warning, as Renovate does). Presets are
 * resolved with what `context` can read. Every problem is `FILE:LINE:COL`, naming the key and what is allowed.
 */
export function parseRepoConfig(
  text: string | undefined,
  path: string,
  context: ResolveContext = {},
): RepoConfigResult {
  if (text === undefined) return { config: defaultRepoConfig(), errors: [], warnings: [] };
  const parsed = parseJson5(text);
  if (!parsed.ok) {
    const format = path.endsWith('.json5') ? 'JSON5' : 'JSON';
    const message =
      parsed.offset === 0 && text.trim() === '' ? parsed.message : `invalid ${format}: ${parsed.message}`;
    return failed(path, locate(text, path, [{ offset: parsed.offset, message }]));
  }
  const notes: Located[] = [];
  const { json5Only } = parsed.document;
  if (json5Only && !path.endsWith('.json5')) {
    notes.push({
      offset: json5Only.offset,
      message: `not strict JSON (${json5Only.what}): read as JSON5, as Renovate does`,
    });
  }
  const root = configFileRoot(path, parsed.document.root);
  if (!root) return { config: defaultRepoConfig(), errors: [], warnings: [] };
  const checked = checkSource(root);
  const resolved = resolveConfig(checked, { noGitLab: 'this command does not read GitLab', ...context });
  const at = lineIndex(text);
  const explain = checked.explain.map((entry) => ({ ...entry, ...at(entry.offset) }));
  const warnings = locate(text, path, [...notes, ...checked.warnings, ...resolved.warnings]);
  const errors = locate(text, path, [...checked.errors, ...resolved.errors]);
  if (errors.length > 0) return { ...failed(path, errors, warnings), explain };
  const result = RepoConfigInput.safeParse(resolved.value);
  if (!result.success) {
    // Each source was valid on its own; only a merge of presets can get here.
    const messages = result.error.issues.map(
      (issue) => `after merging presets, "${issue.path.join('.')}": ${issue.message}`,
    );
    return {
      ...failed(
        path,
        messages.map((message) => ({ file: path, line: 1, column: 1, message })),
        warnings,
      ),
      explain,
    };
  }
  const pingate = resolved.value['pingate'];
  const explicit = { pingate: pingate && typeof pingate === 'object' ? Object.keys(pingate) : [] };
  const config = normaliseRepoConfig(result.data, explicit);
  for (const message of [...wholeConfigWarnings(resolved.value), ...ignoredServedWarnings(config)]) {
    warnings.push({ file: path, line: 1, column: 1, message });
  }
  return { config, errors: [], warnings, file: path, explain };
}

/**
 * Finds the config file (Renovate's order), reads GitLab-hosted presets through `presets`, and validates;
 * `context` says why presets are not read (no reader) or how an unreadable one counts.
 */
export async function readRepoConfig(
  read: ReadFile,
  presets?: PresetReader,
  context: Omit<ResolveContext, 'fetched'> = {},
): Promise<RepoConfigResult> {
  const found = await findConfigFile(read);
  if (!found) return parseRepoConfig(undefined, CONFIG_FILE_NAME);
  if (!presets) return parseRepoConfig(found.text, found.path, context);
  const entries = extendsEntries(found.text, found.path);
  const fetched = entries.length > 0 ? await fetchPresets(entries, presets) : new Map();
  return parseRepoConfig(found.text, found.path, { ...context, fetched });
}

function extendsEntries(text: string, path: string): string[] {
  const parsed = parseJson5(text);
  if (!parsed.ok) return [];
  const root = configFileRoot(path, parsed.document.root);
  const value = root ? checkSource(root).value['extends'] : undefined;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Reads the config of a local checkout; an absent file means the defaults, without error. With `pip_requirements`
 * patterns in charge, the served files are those of the working tree they match (local-files.ts).
 */
export async function loadRepoConfig(
  dir: string,
  presets?: PresetReader,
  context: Omit<ResolveContext, 'fetched'> = {},
): Promise<RepoConfigResult> {
  try {
    const read = await readRepoConfig((path) => readLocal(join(dir, path)), presets, context);
    const result = await withDiscoveredFiles(read, () => listLocalFiles(dir));
    return result.file ? { ...result, ...relabel(result, join(dir, result.file)) } : result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(join(dir, CONFIG_FILE_NAME), [
      { file: join(dir, CONFIG_FILE_NAME), line: 1, column: 1, message: reason },
    ]);
  }
}

function relabel(
  result: RepoConfigResult,
  file: string,
): Pick<RepoConfigResult, 'errors' | 'warnings' | 'file'> {
  return {
    file,
    errors: result.errors.map((error) => ({ ...error, file })),
    warnings: result.warnings.map((warning) => ({ ...warning, file })),
  };
}

/**
 * A local file's text with the constraints file's limits: a regular file only (a directory, device, pipe or socket,
 * also through a symlink, is refused before anything is read), at most 5 MiB, not binary, UTF-8; undefined when absent.
 */
async function readLocal(path: string): Promise<string | undefined> {
  try {
    await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  return (await readTextFile(path, path, 'Renovate config file')).replace(/^\uFEFF/, '');
}
