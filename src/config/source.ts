import type { Node } from 'jsonc-parser';
import { type Classified, classifyConfig, type ExplainEntry, type Located } from './classify.js';
import { problemsFromIssues } from './issues.js';
import type { JsonPath } from './json-text.js';
import { RepoConfigInput } from './schema.js';
import { semanticProblems } from './semantic.js';

/** One config source (the file, or one preset) sorted and checked: every problem located by offset. */
export interface CheckedSource {
  value: Record<string, unknown>;
  errors: Located[];
  warnings: Located[];
  explain: ExplainEntry[];
  locate: Classified['locate'];
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function rawAt(value: unknown, path: JsonPath): string | undefined {
  const found = valueAt(value, path);
  if (found === undefined) return undefined;
  const text = JSON.stringify(found) ?? String(found);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Classifies, then checks types (the schema) and values (schedules, zones, regexes) of what pingate applies. */
export function checkSource(root: Node): CheckedSource {
  const classified = classifyConfig(root);
  const { value, locate } = classified;
  const result = RepoConfigInput.safeParse(value);
  const problems = [
    ...(result.success ? [] : problemsFromIssues(result.error.issues, (path) => rawAt(value, path))),
    ...semanticProblems(value),
  ];
  const errors = [
    ...classified.errors,
    ...problems.map((problem) => ({
      offset: problem.offset ?? locate(problem.path, problem.at),
      message: problem.message,
    })),
  ];
  return { value, errors, warnings: classified.warnings, explain: classified.explain, locate };
}
