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
  parseLine: (line: string) => Requirement | undefined = parseOrSkip,
): ResolverSource {
  const parsed = new Map<string, Fetched<Requirement[]>>();
  return {
    releases(name) {
      const project = lookup(name);
      if (project === undefined) missing({ normalizedName: name });
      // The index said there is no such project: a definite answer (pip finds no release either), not a failed look-up.
      if (project instanceof UpstreamError && project.status === 404) return [];
      if (project === undefined || project instanceof Error) return project;
      // The page's own releases: they carry what the resolver reads (version, yanked, requires_python), and a
      // copy per question cost a warm pass a third of its conflict check.
      return project.releases;
    },
    requirements(name, version) {
      const key = `${name}\0${version}`;
      if (parsed.has(key)) return parsed.get(key);
      const lines = metadata(name, version);
      if (lines === undefined) {
        missing({ normalizedName: name, version });
        return undefined;
      }
      const result = lines instanceof Error ? lines : parseLines(lines, parseLine);
      parsed.set(key, result);
      return result;
    },
  };
}

/** Upstream metadata is not ours to reject: a line that does not parse is left out (stage one reports it). */
function parseLines(
  lines: readonly string[],
  parseLine: (line: string) => Requirement | undefined,
): Requirement[] {
  const out: Requirement[] = [];
  for (const line of lines) {
    const requirement = parseLine(line);
    if (requirement) out.push(requirement);
  }
  return out;
}

function parseOrSkip(line: string): Requirement | undefined {
  try {
    return parseRequirement(line);
  } catch {
    // Reported by the pin-to-pin check as "not checked".
    return undefined;
  }
}
