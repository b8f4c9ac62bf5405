import { parseJson5 } from './json5-tree.js';

/**
 * Where an `extends` entry points (Renovate's preset syntax): a built-in preset (`config:recommended`,
 * `:label(x)`), a file in another GitLab project (`local>group/presets`, `gitlab>group/presets:name`,
 * `…//path/name`, `…#ref`), or somewhere pingate does not read (GitHub, npm, Gitea, Bitbucket, URLs).
 */
export type PresetRef =
  | { kind: 'built-in'; entry: string }
  | { kind: 'gitlab'; entry: string; project: string; files: string[]; ref?: string }
  | { kind: 'elsewhere'; entry: string; where: string };

const ELSEWHERE: Record<string, string> = {
  'github>': 'GitHub',
  'gitea>': 'Gitea',
  'forgejo>': 'Forgejo',
  'bitbucket>': 'Bitbucket',
  'bitbucket-server>': 'Bitbucket Server',
  'npm>': 'npm',
};

function presetFiles(name: string | undefined): string[] {
  if (!name) return ['default.json', 'renovate.json'];
  if (/\.json5?$/.test(name)) return [name];
  return [`${name}.json`];
}

export function parsePresetRef(entry: string): PresetRef {
  const trimmed = entry.trim();
  for (const [prefix, where] of Object.entries(ELSEWHERE)) {
    if (trimmed.startsWith(prefix)) return { kind: 'elsewhere', entry, where };
  }
  if (/^https?:\/\//.test(trimmed)) return { kind: 'elsewhere', entry, where: 'a URL' };
  const gitlab = /^(?:local|gitlab)>([^:#/][^:#]*?)(?::([^#]+)|\/\/([^#]+))?(?:#(.+))?$/.exec(trimmed);
  if (gitlab) {
    const [, project, name, path, ref] = gitlab;
    const files = presetFiles(name ?? path);
    return { kind: 'gitlab', entry, project: project!, files, ...(ref ? { ref } : {}) };
  }
  if (trimmed.includes(':')) return { kind: 'built-in', entry: trimmed };
  // Renovate reads a bare name (`foo`, `@scope/foo`) as an npm package's preset.
  return { kind: 'elsewhere', entry, where: 'npm' };
}

/** The raw `extends` entries of a preset's text, for fetching nested presets before resolving. */
export function extendsOf(text: string): string[] {
  const parsed = parseJson5(text);
  if (!parsed.ok) return [];
  const value = parsed.document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const raw = (value as Record<string, unknown>)['extends'];
  const list = typeof raw === 'string' ? [raw] : raw;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** One key per preset file, for the fetched-text cache and cycle detection. */
export function presetKey(ref: Extract<PresetRef, { kind: 'gitlab' }>): string {
  return `${ref.project}#${ref.ref ?? ''}:${ref.files[0]}`;
}
