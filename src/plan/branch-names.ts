import { majorOf } from '../versioning/pep440.js';

/** `{prefix}{name}-{major}.x` (SPEC §6.3); `{prefix}{name}-{major}.{minor}.x` for a patch kept apart (separateMinorPatch). */
export function updateBranchName(
  prefix: string,
  normalizedName: string,
  to: string,
  minorSeries = false,
): string {
  if (minorSeries) {
    const minor = /^(?:\d+!)?\d+\.(\d+)/.exec(to)?.[1] ?? '0';
    return `${prefix}${normalizedName}-${majorOf(to)}.${minor}.x`;
  }
  return `${prefix}${normalizedName}-${majorOf(to)}.x`;
}

/** `{prefix}{group-slug}`; a group's major updates get their own `-major` branch when majors are separate. */
export function groupBranchName(prefix: string, groupName: string, major: boolean): string {
  return `${prefix}${slugify(groupName)}${major ? '-major' : ''}`;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function updateTitle(name: string, to: string): string {
  return `Update dependency ${name} to v${to}`;
}

/** Like Renovate, a group's major MR (majors kept apart) is told from its other MR by a ` (major)` suffix. */
export function groupTitle(groupName: string, major = false): string {
  return `Update group ${groupName}${major ? ' (major)' : ''}`;
}
