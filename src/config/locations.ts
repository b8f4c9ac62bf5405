import type { Node } from 'jsonc-parser';

/** Reads a file of the repository (a checkout or one commit); undefined when it does not exist. */
export type ReadFile = (path: string) => Promise<string | undefined>;

/** Where Renovate looks for a repository's config, in its order; the first one found wins (SPEC §5). */
export const CONFIG_FILE_NAMES = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  'package.json',
] as const;

/** Whether a path is one Renovate reads its config from (for webhook routing and change detection). */
export function isConfigFileName(path: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path);
}

/**
 * The config file: the first of Renovate's names that exists; `package.json` counts only with a `"renovate"`
 * key. `renovate.json` is read first (one read when it is there); the other names together, in one round trip.
 */
export async function findConfigFile(read: ReadFile): Promise<{ path: string; text: string } | undefined> {
  const [first, ...rest] = CONFIG_FILE_NAMES;
  const text = await read(first);
  if (text !== undefined) return { path: first, text };
  const texts = await Promise.all(rest.map((path) => read(path)));
  for (const [index, path] of rest.entries()) {
    const found = texts[index];
    if (found === undefined || (path === 'package.json' && !hasRenovateKey(found))) continue;
    return { path, text: found };
  }
  return undefined;
}

function hasRenovateKey(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'renovate' in value;
  } catch {
    return false;
  }
}

/** The node holding the config in a parsed file: the whole file, or `package.json`'s `"renovate"` value. */
export function configFileRoot(path: string, root: Node): Node | undefined {
  if (!path.endsWith('package.json')) return root;
  const property = root.children?.find((child) => child.children?.[0]?.value === 'renovate');
  return property?.children?.[1];
}
