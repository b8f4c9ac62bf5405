import type { ExplainEntry, Located } from './classify.js';
import { positionAt } from './json-text.js';
import { parseJson5 } from './json5-tree.js';
import { PRESET_MIGRATIONS } from './migrations.js';
import { parsePresetRef, presetKey } from './preset-ref.js';
import { builtInPreset } from './presets-builtin.js';
import { type CheckedSource, checkSource } from './source.js';

/**
 * `extends` (SPEC §5): each preset is read like the file itself (sorted, checked), its own `extends` first,
 * then merged under the settings that extend it, the way Renovate merges: mergeable lists are joined,
 * objects merged key by key, anything else replaced. A cycle or an unreadable GitLab preset is an error (the
 * latter a warning where `unreadable` says so); a preset pingate does not read is a warning. Everything a preset says is reported at its `extends` entry.
 */

type Json = Record<string, unknown>;

export type FetchedPreset = { ok: true; text: string; file: string } | { ok: false; message: string };

export interface ResolveContext {
  /** GitLab-hosted presets read beforehand (preset-fetch.ts); absent: they cannot be read here. */
  fetched?: Map<string, FetchedPreset>;
  /** Why GitLab presets are not read, when `fetched` is absent. */
  noGitLab?: string;
  /**
   * A GitLab preset that could not be read: an error (the bot pass: fail closed), or a warning where a person
   * previews the config with their own access (`validate`, `plan`). A preset read but broken is an error either way.
   */
  unreadable?: 'error' | 'warning';
}

const UNREADABLE_HERE =
  'its settings are not applied here (the bot pass reads it with the bot token and stops if it cannot)';

/** Lists that presets and the file add to rather than replace (Renovate's "mergeable" options). */
const MERGEABLE = new Set(['packageRules', 'addLabels', 'ignoreDeps', 'prBodyNotes', 'managerFilePatterns']);
const MAX_PRESET_DEPTH = 20;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeConfig(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    if (MERGEABLE.has(key) && Array.isArray(existing) && Array.isArray(value))
      out[key] = [...existing, ...value];
    else if (isRecord(existing) && isRecord(value)) out[key] = mergeConfig(existing, value);
    else out[key] = value;
  }
  return out;
}

interface Report {
  errors: Located[];
  warnings: Located[];
  explain: ExplainEntry[];
}

/** Where the outermost `extends` entry is, and the chain of presets that led here. */
interface Trail {
  offset: number;
  chain: string[];
  report: Report;
}

function say(trail: Trail, list: 'errors' | 'warnings', message: string): void {
  const via = trail.chain.map((entry) => `preset "${entry}"`).join(' → ');
  trail.report[list].push({ offset: trail.offset, message: `${via}: ${message}` });
}

function extendsList(source: Json): string[] {
  const raw = source['extends'];
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];
}

function resolvePreset(entry: string, context: ResolveContext, trail: Trail, ignore: Set<string>): Json {
  if (ignore.has(entry)) return {};
  const renamed = PRESET_MIGRATIONS[entry];
  if (renamed) {
    trail.report.warnings.push({
      offset: trail.offset,
      message: `preset "${entry}" is Renovate's old name for "${renamed}": read as "${renamed}"`,
    });
    return resolvePreset(renamed, context, trail, ignore);
  }
  if (trail.chain.includes(entry)) {
    say({ ...trail, chain: [...trail.chain, entry] }, 'errors', 'presets extend each other in a cycle');
    return {};
  }
  if (trail.chain.length >= MAX_PRESET_DEPTH) {
    say(trail, 'errors', `presets nested more than ${MAX_PRESET_DEPTH} deep`);
    return {};
  }
  const inner: Trail = { ...trail, chain: [...trail.chain, entry] };
  const ref = parsePresetRef(entry);
  if (ref.kind === 'elsewhere') {
    say(
      inner,
      'warnings',
      `not read: pingate reads presets built into Renovate and from GitLab, not from ${ref.where}; write its settings here instead`,
    );
    return {};
  }
  if (ref.kind === 'built-in') {
    const found = builtInPreset(ref.entry);
    if (found.kind !== 'preset') {
      say(
        inner,
        'warnings',
        "not read: it is not one of Renovate's built-in presets pingate knows; write its settings here instead",
      );
      return {};
    }
    return resolveText(JSON.stringify(found.preset), undefined, context, inner, ignore);
  }
  const fetched = context.fetched?.get(presetKey(ref));
  if (!fetched) {
    say(inner, 'warnings', `not read: ${context.noGitLab ?? 'GitLab presets are read by the bot pass'}`);
    return {};
  }
  if (!fetched.ok) {
    if (context.unreadable === 'warning') say(inner, 'warnings', `${fetched.message}; ${UNREADABLE_HERE}`);
    else say(inner, 'errors', fetched.message);
    return {};
  }
  return resolveText(fetched.text, fetched.file, context, inner, ignore);
}

/** A preset's text: parsed, sorted and checked; problems go to the entry that extends it (built-ins: errors only). */
function resolveText(
  text: string,
  file: string | undefined,
  context: ResolveContext,
  trail: Trail,
  ignore: Set<string>,
): Json {
  const parsed = parseJson5(text);
  const where = (offset: number) => {
    if (!file) return '';
    const { line, column } = positionAt(text, offset);
    return ` (${file}:${line}:${column})`;
  };
  if (!parsed.ok) {
    say(trail, 'errors', `invalid JSON5: ${parsed.message}${where(parsed.offset)}`);
    return {};
  }
  const checked = checkSource(parsed.document.root);
  for (const error of checked.errors) say(trail, 'errors', `${error.message}${where(error.offset)}`);
  if (file)
    for (const warning of checked.warnings)
      say(trail, 'warnings', `${warning.message}${where(warning.offset)}`);
  return resolveExtends(checked, context, trail, ignore);
}

/** A checked source with its presets merged under it. */
function resolveExtends(
  source: CheckedSource | { value: Json },
  context: ResolveContext,
  trail: Trail,
  ignore: Set<string>,
): Json {
  const own = source.value;
  const ignored = new Set([
    ...ignore,
    ...(Array.isArray(own['ignorePresets']) ? (own['ignorePresets'] as string[]) : []),
  ]);
  let merged: Json = {};
  for (const entry of extendsList(own)) {
    merged = mergeConfig(merged, resolvePreset(entry, context, trail, ignored));
  }
  const { extends: _extends, ignorePresets: _ignore, ...rest } = own;
  return mergeConfig(merged, rest);
}

/** The file's settings with every preset it extends merged in; diagnostics of presets are located at their entry. */
export function resolveConfig(file: CheckedSource, context: ResolveContext): { value: Json } & Report {
  const report: Report = { errors: [], warnings: [], explain: [] };
  const ignore = new Set(
    Array.isArray(file.value['ignorePresets']) ? (file.value['ignorePresets'] as string[]) : [],
  );
  let merged: Json = {};
  extendsList(file.value).forEach((entry, index) => {
    const trail: Trail = { offset: file.locate(['extends', index], 'value'), chain: [], report };
    merged = mergeConfig(merged, resolvePreset(entry, context, trail, ignore));
  });
  const { extends: _extends, ignorePresets: _ignore, ...rest } = file.value;
  return { value: mergeConfig(merged, rest), ...report };
}
