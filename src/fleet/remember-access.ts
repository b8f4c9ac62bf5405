import type { AccessCheck, Platform, ProjectRef } from '../platform/types.js';

/**
 * The platform, with each project's start-up check made once per run: the fleet resolves every project (to
 * learn its id, for the shard) before any pass starts, and the pass's own `assertAccess` then costs no read.
 * Projects listed by `--autodiscover` are `seed`ed with what the listing said. A failed check is remembered
 * too: the pass reports it without asking again.
 */
export interface RememberingPlatform extends Platform {
  seed(check: AccessCheck): void;
}

export function rememberAccess(platform: Platform): RememberingPlatform {
  const checks = new Map<string, Promise<AccessCheck>>();
  const keyOf = (project: ProjectRef) => String(project).toLowerCase();
  const remember = (check: AccessCheck) => {
    const answer = Promise.resolve(check);
    checks.set(keyOf(check.project.id), answer);
    checks.set(keyOf(check.project.path), answer);
  };
  return {
    // Every other method as it is (the platform is a plain object of functions).
    ...platform,
    assertAccess(project) {
      const known = checks.get(keyOf(project));
      if (known) return known;
      const pending = platform.assertAccess(project);
      checks.set(keyOf(project), pending);
      pending.then(remember, () => {});
      return pending;
    },
    seed: remember,
  };
}
