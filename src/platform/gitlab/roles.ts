import type { Role } from '../types.js';

/** GitLab's access levels (Developer is 30), as its API reports them. */
export const DEVELOPER_ACCESS = 30;

/** The least level of each role: Minimal Access (5) reads as none, Planner (15) as guest. */
const LEVELS: readonly [number, Role][] = [
  [50, 'owner'],
  [40, 'maintainer'],
  [DEVELOPER_ACCESS, 'developer'],
  [20, 'reporter'],
  [10, 'guest'],
];

/** An access level to a role; an unknown level counts as the role below it (none below Guest). */
export function roleOf(accessLevel: number | undefined): Role {
  if (accessLevel === undefined) return 'none';
  return LEVELS.find(([least]) => accessLevel >= least)?.[1] ?? 'none';
}
