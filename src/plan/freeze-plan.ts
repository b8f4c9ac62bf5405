import { requirementText } from '../policy/conflict-index.js';
import type { Judge } from '../resolver/judge.js';
import { computeFreeze, type FreezeInput } from './freeze.js';
import type { FileFreeze } from './types.js';

/**
 * The freeze of one file as the plan lists it. A look-up it needed that failed holds the whole freeze (fail closed),
 * named; one not made yet is left to the next round of the planner, which fetches it (`onMissing` of the source),
 * and what the last round still lacked holds the freeze too, in one line.
 */
export function freezeOfFile(file: string, input: FreezeInput, judge?: Judge): FileFreeze {
  const result = computeFreeze(input, judge);
  const problems = [...result.problems];
  for (const lookup of result.missing.filter((m) => m.error !== undefined)) {
    const what = lookup.version
      ? `the requirements of ${lookup.normalizedName} ${lookup.version}`
      : `the releases of ${lookup.normalizedName}`;
    problems.push(`${what} could not be read: ${lookup.error}`);
  }
  // Look-ups not made yet (the planner makes them round by round, a level of requirements at a time) are one line,
  // the same from pass to pass, not one per release: a deep tree can take more than one pass to read.
  if (result.missing.some((m) => m.error === undefined)) {
    problems.push('the look-ups it needs are not all made yet (they are made over the next passes)');
  }
  if (problems.length > 0) return { file, pins: [], problems };
  return freezeOfPins(file, input, result.pins);
}

/** The freeze of a file from its pins, each with the releases that need it (a kept freeze is listed this way). */
export function freezeOfPins(
  file: string,
  input: FreezeInput,
  chosen: readonly { normalizedName: string; version: string }[],
): FileFreeze {
  const reasons = requiredBy(input, chosen);
  const pins = chosen.map((p) => ({
    name: p.normalizedName,
    version: p.version,
    requiredBy: [...(reasons.get(p.normalizedName) ?? [])],
  }));
  return { file, pins, problems: [] };
}

/**
 * Why each freeze pin is needed, for the MR that adds it: each release of the pinned set (the file's pins and the
 * freeze's pins) whose requirements name it, as `requests 2.31.0 requires urllib3<3,>=1.21.1`, in the set's order.
 * One pass over the set's requirements, not one per pin.
 */
function requiredBy(
  input: FreezeInput,
  freeze: readonly { normalizedName: string; version: string }[],
): Map<string, Set<string>> {
  const releases = [
    ...input.pins.map((pin) => ({
      normalizedName: pin.normalizedName,
      shown: pin.name,
      version: pin.version,
    })),
    ...freeze.map((pin) => ({
      normalizedName: pin.normalizedName,
      shown: pin.normalizedName,
      version: pin.version,
    })),
  ];
  const reasons = new Map(freeze.map((pin) => [pin.normalizedName, new Set<string>()]));
  for (const release of releases) {
    const requirements = input.source.requirements(release.normalizedName, release.version);
    if (!Array.isArray(requirements)) continue;
    for (const requirement of requirements) {
      const found = reasons.get(requirement.normalizedName);
      if (!found) continue;
      const marker = requirement.markerText ? `; ${requirement.markerText}` : '';
      found.add(`${release.shown} ${release.version} requires ${requirementText(requirement)}${marker}`);
    }
  }
  return reasons;
}
