import type { PackageRule, RepoConfig, UpdateType } from '../config/schema.js';
import { matchesAnyPackageName, matchesPackageName } from './name-match.js';

/** What applies to one package (and update type) once `packageRules` are applied. */
export interface EffectiveRules {
  enabled: boolean;
  allowedVersions?: string;
  groupName?: string;
  automerge: boolean;
  schedule: string[];
  automergeSchedule: string[];
  minimumReleaseAgeMs?: number;
  dependencyDashboardApproval: boolean;
  ignoreUnstable: boolean;
  labels: string[];
}

/** `ignoreDeps`: exact names, /regex/ or globs, as in `matchPackageNames` (no `!`). */
export function isIgnoredPackage(config: RepoConfig, normalizedName: string): boolean {
  return config.ignoreDeps.some((pattern) => matchesPackageName(pattern, normalizedName));
}

/**
 * A rule applies when each selector it has matches. Without an update type (choosing candidates, before
 * the update type is known) a rule with `matchUpdateTypes` does not apply: Renovate's lookup does the same.
 */
export function ruleMatches(rule: PackageRule, normalizedName: string, updateType?: UpdateType): boolean {
  if (rule.matchPackageNames && !matchesAnyPackageName(rule.matchPackageNames, normalizedName)) {
    return false;
  }
  if (rule.matchUpdateTypes && (updateType === undefined || !rule.matchUpdateTypes.includes(updateType))) {
    return false;
  }
  return rule.matchPackageNames !== undefined || rule.matchUpdateTypes !== undefined;
}

/**
 * Top-level values, then every matching rule in order, a later rule overriding an earlier one key by key.
 * Lists (`labels`, `schedule`, `automergeSchedule`) are replaced, not merged, as Renovate does for these
 * keys. A disabled repository or an `ignoreDeps` package stays disabled whatever the rules say.
 */
export function rulesFor(
  config: RepoConfig,
  normalizedName: string,
  updateType?: UpdateType,
): EffectiveRules {
  let rules: EffectiveRules = {
    enabled: true,
    automerge: config.automerge,
    schedule: config.schedule,
    automergeSchedule: config.automergeSchedule,
    ...(config.minimumReleaseAgeMs ? { minimumReleaseAgeMs: config.minimumReleaseAgeMs } : {}),
    dependencyDashboardApproval: config.dependencyDashboardApproval,
    ignoreUnstable: config.ignoreUnstable,
    labels: config.labels,
  };
  for (const rule of config.packageRules) {
    if (ruleMatches(rule, normalizedName, updateType)) {
      rules = applyRule(rules, rule);
    }
  }
  const enabled = config.enabled && rules.enabled && !isIgnoredPackage(config, normalizedName);
  return { ...rules, enabled };
}

function applyRule(rules: EffectiveRules, rule: PackageRule): EffectiveRules {
  const { matchPackageNames: _names, matchUpdateTypes: _types, minimumReleaseAgeMs, ...values } = rule;
  const next: EffectiveRules = { ...rules, ...values };
  if (minimumReleaseAgeMs !== undefined) {
    // 0 (`null` or "0 days" in the file) lifts an earlier minimum.
    delete next.minimumReleaseAgeMs;
    if (minimumReleaseAgeMs > 0) next.minimumReleaseAgeMs = minimumReleaseAgeMs;
  }
  return next;
}
