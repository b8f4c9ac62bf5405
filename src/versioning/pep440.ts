/**
 * PEP 440 through @renovatebot/pep440 4.2, wrapped so its sharp edges stay here:
 * it throws on invalid versions, has no `isPrerelease`, and leaves pre-releases out of ranges.
 */
import { compare, explain, satisfies as pep440Satisfies, valid, validRange } from '@renovatebot/pep440';

export type UpdateType = 'major' | 'minor' | 'patch';

export function isValidVersion(version: string): boolean {
  return valid(version) !== null;
}

/** Negative, zero or positive like `Array.prototype.sort` wants. Throws a TypeError on an invalid version. */
export function compareVersions(a: string, b: string): number {
  assertValid(a);
  assertValid(b);
  return Math.sign(compare(a, b));
}

/** True for pre-releases and dev releases (`2.0b1`, `2.0.dev3`), as in `packaging`. False when invalid. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? false;
}

/** `''` (no constraint) is valid; so are `>=1.0,<2`, `==1.*`, `~=1.4.2`, `===foo`. */
export function isValidSpecifier(specifier: string): boolean {
  return validRange(specifier);
}

/**
 * Whether `version` is inside `specifier`. False on an invalid version or specifier.
 * A pre-release counts when it is inside the range (`2.0b1` satisfies `>=1.0`), which is what pip does for a
 * requirement once pre-releases are in play; deciding whether pre-releases are wanted at all is the caller's job.
 */
export function satisfiesSpecifier(version: string, specifier: string): boolean {
  if (!isValidVersion(version) || !isValidSpecifier(specifier)) {
    return false;
  }
  return pep440Satisfies(version, specifier, { prereleases: true });
}

/**
 * Renovate's pep440 versioning: major is the first release segment, minor the second, the rest is a patch.
 * An epoch change is a major update. Throws a TypeError on an invalid version.
 */
export function updateType(from: string, to: string): UpdateType {
  const a = explainOrThrow(from);
  const b = explainOrThrow(to);
  if (a.epoch !== b.epoch || a.release[0] !== b.release[0]) {
    return 'major';
  }
  if ((a.release[1] ?? 0) !== (b.release[1] ?? 0)) {
    return 'minor';
  }
  return 'patch';
}

/** The first release segment (`2` for `1!2.3`). Throws a TypeError on an invalid version. */
export function majorOf(version: string): number {
  return explainOrThrow(version).release[0] ?? 0;
}

/** The local label as written (`cpu.1` for `2.1.0+cpu.1`), or undefined. */
export function localOf(version: string): string | undefined {
  if (!isValidVersion(version)) {
    return undefined;
  }
  const plus = version.indexOf('+');
  return plus === -1 ? undefined : version.slice(plus + 1);
}

function explainOrThrow(version: string): NonNullable<ReturnType<typeof explain>> {
  const explained = explain(version);
  if (!explained) {
    throw new TypeError(`not a PEP 440 version: ${JSON.stringify(version)}`);
  }
  return explained;
}

function assertValid(version: string): void {
  if (!isValidVersion(version)) {
    throw new TypeError(`not a PEP 440 version: ${JSON.stringify(version)}`);
  }
}
