/**
 * Why a pin with no target is not simply "up to date": the index does not list the pinned release (a wrong index,
 * or a page that is not the project's), or `enabled: false` (packageRules, the repository) holds back releases that
 * would otherwise be proposed. Pure: the project as read and the config.
 */
import type { RepoConfig, UpdateType } from '../config/schema.js';
import type { PinEntry } from '../constraints/types.js';
import { eligibleReleases } from '../policy/candidates.js';
import { rulesFor } from '../policy/package-rules.js';
import type { Project } from '../pypi/types.js';
import { compareVersions, isValidVersion } from '../versioning/pep440.js';

/** The reason a pin is Errored when the index does not list its release; undefined when it does. */
export function unlistedPinReason(project: Project, pin: PinEntry): string | undefined {
  if (project.releases.some((release) => isPinnedRelease(release.version, pin))) return undefined;
  const count = project.releases.length;
  return `the index lists no release ${pin.version} of ${pin.name} (${count} other release${count === 1 ? '' : 's'} listed): is the index URL right?`;
}

function isPinnedRelease(version: string, pin: PinEntry): boolean {
  if (version === pin.version) return true;
  // `===` is arbitrary (string) equality; `==` is PEP 440 equality (`1.0` is `1.0.0`).
  if (pin.operator === '===' || !isValidVersion(version) || !isValidVersion(pin.version)) return false;
  return compareVersions(version, pin.version) === 0;
}

const UPDATE_TYPES: UpdateType[] = ['major', 'minor', 'patch'];

/**
 * When `enabled: false` is what keeps a pin where it is: a detail naming the update types it holds back and the
 * newest release held; undefined when the pin would have no target anyway.
 */
export function disabledDetail(
  config: RepoConfig,
  normalizedName: string,
  current: string,
  project: Project,
  now: Date,
): string | undefined {
  const disabled = UPDATE_TYPES.filter((type) => !rulesFor(config, normalizedName, type).enabled);
  if (disabled.length === 0) return undefined;
  const held = eligibleReleases({
    current,
    releases: project.releases,
    pythonVersions: config.pingate.pythonVersions,
    separateMajorMinor: config.separateMajorMinor,
    now,
    rulesFor: (type) => ({ ...rulesFor(config, normalizedName, type), enabled: true }),
  }).filter((target) => disabled.includes(target.updateType));
  if (held.length === 0) return undefined;
  const newest = held.reduce((a, b) => (compareVersions(a.release.version, b.release.version) >= 0 ? a : b));
  const types = UPDATE_TYPES.filter((type) => held.some((target) => target.updateType === type));
  const where = config.enabled ? 'packageRules' : 'the configuration';
  return `enabled: false (${where}) for ${types.join('/')} updates; newest held back: ${newest.release.version}`;
}
