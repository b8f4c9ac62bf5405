/**
 * SPEC §6.2, the conflict check: would pip still install the pin set once an update is applied?
 *
 * Call pattern: per constraints file, `prepareConflictIndex(pins, requiresDist, pythonVersions)` once (it parses
 * the current releases' metadata and maps who requires whom), then `checkUpdate(input, index)` for each update or
 * group, with the same `pins` array. Without an index, `checkUpdate` builds one, which costs a pass over the file.
 * The index memoises parsed metadata, so it must not outlive the `requiresDist` data it was built from.
 * `index.notPinned` and `index.unknown` describe the file as it is (report them once per file); a result's
 * `notPinned` and `unknown` describe the moved releases.
 */
import { findCompanions } from './conflict-companions.js';
import { type ConflictIndex, prepareConflictIndex } from './conflict-index.js';
import { describeViolations } from './conflict-messages.js';
import type { ConflictInput, ConflictResult } from './conflict-types.js';
import { type CheckOutcome, findViolations, type Violation } from './conflict-violations.js';

export {
  type ConflictIndex,
  DEFAULT_PYTHON_VERSION,
  parseLineOnce,
  prepareConflictIndex,
} from './conflict-index.js';
export type {
  ConflictInput,
  ConflictPin,
  ConflictReason,
  ConflictResult,
  NotPinned,
  PinMove,
  RequiresDistLookup,
} from './conflict-types.js';

/**
 * Checks one update (or a group moved together): forward, the new releases' requirements against the pins;
 * reverse, the staying pins' current requirements against the new versions; in every Python version. A violation
 * that a newer release of the other package fixes adds that release as a companion; the rest block the update.
 */
export function checkUpdate(
  input: ConflictInput,
  index: ConflictIndex = prepareConflictIndex(input.pins, input.requiresDist, input.pythonVersions),
): ConflictResult {
  if (index.pins !== input.pins) {
    throw new Error('checkUpdate: the conflict index was prepared for another pin list');
  }
  // What the file already breaks matters only once the update breaks something: most break nothing.
  let preexisting: Set<string> | undefined;
  const fresh = (outcome: CheckOutcome) => {
    if (outcome.violations.length === 0) return [];
    preexisting ??= existingConflicts(index, input.updates);
    const known = preexisting;
    return outcome.violations.filter((v) => !known.has(violationKey(v)));
  };
  const first = findViolations(index, input.updates);
  const companions =
    fresh(first).length > 0 ? findCompanions(index, input.updates, fresh(first), input.candidates) : [];
  const outcome = companions.length > 0 ? findViolations(index, [...input.updates, ...companions]) : first;
  return {
    blocked: describeViolations(index, fresh(outcome), input.file),
    companions,
    notPinned: outcome.notPinned,
    unknown: outcome.unknown,
  };
}

/**
 * Conflicts the file already has between the same packages, before any move (e.g. a pin that one Python version's
 * marker cannot use). They do not block an update that leaves them as they are: only what the update breaks does.
 */
function existingConflicts(index: ConflictIndex, updates: ConflictInput['updates']): Set<string> {
  const stay = updates.flatMap((u) =>
    u.from ? [{ normalizedName: u.normalizedName, from: u.from, to: u.from }] : [],
  );
  return new Set(findViolations(index, stay).violations.map(violationKey));
}

function violationKey(violation: Violation): string {
  const { direction, requirer, target, env } = violation;
  return `${direction}|${requirer.normalizedName}|${target.normalizedName}|${env}`;
}
