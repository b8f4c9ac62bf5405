/**
 * The quick answer for a file whose installation involves nothing but its own pins on a Python: no package that no
 * line pins, no extra asked for, no line marker, no range line, and the file installs there as it is. There the
 * search would only check each active requirement against a pin, so a moved set is checked the same way, touching
 * only the moved packages' new requirements and the requirements on them. Anything it cannot settle is left to the
 * search (`undefined`), which also words the reasons.
 */
import { evaluateMarker } from '../versioning/markers.js';
import { admitsPython } from './search.js';
import { type Context, meets } from './state.js';
import type { Requirement, ResolverMove, ResolverPin, ResolverSource } from './types.js';

/** The pins' versions, and for each package the requirements on it of the pins at their current versions. */
export interface RequirementsOn {
  pinned: ReadonlyMap<string, string>;
  on: ReadonlyMap<string, readonly { owner: string; requirement: Requirement }[]>;
}

/** `undefined` when a pin's requirements are not known (the search must decide). */
export function requirementsOn(
  pins: readonly ResolverPin[],
  source: ResolverSource,
): RequirementsOn | undefined {
  const on = new Map<string, { owner: string; requirement: Requirement }[]>();
  for (const pin of pins) {
    const requirements = source.requirements(pin.normalizedName, pin.version);
    if (!Array.isArray(requirements)) return undefined;
    for (const requirement of requirements) {
      const list = on.get(requirement.normalizedName) ?? [];
      list.push({ owner: pin.normalizedName, requirement });
      on.set(requirement.normalizedName, list);
    }
  }
  return { pinned: new Map(pins.map((pin) => [pin.normalizedName, pin.version])), on };
}

/**
 * True: the pins with the moves applied meet every active requirement on this Python. False: they may not; the
 * search decides and explains.
 */
export function pinsStillMeet(
  context: Context,
  moves: readonly ResolverMove[],
  { pinned, on }: RequirementsOn,
  checkPython: boolean,
): boolean {
  const moved = new Map<string, string>();
  for (const move of moves) {
    const current = pinned.get(move.normalizedName);
    if (current !== undefined && (move.from === undefined || move.from === current))
      moved.set(move.normalizedName, move.to);
  }
  const active = (r: Requirement) => !r.marker || evaluateMarker(r.marker, context.target.environment, []);
  for (const [name, version] of moved) {
    if (checkPython && !releaseAdmits(context, name, version)) return false;
    const requirements = context.source.requirements(name, version);
    if (!Array.isArray(requirements)) return false;
    for (const requirement of requirements) {
      if (!active(requirement)) continue;
      const other = moved.get(requirement.normalizedName) ?? pinned.get(requirement.normalizedName);
      if (other === undefined || requirement.extras.length > 0) return false;
      if (!meets(context, requirement, other)) return false;
    }
    for (const { owner, requirement } of on.get(name) ?? []) {
      if (moved.has(owner) || !active(requirement)) continue;
      if (!meets(context, requirement, version)) return false;
    }
  }
  return true;
}

/** Whether the release of `name` at `version` installs on the context's Python (false when it is not listed). */
export function releaseAdmits(context: Context, name: string, version: string): boolean {
  const releases = context.source.releases(name);
  if (!Array.isArray(releases)) return false;
  const release = releases.find((r) => r.version === version);
  return release !== undefined && admitsPython(release, context.target.pythonVersion);
}
