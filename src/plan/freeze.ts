/**
 * SPEC §12, completing the freeze: a pin for every package the pinned set requires (transitively, through extras
 * asked for, on every target Python) that no line pins. Pure: it reads only what the resolver source already holds,
 * and a look-up it needs and does not have is returned as missing (the caller fetches it or fails closed).
 *
 * The resolver (`createJudge`) solves the file as it is on each target Python, newest release first; a package
 * chosen at one release everywhere is pinned there. Where the Pythons chose differently, the newest of their
 * choices that installs on every Python that needs it is tried. Every proposed set is then checked again by the
 * resolver with the new pins as constraint lines (`name==ver`, as pip's `-c` applies them: only when installed),
 * so that the block never makes the file uninstallable. What cannot be pinned is told with the chain, not guessed.
 */
import { createJudge, type Judge, type JudgeInput } from '../resolver/judge.js';
import { targetPythons } from '../resolver/pythons.js';
import { recording } from '../resolver/recording.js';
import { admitsPython } from '../resolver/search.js';
import type { EnvVerdict, MissingLookup, ResolverSource } from '../resolver/types.js';
import { compareVersions } from '../versioning/pep440.js';
import { parseRequirement, type Requirement } from '../versioning/requirement.js';

export type FreezeInput = Pick<JudgeInput, 'pins' | 'constraints' | 'pythonVersions' | 'source' | 'bound'>;

export interface FreezePin {
  normalizedName: string;
  version: string;
  /** The target Pythons on which the pinned set installs it. */
  pythonVersions: string[];
}

export interface FreezeResult {
  /** Sorted by name. */
  pins: FreezePin[];
  /** Why the freeze could not be completed, one sentence each (a chain a person can act on). */
  problems: string[];
  /** Look-ups the freeze needs and did not have; non-empty means the result is not final (fail closed). */
  missing: MissingLookup[];
}

/** `judge`: the conflict check's judge of the same input, whose solves of the file are then not made again. */
export function computeFreeze(given: FreezeInput, judge?: Judge): FreezeResult {
  // Nothing to pin, and no solve to pay for, when no pinned release requires a package no line pins: every package
  // beyond the pins is reached through one of those (an extra's requirements are in Requires-Dist too).
  if (!reachesUnpinned(given)) return { pins: [], problems: [], missing: [] };
  // The search takes the first set that installs: a newer release it could not check would be passed over silently.
  // Every look-up it could not make holds the freeze instead (fail closed).
  const unread: MissingLookup[] = [];
  const input = { ...given, source: recording(given.source, unread) };
  const baseline = judge ? judge.baseline() : createJudge(input).baseline();
  if (judge) unread.push(...judge.baselineUnread());
  if (unread.length > 0) return { pins: [], problems: [], missing: unread };
  const problems = baselineProblems(baseline);
  const chosen = chosenByName(baseline);
  if (chosen.size === 0) return { pins: [], problems, missing: [] };
  const proposal = proposePins(chosen, input.source);
  const check = verify(input, proposal);
  if (unread.length > 0) return { pins: [], problems, missing: unread };
  if (check.problems.length > 0) {
    const names = proposal.map((p) => `${p.normalizedName}==${p.version}`).join(', ');
    problems.push(...check.problems.map((p) => `pinning ${names} would not install: ${p}`));
    return { pins: [], problems, missing: [] };
  }
  return { pins: proposal, problems, missing: [] };
}

/** Whether some pinned release requires a package no line pins, or its requirements are not known (then: solve). */
export function reachesUnpinned({ pins, source }: FreezeInput): boolean {
  const pinned = new Set(pins.map((pin) => pin.normalizedName));
  return pins.some((pin) => {
    const requirements = source.requirements(pin.normalizedName, pin.version);
    if (requirements === undefined || requirements instanceof Error) return true;
    return requirements.some((requirement) => !pinned.has(requirement.normalizedName));
  });
}

/** The lines `pingate plan --freeze` prints: the comment, then `name==ver`, sorted. */
export const FREEZE_COMMENT = '# Pinned by pingate: requirements no line pinned (freeze)';

export function freezeLines(pins: readonly { name: string; version: string }[]): string[] {
  if (pins.length === 0) return [];
  return [FREEZE_COMMENT, ...pins.map((p) => `${p.name}==${p.version}`)];
}

function baselineProblems(baseline: ReadonlyMap<string, EnvVerdict>): string[] {
  const problems: string[] = [];
  for (const [python, verdict] of baseline) {
    if (verdict.kind === 'conflict')
      problems.push(`the file cannot be installed on Python ${python}: ${verdict.reason}`);
    if (verdict.kind === 'bound') {
      problems.push(
        `the conflict check tried ${verdict.steps} releases on Python ${python} without an answer`,
      );
    }
  }
  return problems;
}

/** For each package no line pins, the release each target Python's solve chose. */
function chosenByName(baseline: ReadonlyMap<string, EnvVerdict>): Map<string, Map<string, string>> {
  const chosen = new Map<string, Map<string, string>>();
  for (const [python, verdict] of baseline) {
    if (verdict.kind !== 'installable') continue;
    for (const [name, version] of verdict.chosen) {
      const byPython = chosen.get(name) ?? new Map<string, string>();
      byPython.set(python, version);
      chosen.set(name, byPython);
    }
  }
  return chosen;
}

/** One release per package: the newest of the Pythons' choices that installs on every Python that needs it. */
function proposePins(chosen: Map<string, Map<string, string>>, source: ResolverSource): FreezePin[] {
  const pins: FreezePin[] = [];
  for (const [normalizedName, byPython] of chosen) {
    const pythons = [...byPython.keys()];
    const versions = [...new Set(byPython.values())].sort((a, b) => compareVersions(b, a));
    const releases = source.releases(normalizedName);
    const list = Array.isArray(releases) ? releases : [];
    const fits = versions.find((version) => {
      const release = list.find((r) => r.version === version);
      return !release || pythons.every((python) => admitsPython(release, python));
    });
    pins.push({ normalizedName, version: fits ?? versions[versions.length - 1]!, pythonVersions: pythons });
  }
  return pins.sort((a, b) => (a.normalizedName < b.normalizedName ? -1 : 1));
}

/** The file with the proposed pins as constraint lines must install on every Python it installed on before. */
function verify(input: FreezeInput, proposal: readonly FreezePin[]): { problems: string[] } {
  const constraints: Requirement[] = [
    ...input.constraints,
    ...proposal.map((p) => parseRequirement(`${p.normalizedName}==${p.version}`)),
  ];
  const pythons = input.pythonVersions;
  const after = createJudge({ ...input, constraints }).baseline();
  const needed = new Set(proposal.flatMap((p) => p.pythonVersions));
  const problems: string[] = [];
  for (const target of targetPythons(pythons)) {
    if (!needed.has(target.pythonVersion)) continue;
    const verdict = after.get(target.pythonVersion)!;
    if (verdict.kind === 'conflict') problems.push(`${verdict.reason} (Python ${target.pythonVersion})`);
    if (verdict.kind === 'bound')
      problems.push(`no answer within the bound (Python ${target.pythonVersion})`);
  }
  return { problems };
}
