import { accepts, type ConflictIndex, releaseRequirements } from './conflict-index.js';
import type { ConflictPin, PinMove } from './conflict-types.js';
import { findViolations, type Violation } from './conflict-violations.js';

/** Bounds the search per package: each trial is a full check of the group. */
const MAX_TRIALS_PER_PACKAGE = 20;

/**
 * For each package on the other side of a violation (the pinned target of a forward one, the pinned requirer of a
 * reverse one), the newest candidate that fixes it and whose own new release fits the rest. One level deep: a
 * companion that would itself need a companion is not taken, so the search cannot loop.
 */
export function findCompanions(
  index: ConflictIndex,
  updates: readonly PinMove[],
  violations: readonly Violation[],
  candidates: (normalizedName: string) => readonly string[],
): Required<PinMove>[] {
  const updated = new Set(updates.map((move) => move.normalizedName));
  const tried = new Set<string>();
  const chosen: Required<PinMove>[] = [];
  for (const violation of violations) {
    const other = violation.direction === 'forward' ? violation.target : violation.requirer;
    if (updated.has(other.normalizedName) || tried.has(other.normalizedName)) continue;
    tried.add(other.normalizedName);
    const companion = firstConsistent(index, [...updates, ...chosen], violation, other, candidates);
    if (companion) chosen.push(companion);
  }
  return chosen;
}

function firstConsistent(
  index: ConflictIndex,
  group: readonly PinMove[],
  violation: Violation,
  other: ConflictPin,
  candidates: (normalizedName: string) => readonly string[],
): Required<PinMove> | undefined {
  const name = other.normalizedName;
  let trials = 0;
  for (const to of candidates(name)) {
    if (!mayFix(index, violation, name, to)) continue;
    if (++trials > MAX_TRIALS_PER_PACKAGE) return undefined;
    const move = { normalizedName: name, from: other.version, to };
    const trial = findViolations(index, [...group, move]);
    if (trial.unknown.includes(`${name} ${to}`)) continue;
    if (
      trial.violations.some((v) => v.requirer.normalizedName === name || v.target.normalizedName === name)
    ) {
      continue;
    }
    return move;
  }
  return undefined;
}

/** A cheap filter before the full trial: the candidate meets the requirement, or its metadata is known. */
function mayFix(index: ConflictIndex, violation: Violation, name: string, to: string): boolean {
  if (violation.direction === 'forward') return accepts(index, violation.requirement, to) === true;
  return releaseRequirements(index, name, to) !== undefined;
}
