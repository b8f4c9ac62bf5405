import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Diagnostic } from '../constraints/types.js';
import { problemsFromIssues } from './issues.js';
import {
  type ConfigProblem,
  duplicateKeyProblems,
  offsetOf,
  parseJsonText,
  positionAt,
  rawValueAt,
} from './json-text.js';
import { defaultRepoConfig, normaliseRepoConfig } from './normalise.js';
import { type RepoConfig, RepoConfigInput } from './schema.js';
import { semanticProblems } from './semantic.js';

export interface RepoConfigResult {
  /** The configuration; the defaults when there are errors (callers must report those, not act on a guess). */
  config: RepoConfig;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export const CONFIG_FILE_NAME = 'renovate.json';

function toDiagnostics(problems: ConfigProblem[], text: string, root: Node, file: string): Diagnostic[] {
  return problems
    .map((problem) => ({ offset: offsetOf(root, problem), message: problem.message }))
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => ({ file, ...positionAt(text, offset), message }));
}

function configWarnings(value: unknown): ConfigProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [];
  }
  const warnings: ConfigProblem[] = [];
  if ('extends' in value) {
    warnings.push({
      path: ['extends'],
      at: 'key',
      message:
        '"extends" is ignored: pingate does not resolve Renovate presets; write the settings here instead',
    });
  }
  const record = value as Record<string, unknown>;
  if (record['dependencyDashboardApproval'] === true && record['dependencyDashboard'] === false) {
    warnings.push({
      path: ['dependencyDashboardApproval'],
      at: 'key',
      message:
        '"dependencyDashboardApproval" needs the dashboard to approve on, but "dependencyDashboard" is false',
    });
  }
  return warnings;
}

/**
 * Validates renovate.json text (undefined: no file, defaults apply). Every problem comes back located at
 * the key or value it is about, `FILE:LINE:COL`, naming the key path and what is allowed.
 */
export function parseRepoConfig(text: string | undefined, path: string): RepoConfigResult {
  if (text === undefined) {
    return { config: defaultRepoConfig(), errors: [], warnings: [] };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const error = { file: path, ...positionAt(text, parsed.offset), message: parsed.message };
    return { config: defaultRepoConfig(), errors: [error], warnings: [] };
  }
  const { root, value } = parsed.document;
  const result = RepoConfigInput.safeParse(value);
  const rawAt = (at: readonly (string | number)[]) => rawValueAt(text, root, at);
  const problems = [
    ...(result.success ? [] : problemsFromIssues(result.error.issues, rawAt)),
    ...semanticProblems(value),
  ];
  const warnings = toDiagnostics([...duplicateKeyProblems(root), ...configWarnings(value)], text, root, path);
  if (!result.success || problems.length > 0) {
    return { config: defaultRepoConfig(), errors: toDiagnostics(problems, text, root, path), warnings };
  }
  return { config: normaliseRepoConfig(result.data), errors: [], warnings };
}

/** Reads `<dir>/renovate.json`; an absent file means the defaults, without error. */
export async function loadRepoConfig(dir: string): Promise<RepoConfigResult> {
  const path = join(dir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return parseRepoConfig(undefined, path);
    }
    const reason =
      code === 'EISDIR' ? 'it is a directory, not a file' : `cannot read it (${code ?? String(error)})`;
    return {
      config: defaultRepoConfig(),
      errors: [{ file: path, line: 1, column: 1, message: reason }],
      warnings: [],
    };
  }
  return parseRepoConfig(text.replace(/^\uFEFF/, ''), path);
}
