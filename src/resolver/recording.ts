import type { MissingLookup, ResolverSource } from './types.js';

/** The same source, telling `unread` each look-up that failed or was not made (once each). */
export function recording(source: ResolverSource, unread: MissingLookup[]): ResolverSource {
  const note = (normalizedName: string, version: string | undefined, found: unknown) => {
    if (found !== undefined && !(found instanceof Error)) return;
    if (unread.some((m) => m.normalizedName === normalizedName && m.version === version)) return;
    unread.push({
      normalizedName,
      ...(version === undefined ? {} : { version }),
      ...(found instanceof Error ? { error: found.message } : {}),
    });
  };
  return {
    releases(name) {
      const found = source.releases(name);
      note(name, undefined, found);
      return found;
    },
    requirements(name, version) {
      const found = source.requirements(name, version);
      note(name, version, found);
      return found;
    },
  };
}
