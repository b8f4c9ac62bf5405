import { UpstreamError } from '../errors.js';
import type { Fetched, MissingLookup, Requirement, ResolverSource } from '../resolver/types.js';
import { parseRequirement } from '../versioning/requirement.js';
import type { LookupResult } from './collect-updates.js';

/** `Requires-Dist` of one release: the lines, the error its look-up failed with, or `undefined` when not fetched. */
export type MetadataLookup = (normalizedName: string, version: string) => Fetched<string[]>;

/**
 * The resolver's view of what one file's index answered: release lists from the project pages, requirements from
 * the fetched metadata. What it asks for and is not there is remembered, for the pass to fetch and plan again.
 */
export function resolverSource(
  lookup: (normalizedName: string) => LookupResult | undefined,
  metadata: MetadataLookup,
  missing: (lookup: MissingLookup) => void,
): ResolverSource {
  const parsed = new Map<string, Fetched<Requirement[]>>();
  return {
    releases(name) {
      const project = lookup(name);
      if (project === undefined) missing({ normalizedName: name });
      // The index said there is no such project: a definite answer (pip finds no release either), not a failed look-up.
      if (project instanceof UpstreamError && project.status === 404) return [];
      if (project === undefined || project instanceof Error) return project;
      return project.releases.map((r) => ({
        version: r.version,
        yanked: r.yanked,
        ...(r.requiresPython ? { requiresPython: r.requiresPython } : {}),
      }));
    },
    requirements(name, version) {
      const key = `${name}\0${version}`;
      if (parsed.has(key)) return parsed.get(key);
      const lines = metadata(name, version);
      if (lines === undefined) {
        missing({ normalizedName: name, version });
        return undefined;
      }
      const result = lines instanceof Error ? lines : parseLines(lines);
      parsed.set(key, result);
      return result;
    },
  };
}

/** Upstream metadata is not ours to reject: a line that does not parse is left out (stage one reports it). */
function parseLines(lines: readonly string[]): Requirement[] {
  const out: Requirement[] = [];
  for (const line of lines) {
    try {
      out.push(parseRequirement(line));
    } catch {
      // Reported by the pin-to-pin check as "not checked".
    }
  }
  return out;
}
