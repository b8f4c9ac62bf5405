import {
  accepts,
  activeLines,
  addNotPinned,
  addOnce,
  type ConflictIndex,
  type Requirement,
  releaseRequirements,
  requirementApplies,
  requirementText,
} from './conflict-index.js';
import type { ConflictPin, NotPinned, PinMove } from './conflict-types.js';

/** One requirement that one environment's pin set does not satisfy. */
export interface Violation {
  direction: 'forward' | 'reverse';
  /** A line of the requiring package (for its written name) and the version of its release that requires. */
  requirer: ConflictPin;
  requirerVersion: string;
  requirement: Requirement;
  /** The target line that fails and the version it would hold. */
  target: ConflictPin;
  targetVersion: string;
  /** The target line moves too (it is part of the update or a companion). */
  targetMoved: boolean;
  env: number;
}

export interface CheckOutcome {
  violations: Violation[];
  notPinned: NotPinned[];
  unknown: string[];
}

type Moves = ReadonlyMap<string, PinMove>;

/** Checks the pin set with `moves` applied, in every environment of the index, both directions. */
export function findViolations(index: ConflictIndex, moveList: readonly PinMove[]): CheckOutcome {
  const moves: Moves = new Map(moveList.map((move) => [move.normalizedName, move]));
  const outcome: CheckOutcome = { violations: [], notPinned: [], unknown: [] };
  for (const move of moves.values()) {
    checkForward(index, moves, move, outcome);
    checkReverse(index, moves, move, outcome);
  }
  return outcome;
}

/** The new release's requirements against the lines pinned after the move. */
function checkForward(index: ConflictIndex, moves: Moves, move: PinMove, outcome: CheckOutcome): void {
  const moved = movedLines(index, moves, move.normalizedName);
  if (moved.length === 0) return;
  const release = releaseRequirements(index, move.normalizedName, move.to);
  if (!release || release.unreadable.length > 0) {
    addOnce(outcome.unknown, `${move.normalizedName} ${move.to}`);
  }
  if (!release) return;
  index.environments.forEach((_, env) => {
    const active = moved.filter((i) => index.activeIn[i]?.[env]).map((i) => index.pins[i]!);
    const requirer = active[0];
    if (!requirer) return;
    const extras = [...new Set(active.flatMap((pin) => pin.extras))];
    for (const requirement of release.requirements) {
      if (requirementApplies(index, requirement, env, extras)) {
        checkForwardRequirement(index, moves, requirer, move, requirement, env, outcome);
      }
    }
  });
}

/** One applicable requirement of a moved release against every line of its target active in `env`. */
function checkForwardRequirement(
  index: ConflictIndex,
  moves: Moves,
  requirer: ConflictPin,
  move: PinMove,
  requirement: Requirement,
  env: number,
  outcome: CheckOutcome,
): void {
  const targets = activeLines(index, requirement.normalizedName, env);
  if (targets.length === 0) {
    addNotPinned(outcome.notPinned, { requiredBy: requirer.name, requirement: requirementText(requirement) });
    return;
  }
  for (const t of targets) {
    const target = index.pins[t]!;
    const targetVersion = versionAfter(target, moves);
    const ok = accepts(index, requirement, targetVersion);
    if (ok === undefined) addOnce(outcome.unknown, `${move.normalizedName} ${move.to}`);
    if (ok !== false) continue;
    outcome.violations.push({
      direction: 'forward',
      requirer,
      requirerVersion: move.to,
      requirement,
      target,
      targetVersion,
      targetMoved: isMoved(target, moves),
      env,
    });
  }
}

/** The current releases of the lines that stay, against the moved package's new version. */
function checkReverse(index: ConflictIndex, moves: Moves, move: PinMove, outcome: CheckOutcome): void {
  for (const edge of index.dependents.get(move.normalizedName) ?? []) {
    const requirer = index.pins[edge.pin]!;
    // A requirer that moves too is checked by its new release, in the forward direction.
    if (isMoved(requirer, moves)) continue;
    index.environments.forEach((_, env) => {
      if (!index.activeIn[edge.pin]?.[env]) return;
      if (!requirementApplies(index, edge.requirement, env, requirer.extras)) return;
      for (const t of activeLines(index, move.normalizedName, env)) {
        const target = index.pins[t]!;
        if (!isMoved(target, moves)) continue;
        const ok = accepts(index, edge.requirement, move.to);
        if (ok === undefined) addOnce(outcome.unknown, `${requirer.normalizedName} ${requirer.version}`);
        if (ok !== false) continue;
        outcome.violations.push({
          direction: 'reverse',
          requirer,
          requirerVersion: requirer.version,
          requirement: edge.requirement,
          target,
          targetVersion: move.to,
          targetMoved: true,
          env,
        });
      }
    });
  }
}

function movedLines(index: ConflictIndex, moves: Moves, normalizedName: string): number[] {
  return (index.linesByName.get(normalizedName) ?? []).filter((i) => isMoved(index.pins[i]!, moves));
}

export function isMoved(pin: ConflictPin, moves: Moves): boolean {
  const move = moves.get(pin.normalizedName);
  return move !== undefined && (move.from === undefined || move.from === pin.version);
}

function versionAfter(pin: ConflictPin, moves: Moves): string {
  return isMoved(pin, moves) ? moves.get(pin.normalizedName)!.to : pin.version;
}
