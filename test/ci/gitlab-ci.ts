/**
 * Just enough of GitLab CI's configuration model to check pingate's template and this repository's pipeline
 * without GitLab: `include: local`, the includer-wins deep merge, `extends`, and `parallel: matrix` job names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export type Mapping = Record<string, unknown>;

/** Top-level keys that are not jobs. */
const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses YAML strictly: any error or warning (duplicate keys included) throws, naming the file. */
export function readYaml(root: string, path: string): Mapping {
  const text = readFileSync(join(root, path), 'utf8');
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`${path}: ${problems.map((p) => p.message).join('; ')}`);
  const value = document.toJS();
  if (!isMapping(value)) throw new Error(`${path}: not a mapping`);
  return value;
}

/** The `include: local:` paths of a configuration, as written. */
export function localIncludes(config: Mapping): string[] {
  const include = config['include'];
  const entries = include === undefined ? [] : Array.isArray(include) ? include : [include];
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    return isMapping(entry) && typeof entry['local'] === 'string' ? [entry['local']] : [];
  });
}

/** Hashes merge key by key, anything else is replaced: GitLab's rule for includes and `extends`. */
export function deepMerge(base: Mapping, over: Mapping): Mapping {
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = merged[key];
    merged[key] = isMapping(before) && isMapping(value) ? deepMerge(before, value) : value;
  }
  return merged;
}

/** The configuration with its local includes merged in (included first, the includer on top), recursively. */
export function loadPipeline(root: string, path: string): Mapping {
  const config = readYaml(root, path);
  let merged: Mapping = {};
  for (const included of localIncludes(config)) {
    const relative = included.replace(/^\//, '');
    if (!existsSync(join(root, relative)))
      throw new Error(`${path} includes ${included}, which does not exist`);
    merged = deepMerge(merged, loadPipeline(root, relative));
  }
  const { include: _include, ...own } = config;
  return deepMerge(merged, own);
}

export function jobKeys(config: Mapping): string[] {
  return Object.keys(config).filter((key) => !GLOBAL_KEYWORDS.has(key) && isMapping(config[key]));
}

export function extendsOf(job: Mapping): string[] {
  const value = job['extends'];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** A job with its `extends` chain applied, as GitLab resolves it. */
export function resolveJob(config: Mapping, key: string, seen: string[] = []): Mapping {
  if (seen.includes(key)) throw new Error(`extends loop: ${[...seen, key].join(' → ')}`);
  const job = config[key];
  if (!isMapping(job)) throw new Error(`${seen.at(-1) ?? key} extends ${key}, which does not exist`);
  let base: Mapping = {};
  for (const parent of extendsOf(job)) base = deepMerge(base, resolveJob(config, parent, [...seen, key]));
  const { extends: _extends, ...own } = job;
  return deepMerge(base, own);
}

/** The names GitLab gives a job's instances: `name: [a]` or `name: [a, b]` per matrix combination. */
export function jobNames(key: string, job: Mapping): string[] {
  const parallel = job['parallel'];
  if (!isMapping(parallel) || !Array.isArray(parallel['matrix'])) return [key];
  return parallel['matrix'].flatMap((entry) => {
    if (!isMapping(entry)) return [];
    const combinations = Object.values(entry).reduce<string[][]>(
      (sofar, values) =>
        sofar.flatMap((prefix) =>
          (Array.isArray(values) ? values : [values]).map((v) => [...prefix, String(v)]),
        ),
      [[]],
    );
    return combinations.map((values) => `${key}: [${values.join(', ')}]`);
  });
}
