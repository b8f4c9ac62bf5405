/**
 * SPEC §6.2, the verdict pip would give: can it install the pinned set with these updates applied? Pure: it reads
 * only what `source` already holds, and a look-up it needs and does not have makes the verdict `unknown` (fail closed).
 *
 * Build one judge per constraints file (`createJudge`) and ask it for each update or group: the solves of the file
 * as it is are kept, so that a conflict the file already has is told from one an update brings.
 */
import { evaluateMarker } from '../versioning/markers.js';
import { pinsStillMeet, type RequirementsOn, requirementsOn } from './pinned-only.js';
import { lineActive, targetPythons } from './pythons.js';
import { recording } from './recording.js';
import { admitsPython, type EnvProblem, type PinnedNode, solveEnvironment } from './search.js';
import { memoFor, type SolveMemo } from './state.js';
import type {
  EnvVerdict,
  MissingLookup,
  Requirement,
  ResolverMove,
  ResolverPin,
  ResolverSource,
  SetVerdict,
  TargetPython,
} from './types.js';
import { type Witness, witnessHolds, witnessOf } from './witness.js';

export interface JudgeInput {
  pins: readonly ResolverPin[];
  /** Range lines of the file (`pkg>=1,<2 ; marker`): constraints on packages no line pins. */
  constraints: readonly Requirement[];
  /** `pingate.pythonVersions`; empty: the default Pythons (`DEFAULT_PYTHONS`). */
  pythonVersions: readonly string[];
  source: ResolverSource;
  /** Releases tried per solve before the answer is `bound`. */
  bound?: number;
}

export interface Judge {
  /** The verdict for one update, or a group moved together (companions included). */
  judge(moves: readonly ResolverMove[]): SetVerdict;
  /** The file as it is, on each target Python. */
  baseline(): ReadonlyMap<string, EnvVerdict>;
  /** Each look-up the solves of the file as it is needed and did not have (failed or not made), once each. */
  baselineUnread(): MissingLookup[];
}

export function createJudge(input: JudgeInput): Judge {
  const targets = targetPythons(input.pythonVersions);
  const memos = new Map<string, SolveMemo>(targets.map((t) => [t.pythonVersion, memoFor(t)]));
  const baselines = new Map<string, EnvVerdict>();
  const solve = (
    target: TargetPython,
    moves: readonly ResolverMove[],
    source: ResolverSource = input.source,
  ): EnvVerdict => {
    const problem = problemFor(input, target, moves);
    if ('kind' in problem) return problem;
    const context = { source, target, memo: memos.get(target.pythonVersion)! };
    return solveEnvironment(context, problem);
  };
  const baselineUnread: MissingLookup[] = [];
  const baselineSource = recording(input.source, baselineUnread);
  const baseline = (target: TargetPython): EnvVerdict => {
    let verdict = baselines.get(target.pythonVersion);
    if (!verdict) {
      verdict = solve(target, [], baselineSource);
      // Kept even when a look-up was missing: the source does not change under a judge (the planner fetches what
      // is missing and builds a new one), and solving the file again for every update cost a pass its minutes.
      baselines.set(target.pythonVersion, verdict);
    }
    return verdict;
  };
  let simple: RequirementsOn | false | undefined;
  const installableHere: EnvVerdict = { kind: 'installable', chosen: new Map(), askedExtras: false };
  const linesOf = pinsByName(input.pins);
  const witnessInput = { ...input, checkPython: input.pythonVersions.length > 0 };
  const witnesses = new Map<string, Witness | undefined>();
  const witnessFor = (target: TargetPython): Witness | undefined => {
    if (!witnesses.has(target.pythonVersion))
      witnesses.set(target.pythonVersion, witnessOf(witnessInput, target, baseline(target)));
    return witnesses.get(target.pythonVersion);
  };
  return {
    judge(moves) {
      simple ??= pinnedOnly(input, targets.map(baseline));
      const quick = simple && !touchesSearch(input, simple, moves) ? simple : undefined;
      const verdicts = new Map<string, EnvVerdict>();
      let pinsOnly = quick !== undefined;
      for (const target of judgedPythons(input, targets, moves, linesOf)) {
        const context = { source: input.source, target, memo: memos.get(target.pythonVersion)! };
        if (quick && pinsStillMeet(context, moves, quick, input.pythonVersions.length > 0)) {
          verdicts.set(target.pythonVersion, installableHere);
          continue;
        }
        pinsOnly = false;
        const before = baseline(target);
        // The file cannot be installed there as it is: not this update's doing (stage one still checks its pins).
        // Known before any update is solved: a search that found no set for the file would only search again.
        if (before.kind === 'conflict' || before.kind === 'bound') continue;
        // The file itself waits for look-ups not made yet: the planner makes them and asks again, so solving the
        // update now would be thrown away (a look-up that failed is different: the update may not need it).
        if (before.kind === 'unknown' && before.missing.every((m) => m.error === undefined)) {
          verdicts.set(target.pythonVersion, before);
          continue;
        }
        // The file's own solution with the update applied, when every requirement in it still holds.
        const witness = witnessFor(target);
        if (witness && witnessHolds(context, witnessInput, witness, moves, linesOf)) {
          verdicts.set(target.pythonVersion, before);
          continue;
        }
        const after = solve(target, moves);
        if (after.kind === 'installable') {
          verdicts.set(target.pythonVersion, after);
          continue;
        }
        verdicts.set(target.pythonVersion, before.kind === 'unknown' ? before : after);
      }
      return combine(verdicts, pinsOnly);
    },
    baseline: () => new Map(targets.map((t) => [t.pythonVersion, baseline(t)])),
    baselineUnread: () => {
      for (const target of targets) baseline(target);
      return [...baselineUnread];
    },
  };
}

/**
 * A file whose installation involves nothing but its own pins on every target: it installs there as it is, with no
 * package that no line pins, no extra asked for, no line marker and no range line. Most complete freezes are like
 * that; an update that brings none of those is then checked against the pins alone (`pinsStillMeet`), per Python.
 */
function pinnedOnly(input: JudgeInput, baselines: EnvVerdict[]): RequirementsOn | false {
  if (!baselines.every((b) => b.kind === 'installable' && b.chosen.size === 0 && !b.askedExtras))
    return false;
  if (input.pins.some((pin) => pin.marker) || input.constraints.length > 0) return false;
  if (new Set(input.pins.map((pin) => pin.normalizedName)).size !== input.pins.length) return false;
  return requirementsOn(input.pins, input.source) ?? false;
}

/** Whether an update's new releases need the search: an extra, or a package no line pins. */
function touchesSearch(
  input: JudgeInput,
  { pinned }: RequirementsOn,
  moves: readonly ResolverMove[],
): boolean {
  return moves.some((move) => {
    const requirements = input.source.requirements(move.normalizedName, move.to);
    if (!Array.isArray(requirements)) return true;
    return requirements.some((r) => r.extras.length > 0 || !pinned.has(r.normalizedName));
  });
}

/**
 * The Pythons an update is judged on: the targets that the moved lines' own markers admit. With no configured
 * `pythonVersions`, also only those its new release installs on (moving to a release that drops an old Python is
 * the project's choice to make, not a conflict).
 */
function judgedPythons(
  input: JudgeInput,
  targets: TargetPython[],
  moves: readonly ResolverMove[],
  linesOf: ReadonlyMap<string, readonly ResolverPin[]>,
): TargetPython[] {
  const movedLines = moves.flatMap((m) =>
    (linesOf.get(m.normalizedName) ?? []).filter((pin) => movesLine(m, pin)),
  );
  return targets.filter((target) => {
    if (!movedLines.some((pin) => lineActive(pin.marker, target))) return false;
    if (input.pythonVersions.length > 0) return true;
    return moves.every((move) => {
      const releases = input.source.releases(move.normalizedName);
      if (releases === undefined || releases instanceof Error) return true;
      const release = releases.find((r) => r.version === move.to);
      return !release || admitsPython(release, target.pythonVersion);
    });
  });
}

/** The lines of each package, in file order: an update looks up its own lines, not the whole file's. */
function pinsByName(pins: readonly ResolverPin[]): Map<string, ResolverPin[]> {
  const byName = new Map<string, ResolverPin[]>();
  for (const pin of pins) {
    const lines = byName.get(pin.normalizedName);
    if (lines) lines.push(pin);
    else byName.set(pin.normalizedName, [pin]);
  }
  return byName;
}

function movesLine(move: ResolverMove, pin: ResolverPin): boolean {
  return move.normalizedName === pin.normalizedName && (move.from === undefined || move.from === pin.version);
}

/** The pins active on one Python with the moves applied; two active lines that disagree are a conflict. */
function problemFor(
  input: JudgeInput,
  target: TargetPython,
  moves: readonly ResolverMove[],
): EnvProblem | EnvVerdict {
  const pins = new Map<string, PinnedNode>();
  for (const pin of input.pins) {
    if (!lineActive(pin.marker, target)) continue;
    const move = moves.find((m) => movesLine(m, pin));
    const version = move ? move.to : pin.version;
    const known = pins.get(pin.normalizedName);
    if (known && known.version !== version) {
      const reason = `${pin.name} is pinned at both ${known.version} and ${version}`;
      return { kind: 'conflict', reason };
    }
    const extras = [...new Set([...(known?.extras ?? []), ...pin.extras.map((e) => e.toLowerCase())])];
    pins.set(pin.normalizedName, {
      version,
      label: known?.label ?? pin.name,
      extras,
      moved: Boolean(move) || Boolean(known?.moved),
    });
  }
  const constraints = new Map<string, Requirement[]>();
  for (const requirement of input.constraints) {
    if (requirement.marker && !evaluateMarker(requirement.marker, target.environment, [])) continue;
    constraints.set(requirement.normalizedName, [
      ...(constraints.get(requirement.normalizedName) ?? []),
      requirement,
    ]);
  }
  return {
    pins,
    constraints,
    checkPinnedPython: input.pythonVersions.length > 0,
    ...(input.bound ? { bound: input.bound } : {}),
  };
}

/** One verdict over the judged Pythons: a conflict anywhere blocks; then a missing look-up holds; then the bound. */
function combine(verdicts: ReadonlyMap<string, EnvVerdict>, pinsOnly: boolean): SetVerdict {
  const reasons = new Map<string, string[]>();
  const missing: MissingLookup[] = [];
  let bound: string | undefined;
  for (const [python, verdict] of verdicts) {
    if (verdict.kind === 'conflict')
      reasons.set(verdict.reason, [...(reasons.get(verdict.reason) ?? []), python]);
    if (verdict.kind === 'unknown')
      missing.push(...verdict.missing.filter((m) => !missing.some((k) => sameLookup(k, m))));
    if (verdict.kind === 'bound') {
      bound ??= `the conflict check tried ${verdict.steps} releases on Python ${python} without an answer, so the update is held; pinning the packages no line pins (pingate plan --freeze) decides it`;
    }
  }
  if (reasons.size > 0) {
    return {
      kind: 'conflict',
      reasons: [...reasons].map(([reason, pythons]) => `${reason} (Python ${pythons.join(', ')})`),
    };
  }
  if (missing.length > 0) return { kind: 'unknown', missing };
  if (bound) return { kind: 'bound', reason: bound };
  return { kind: 'installable', pythonVersions: [...verdicts.keys()], pinsOnly };
}

function sameLookup(a: MissingLookup, b: MissingLookup): boolean {
  return a.normalizedName === b.normalizedName && a.version === b.version;
}
