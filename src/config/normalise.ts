import type { z } from 'zod';
import { parseDuration } from './duration.js';
import { pythonVersionsOf } from './python-range.js';
import {
  type PackageRule,
  type PackageRuleInput,
  type PingateConfig,
  type PingateInput,
  type RepoConfig,
  RepoConfigInput,
  type ServedFile,
  type VulnerabilityAlerts,
} from './schema.js';

type RepoConfigOutput = z.output<typeof RepoConfigInput>;
type PingateOutput = z.output<typeof PingateInput>;
type PackageRuleOutput = z.output<typeof PackageRuleInput>;

/** `null` or `"0 days"` both mean no minimum; in a rule that still overrides an earlier minimum. */
function releaseAgeMs(text: string | null | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === null) return 0;
  return parseDuration(text) ?? 0;
}

function servedFiles(pingate: PingateOutput): ServedFile[] {
  const shared = {
    yamlFormat: pingate.yamlFormat,
    yamlKey: pingate.yamlKey,
    yamlVariable: pingate.yamlVariable,
  };
  if (!pingate.files) {
    return [{ constraintsFile: pingate.constraintsFile, yamlFile: pingate.yamlFile, ...shared }];
  }
  return pingate.files.map((file) => ({
    constraintsFile: file.constraintsFile,
    yamlFile: file.yamlFile,
    yamlFormat: file.yamlFormat ?? shared.yamlFormat,
    yamlKey: file.yamlKey ?? shared.yamlKey,
    yamlVariable: file.yamlVariable ?? shared.yamlVariable,
  }));
}

/** Which pingate keys the file (or a preset) set itself, as opposed to their defaults. */
export interface ExplicitKeys {
  pingate: readonly string[];
}

function normalisePingate(input: RepoConfigOutput, explicit: ExplicitKeys): PingateConfig {
  const { pingate } = input;
  const python = input.constraints?.python;
  const pythonVersions =
    pingate.pythonVersions.length === 0 && python ? (pythonVersionsOf(python) ?? []) : pingate.pythonVersions;
  const patterns = input.pip_requirements?.managerFilePatterns;
  const ownFiles = ['files', 'constraintsFile'].some((key) => explicit.pingate.includes(key));
  return {
    files: servedFiles(pingate),
    requiredJobs: pingate.requiredJobs,
    pythonVersions,
    checkConflicts: pingate.checkConflicts,
    ...(patterns && patterns.length > 0 && !ownFiles ? { filePatterns: patterns } : {}),
    includePaths: input.includePaths,
    ignorePaths: input.ignorePaths,
  };
}

/** Without `branchConcurrentLimit` (null) `prConcurrentLimit` applies; with both, the stricter (0: no limit). */
function concurrentLimit(pr: number, branch: number | null): number {
  if (branch === null || branch === 0) return pr;
  return pr === 0 ? branch : Math.min(pr, branch);
}

function normaliseRule(rule: PackageRuleOutput): PackageRule {
  const { description: _description, minimumReleaseAge, ...rest } = rule;
  const minimumReleaseAgeMs = releaseAgeMs(minimumReleaseAge);
  return minimumReleaseAgeMs === undefined ? rest : { ...rest, minimumReleaseAgeMs };
}

function normaliseVulnerabilityAlerts(input: RepoConfigOutput): VulnerabilityAlerts {
  const alerts = input.vulnerabilityAlerts;
  return {
    enabled: alerts.enabled,
    labels: [...new Set([...alerts.labels, ...alerts.addLabels])],
    assignees: alerts.assignees ?? input.assignees,
    reviewers: alerts.reviewers ?? input.reviewers,
    automerge: alerts.automerge ?? input.automerge,
    minimumReleaseAgeMs: releaseAgeMs(alerts.minimumReleaseAge) ?? 0,
  };
}

/** Validated renovate.json → the shape the rest of pingate reads. Expects values semantic.ts accepted. */
export function normaliseRepoConfig(
  input: RepoConfigOutput,
  explicit: ExplicitKeys = { pingate: [] },
): RepoConfig {
  const {
    $schema: _schema,
    extends: _extends,
    ignorePresets: _ignorePresets,
    constraints: _constraints,
    pip_requirements: _pip,
    ignorePaths: _ignorePaths,
    includePaths: _includePaths,
    branchConcurrentLimit,
    minimumReleaseAge,
    packageRules,
    pingate: _pingate,
    ...rest
  } = input;
  const minimumReleaseAgeMs = releaseAgeMs(minimumReleaseAge);
  return {
    ...rest,
    prConcurrentLimit: concurrentLimit(rest.prConcurrentLimit, branchConcurrentLimit),
    dependencyDashboardApproval: rest.dependencyDashboardApproval || rest.prCreation === 'approval',
    ...(minimumReleaseAgeMs ? { minimumReleaseAgeMs } : {}),
    packageRules: packageRules.map(normaliseRule),
    vulnerabilityAlerts: normaliseVulnerabilityAlerts(input),
    pingate: normalisePingate(input, explicit),
  };
}

/** The configuration of a repository without renovate.json. */
export function defaultRepoConfig(): RepoConfig {
  return normaliseRepoConfig(RepoConfigInput.parse({}));
}
