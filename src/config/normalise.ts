import type { z } from 'zod';
import { parseDuration } from './duration.js';
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

function normalisePingate(pingate: PingateOutput): PingateConfig {
  return {
    files: servedFiles(pingate),
    requiredJobs: pingate.requiredJobs,
    pythonVersions: pingate.pythonVersions,
    checkConflicts: pingate.checkConflicts,
  };
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
export function normaliseRepoConfig(input: RepoConfigOutput): RepoConfig {
  const { $schema: _schema, extends: _extends, minimumReleaseAge, packageRules, pingate, ...rest } = input;
  const minimumReleaseAgeMs = releaseAgeMs(minimumReleaseAge);
  return {
    ...rest,
    ...(minimumReleaseAgeMs ? { minimumReleaseAgeMs } : {}),
    packageRules: packageRules.map(normaliseRule),
    vulnerabilityAlerts: normaliseVulnerabilityAlerts(input),
    pingate: normalisePingate(pingate),
  };
}

/** The configuration of a repository without renovate.json. */
export function defaultRepoConfig(): RepoConfig {
  return normaliseRepoConfig(RepoConfigInput.parse({}));
}
