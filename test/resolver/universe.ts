/** An in-memory index for the resolver's tests: releases with their requirements, and look-ups that failed. */
import type { ResolverPin, ResolverSource } from '../../src/resolver/types.js';
import { parseMarker } from '../../src/versioning/markers.js';
import { normalizeName } from '../../src/versioning/normalize.js';
import { parseRequirement } from '../../src/versioning/requirement.js';

export interface UniverseRelease {
  requires?: string[];
  requiresPython?: string;
  yanked?: boolean;
}

export type Universe = Record<string, Record<string, UniverseRelease>>;

export interface SourceOptions {
  /** `name` (release list) or `name@version` (requirements) that failed with this message. */
  failed?: Record<string, string>;
  /** Look-ups not made yet. */
  absent?: string[];
}

export function sourceOf(universe: Universe, options: SourceOptions = {}): ResolverSource {
  const projects = new Map(
    Object.entries(universe).map(([name, releases]) => [normalizeName(name), releases]),
  );
  const lookup = <T>(key: string, found: () => T | undefined): T | Error | undefined => {
    const failure = options.failed?.[key];
    if (failure) return new Error(failure);
    if (options.absent?.includes(key)) return undefined;
    return found();
  };
  return {
    releases: (name) =>
      lookup(name, () => {
        const releases = projects.get(name);
        return releases
          ? Object.entries(releases).map(([version, r]) => ({
              version,
              yanked: r.yanked ?? false,
              ...(r.requiresPython ? { requiresPython: r.requiresPython } : {}),
            }))
          : undefined;
      }),
    requirements: (name, version) =>
      lookup(
        `${name}@${version}`,
        () =>
          projects.get(name)?.[version]?.requires?.map((line) => parseRequirement(line)) ??
          (projects.get(name)?.[version] ? [] : undefined),
      ),
  };
}

/** A pin line as the resolver takes it: `name[extras]==version ; marker`. */
export function pinOf(text: string): ResolverPin {
  const [spec, marker] = text.split(';').map((s) => s.trim());
  const requirement = parseRequirement(spec!);
  return {
    name: requirement.name,
    normalizedName: normalizeName(requirement.name),
    version: requirement.clauses[0]!.version,
    extras: requirement.extras,
    ...(marker ? { marker: parseMarker(marker) } : {}),
  };
}
