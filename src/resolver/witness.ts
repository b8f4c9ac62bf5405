/**
 * The quick answer for an update of a file that installs as it is: the set the search found for the file (its pins
 * and the releases it chose for packages no line pins), with the update applied, is itself a set pip can install
 * when every requirement of every release in it still holds. Then no search is needed: the file's own solution is
 * the witness. Anything it cannot settle (an extra anywhere, a package the moved release brings that the set does
 * not hold, a package pinned on several lines, a requirement not met) is left to the search, which also words the
 * reasons. Pure, like the rest of the resolver.
 */
import { evaluateMarker } from '../versioning/markers.js';
import { releaseAdmits } from './pinned-only.js';
import { type Context, meets } from './state.js';
import type {
  EnvVerdict,
  Requirement,
  ResolverMove,
  ResolverPin,
  ResolverSource,
  TargetPython,
} from './types.js';

/** The file's installed set on one Python, and who requires each package in it. */
export interface Witness {
  versions: ReadonlyMap<string, string>;
  on: ReadonlyMap<string, readonly { owner: string; requirement: Requirement }[]>;
}

export interface WitnessInput {
  pins: readonly ResolverPin[];
  /** The file's range lines: they apply to whatever is installed. */
  constraints: readonly Requirement[];
  source: ResolverSource;
  /** Check a moved release's `requires_python` (configured Pythons: the search checks the pins' too). */
  checkPython: boolean;
}

/** The witness of one Python's baseline, or undefined when it cannot serve (extras, or requirements unknown). */
export function witnessOf(
  input: WitnessInput,
  target: TargetPython,
  baseline: EnvVerdict,
): Witness | undefined {
  if (baseline.kind !== 'installable' || baseline.anyExtras !== false) return undefined;
  const versions = new Map(baseline.chosen);
  for (const pin of input.pins) {
    if (pin.marker && !evaluateMarker(pin.marker, target.environment, [])) continue;
    versions.set(pin.normalizedName, pin.version);
  }
  const on = new Map<string, { owner: string; requirement: Requirement }[]>();
  for (const [owner, version] of versions) {
    const requirements = input.source.requirements(owner, version);
    if (!Array.isArray(requirements)) return undefined;
    for (const requirement of requirements) {
      const list = on.get(requirement.normalizedName) ?? [];
      list.push({ owner, requirement });
      on.set(requirement.normalizedName, list);
    }
  }
  return { versions, on };
}

/**
 * True: the witness with the moves applied is installable on this Python. False: it may not be; the search decides.
 * `linesOf`: the file's lines by package (a package on several lines is left to the search).
 */
export function witnessHolds(
  context: Context,
  input: WitnessInput,
  witness: Witness,
  moves: readonly ResolverMove[],
  linesOf: ReadonlyMap<string, readonly ResolverPin[]>,
): boolean {
  const moved = new Map<string, string>();
  for (const move of moves) {
    const lines = linesOf.get(move.normalizedName) ?? [];
    if (lines.length !== 1) return false;
    const line = lines[0]!;
    if (move.from !== undefined && move.from !== line.version) return false;
    if (line.marker && !evaluateMarker(line.marker, context.target.environment, [])) continue;
    moved.set(move.normalizedName, move.to);
  }
  const versionOf = (name: string) => moved.get(name) ?? witness.versions.get(name);
  const active = (r: Requirement) => !r.marker || evaluateMarker(r.marker, context.target.environment, []);
  for (const [name, version] of moved) {
    if (input.checkPython && !releaseAdmits(context, name, version)) return false;
    for (const constraint of input.constraints) {
      if (constraint.normalizedName === name && active(constraint) && !meets(context, constraint, version))
        return false;
    }
    const requirements = context.source.requirements(name, version);
    if (!Array.isArray(requirements)) return false;
    for (const requirement of requirements) {
      if (!active(requirement)) continue;
      const other = versionOf(requirement.normalizedName);
      if (other === undefined || requirement.extras.length > 0) return false;
      if (!meets(context, requirement, other)) return false;
    }
    for (const { owner, requirement } of witness.on.get(name) ?? []) {
      if (moved.has(owner) || !active(requirement)) continue;
      if (requirement.extras.length > 0 || !meets(context, requirement, version)) return false;
    }
  }
  return true;
}
