import type { UpdateType } from '../plan/types.js';
import type { Release } from '../pypi/types.js';
import {
  compareVersions,
  isPrerelease,
  isValidSpecifier,
  isValidVersion,
  localOf,
  satisfiesSpecifier,
  updateType as updateTypeOf,
} from '../versioning/pep440.js';
import type { EffectiveRules } from './package-rules.js';
import { releaseAgeStatus } from './release-age.js';

/** A release an update may move to, with the rules that apply to that move. */
export interface Target {
  release: Release;
  updateType: UpdateType;
  rules: EffectiveRules;
}

/** The outcome for one bucket (major, or everything else) of one pin. */
export type BucketChoice =
  | { kind: 'target'; target: Target }
  /** `eligibleAt` is absent when the index gives no upload time: the release waits until it does. */
  | { kind: 'pending'; eligibleAt?: Date; newest: Target };

export interface CandidateInput {
  current: string;
  releases: Release[];
  pythonVersions: string[];
  separateMajorMinor: boolean;
  /** A patch update gets its own bucket beside the newest minor one. */
  separateMinorPatch?: boolean;
  now: Date;
  rulesFor: (updateType: UpdateType) => EffectiveRules;
}

/**
 * SPEC §6.1: the releases a pin may move to, newest eligible per bucket. A bucket whose every candidate is
 * younger than `minimumReleaseAge` is pending until the first of them comes of age.
 */
export function chooseTargets(input: CandidateInput): BucketChoice[] {
  const candidates = eligibleReleases(input);
  const buckets = new Map<string, Target[]>();
  for (const target of candidates) {
    buckets.set(bucketOf(input, target), [...(buckets.get(bucketOf(input, target)) ?? []), target]);
  }
  const choices: BucketChoice[] = [];
  for (const key of ['patch', 'other', 'major']) {
    const bucket = buckets.get(key);
    if (bucket) choices.push(chooseInBucket(bucket, input.now));
  }
  return choices;
}

function bucketOf(input: CandidateInput, target: Target): string {
  if (input.separateMajorMinor && target.updateType === 'major') return 'major';
  if (input.separateMinorPatch && target.updateType === 'patch') return 'patch';
  return 'other';
}

function chooseInBucket(bucket: Target[], now: Date): BucketChoice {
  const newestFirst = [...bucket].sort((a, b) => compareVersions(b.release.version, a.release.version));
  let earliest: Date | undefined;
  for (const target of newestFirst) {
    const age = releaseAgeStatus(target.release.uploadTime, target.rules.minimumReleaseAgeMs, now);
    if (age.eligible) return { kind: 'target', target };
    if (age.eligibleAt && (!earliest || age.eligibleAt < earliest)) earliest = age.eligibleAt;
  }
  // Nothing old enough: wait for the first release to come of age (or indefinitely, without an upload time).
  return { kind: 'pending', ...(earliest ? { eligibleAt: earliest } : {}), newest: newestFirst[0]! };
}

/** Every release newer than the pin that passes the filters of §6.1 other than age. */
export function eligibleReleases(input: CandidateInput): Target[] {
  const { current } = input;
  const targets: Target[] = [];
  // Rules depend only on the update type: resolve each type once, not once per release.
  const rulesByType = new Map<UpdateType, EffectiveRules>();
  const rulesFor = (type: UpdateType) => {
    let rules = rulesByType.get(type);
    if (!rules) {
      rules = input.rulesFor(type);
      rulesByType.set(type, rules);
    }
    return rules;
  };
  for (const release of input.releases) {
    const { version } = release;
    if (!isValidVersion(version) || compareVersions(version, current) <= 0) continue;
    if (release.yanked || release.files.length === 0) continue;
    if (!keepsLocalLabel(current, version)) continue;
    const updateType = updateTypeOf(current, version);
    const rules = rulesFor(updateType);
    if (!rules.enabled) continue;
    if (rules.ignoreUnstable && isPrerelease(version) && !isPrerelease(current)) continue;
    if (rules.allowedVersions && !isAllowed(version, rules.allowedVersions)) continue;
    if (!supportsPythons(release.requiresPython, input.pythonVersions)) continue;
    targets.push({ release, updateType, rules });
  }
  return targets;
}

/**
 * A local version (`+cpu`) is never replaced by one without it, and a plain pin never gains one. Labels are
 * compared in PEP 440 normal form (`+CPU_1` is `+cpu.1`), as indexes list them normalised.
 */
function keepsLocalLabel(current: string, candidate: string): boolean {
  return normalLocal(current) === normalLocal(candidate);
}

function normalLocal(version: string): string | undefined {
  return localOf(version)?.toLowerCase().replace(/[-_]/g, '.');
}

/** `allowedVersions`: a PEP 440 specifier, or `/regex/flags` tested against the version text. */
export function isAllowed(version: string, allowed: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/.exec(allowed);
  if (regex) return new RegExp(regex[1]!, regex[2]).test(version);
  return satisfiesSpecifier(version, allowed);
}

/**
 * `requires_python` must admit every configured Python version. Like pip, an unparseable value is ignored
 * rather than treated as "excludes everything".
 */
export function supportsPythons(requiresPython: string | undefined, pythonVersions: string[]): boolean {
  if (!requiresPython?.trim() || pythonVersions.length === 0) return true;
  // Thousands of releases share a handful of requires_python values: answer each pair once.
  const key = `${requiresPython}\0${pythonVersions.join(',')}`;
  let answer = pythonSupport.get(key);
  if (answer === undefined) {
    answer =
      !isValidSpecifier(requiresPython) ||
      pythonVersions.every((python) => satisfiesSpecifier(python, requiresPython));
    if (pythonSupport.size > 10_000) pythonSupport.clear();
    pythonSupport.set(key, answer);
  }
  return answer;
}

const pythonSupport = new Map<string, boolean>();
