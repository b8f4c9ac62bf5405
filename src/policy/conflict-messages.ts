import { type ConflictIndex, requirementText } from './conflict-index.js';
import type { ConflictReason } from './conflict-types.js';
import type { Violation } from './conflict-violations.js';

/**
 * One reason per failing requirement, however many environments and lines it fails in; the Python versions
 * are named only when it fails on some of the configured ones and not on all.
 */
export function describeViolations(
  index: ConflictIndex,
  violations: readonly Violation[],
  file: string,
): ConflictReason[] {
  const groups = new Map<string, { first: Violation; envs: Set<number> }>();
  for (const violation of violations) {
    const key = [
      violation.direction,
      violation.requirer.normalizedName,
      violation.requirerVersion,
      requirementText(violation.requirement),
      violation.target.normalizedName,
      violation.targetVersion,
    ].join('\0');
    const group = groups.get(key);
    if (group) group.envs.add(violation.env);
    else groups.set(key, { first: violation, envs: new Set([violation.env]) });
  }
  return [...groups.values()].map(({ first, envs }) => toReason(index, first, envs, file));
}

function toReason(
  index: ConflictIndex,
  violation: Violation,
  envs: Set<number>,
  file: string,
): ConflictReason {
  const pythonVersions = index.explicitPythonVersions
    ? index.environments.filter((_, env) => envs.has(env)).map((e) => e.pythonVersion)
    : [];
  const partial = pythonVersions.length > 0 && pythonVersions.length < index.environments.length;
  const requirement = requirementText(violation.requirement);
  return {
    direction: violation.direction,
    requiredBy: violation.requirer.normalizedName,
    requiredByVersion: violation.requirerVersion,
    target: violation.target.normalizedName,
    targetVersion: violation.targetVersion,
    requirement,
    pythonVersions,
    message:
      sentence(violation, requirement, file) + (partial ? ` on Python ${joinVersions(pythonVersions)}` : ''),
  };
}

function sentence(violation: Violation, requirement: string, file: string): string {
  const { requirer, target } = violation;
  const pinned = violation.direction === 'reverse' ? ' (pinned)' : '';
  const needs = `${requirer.name} ${violation.requirerVersion}${pinned} needs ${requirement}`;
  return violation.targetMoved
    ? `${needs} but the update moves ${target.name} to ${violation.targetVersion}`
    : `${needs} but ${file} pins ${target.name}==${violation.targetVersion}`;
}

/** `3.9`, `3.8 and 3.9`, `3.8, 3.9 and 3.10`. */
function joinVersions(versions: readonly string[]): string {
  if (versions.length <= 1) return versions.join('');
  return `${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]}`;
}
