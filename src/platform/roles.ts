import type { Role } from './types.js';

/** Least to most: each role may do what the ones before it may. */
const ORDER: readonly Role[] = ['none', 'guest', 'reporter', 'developer', 'maintainer', 'owner'];

/** True when `role` is `least` or above. */
export function hasRole(role: Role | undefined, least: Role): boolean {
  return ORDER.indexOf(role ?? 'none') >= ORDER.indexOf(least);
}
