import { type PackageRule, type RepoConfig, RULE_SELECTORS, type UpdateType } from '../config/schema.js';
import { matchesAnyPackageName, matchesPackageName } from './name-match.js';
import { matchesCurrentVersion, matchesFileName, servesHere } from './rule-selectors.js';

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

/** What a rule may select on besides the name and update type; a selector whose fact is unknown does not match. */
export interface RuleContext {
  /** The served constraints file the pin is in. */
  file?: string;
  /** The pinned version. */
  currentVersion?: string;
}

/**
 * A rule applies when each selector it has matches (Renovate's AND across selectors). Without an update type
 * (choosing candidates, before the update type is known) a rule with `matchUpdateTypes` does not apply:
 * Renovate's lookup does the same. Rules about other managers, datasources, categories or dependency types
 * select nothing here.
 */
export function ruleMatches(
  rule: PackageRule,
  normalizedName: string,
  updateType?: UpdateType,
  context: RuleContext = {},
): boolean {
  const names = [rule.matchPackageNames, rule.matchDepNames];
  if (names.some((patterns) => patterns && !matchesAnyPackageName(patterns, normalizedName))) return false;
  if (rule.matchUpdateTypes && (updateType === undefined || !rule.matchUpdateTypes.includes(updateType))) {
    return false;
  }
  if (!servesHere(rule)) return false;
  if (
    rule.matchFileNames &&
    (context.file === undefined || !matchesFileName(rule.matchFileNames, context.file))
  ) {
    return false;
  }
  if (
    rule.matchCurrentVersion !== undefined &&
    (context.currentVersion === undefined ||
      !matchesCurrentVersion(rule.matchCurrentVersion, context.currentVersion))
  ) {
    return false;
  }
  return RULE_SELECTORS.some((key) => rule[key] !== undefined);
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
  context: RuleContext = {},
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
  let addLabels = config.addLabels;
  for (const rule of config.packageRules) {
    if (ruleMatches(rule, normalizedName, updateType, context)) {
      rules = applyRule(rules, rule);
      if (rule.addLabels) addLabels = [...addLabels, ...rule.addLabels];
    }
  }
  const enabled = config.enabled && rules.enabled && !isIgnoredPackage(config, normalizedName);
  // Renovate's addLabels add to whatever "labels" ended up being.
  return { ...rules, labels: [...new Set([...rules.labels, ...addLabels])], enabled };
}

function applyRule(rules: EffectiveRules, rule: PackageRule): EffectiveRules {
  const { minimumReleaseAgeMs, addLabels: _add, ...values } = rule;
  for (const key of RULE_SELECTORS) delete (values as Partial<PackageRule>)[key];
  const next: EffectiveRules = { ...rules, ...(values as Partial<EffectiveRules>) };
  if (minimumReleaseAgeMs !== undefined) {
    // 0 (`null` or "0 days" in the file) lifts an earlier minimum.
    delete next.minimumReleaseAgeMs;
    if (minimumReleaseAgeMs > 0) next.minimumReleaseAgeMs = minimumReleaseAgeMs;
  }
  return next;
}
