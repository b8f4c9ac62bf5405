import { GLOBAL_ONLY, HOST_RULE_OPTIONS, MANAGERS } from './renovate-options.js';

/**
 * What pingate does with each Renovate option (SPEC §5): honoured (what it does here), or not applicable
 * (why). Keys not listed as honoured fall to `notApplicableReason`, which always has an answer for a key
 * Renovate documents. `validate --explain` and the README's table print these texts.
 */

export const HONOURED_TOP: Record<string, string> = {
  $schema: 'ignored: it only helps editors',
  description: 'free text for people; ignored',
  extends:
    "presets resolved: Renovate's built-in ones that matter here, and local>/gitlab> presets from GitLab",
  ignorePresets: 'presets listed here are skipped while resolving "extends"',
  enabled: 'false: pingate does nothing on this repository',
  schedule: 'when MRs may be created and branches updated',
  timezone: 'the zone of schedule and automergeSchedule',
  automerge: 'bot MRs are merged once the merge gate passes',
  automergeSchedule: 'when merging is allowed',
  prConcurrentLimit: 'open bot MRs at once; 0 = no limit',
  prHourlyLimit: 'bot MRs created per hour; 0 = no limit',
  branchConcurrentLimit:
    'bot branches at once (each has its MR): the stricter of it and prConcurrentLimit applies',
  minimumReleaseAge: 'younger releases wait (shown as pending)',
  ignoreUnstable: 'pre-releases only when the current pin is one',
  separateMajorMinor: 'a major update gets its own MR beside the newest non-major one',
  separateMinorPatch: 'a patch update gets its own MR beside the newest minor one',
  dependencyDashboard: 'keep the Dependency Dashboard issue',
  dependencyDashboardTitle: "the dashboard issue's title",
  dependencyDashboardLabels: "the dashboard issue's labels",
  dependencyDashboardApproval: 'every update waits for a ticked box on the dashboard',
  dependencyDashboardHeader: 'text placed first in the dashboard issue',
  dependencyDashboardFooter: 'text placed last in the dashboard issue',
  labels: 'set on every bot MR',
  addLabels: 'added to "labels" on every bot MR',
  assignees: 'assigned to every bot MR',
  reviewers: 'asked to review every bot MR',
  branchPrefix: 'prefix of the bot branches',
  ignoreDeps: 'packages never updated',
  includePaths:
    'when set, files the pip_requirements patterns find are served only when one of these paths or globs matches',
  ignorePaths:
    'files the pip_requirements patterns find under these globs or substrings are not served; files pingate.constraintsFile or pingate.files names are served as told (with a warning)',
  packageRules: 'applied in order; later rules override earlier ones',
  commitMessagePrefix: 'put before every commit message and MR title (replaces the semantic prefix)',
  semanticCommits:
    '"enabled": commit messages and MR titles start with "type(scope): "; "auto" and "disabled": they do not',
  semanticCommitType: 'the type of the semantic prefix (default "chore")',
  semanticCommitScope: 'the scope of the semantic prefix (default "deps"; null: none)',
  rebaseWhen:
    'an open bot MR is rebuilt on the new head: "behind-base-branch" whenever the default branch moved on; "conflicted" when its change no longer applies (GitLab reports a conflict, or the default branch changed the pin line it changes); "automerging": behind-base-branch when automerged, else never; "auto" (the default, SPEC §6.3): when the default branch changed a served constraints or yaml file, or the MR conflicts, and on every new head where GitLab needs a rebase to merge (Renovate also rebases every automerged MR on every commit there; pingate reruns no pipeline for a commit that changes nothing it serves); "never": only its ticked box',
  prCreation:
    '"approval": every update waits for a ticked box; "immediate" and the others: MRs open with their branch (the merge gate waits for the pipeline)',
  draftPR: 'bot MRs are opened as drafts; pingate never merges a draft: a person marks it ready',
  prBodyNotes: 'each note is added to every bot MR description',
  vulnerabilityAlerts: 'security MRs (SPEC §13)',
  osvVulnerabilityAlerts: 'pins are looked up in OSV',
  constraints: '"python" (a version such as "3.11" or ">=3.9") is pingate.pythonVersions when that is unset',
  pip_requirements:
    '"fileMatch" / "managerFilePatterns": when pingate.constraintsFile and pingate.files are unset, the repository files they match are the ones served; "enabled" never switches pingate off',
  major: 'read as a package rule for major updates',
  minor: 'read as a package rule for minor updates',
  patch: 'read as a package rule for patch updates',
  enabledManagers: 'read, but never switches pingate off: it decides what Renovate serves',
  pingate: "pingate's own keys",
};

export const HONOURED_RULE: Record<string, string> = {
  description: 'free text for people; ignored',
  matchPackageNames: 'exact names, globs and /regex/; "!" excludes',
  matchDepNames: 'as matchPackageNames (a pin has one name)',
  matchUpdateTypes: 'major, minor, patch (other types never happen here)',
  matchCurrentVersion: 'a PEP 440 range or /regex/ against the pinned version',
  matchFileNames: 'the served constraints file, exactly or by glob',
  matchManagers: 'a rule that does not list pip_requirements selects nothing here',
  matchDatasources: 'a rule that does not list pypi selects nothing here',
  matchDepTypes: 'pins have no dependency type: such a rule selects nothing here',
  matchCategories: 'a rule that does not list python selects nothing here',
  enabled: 'false: the selected packages are not updated',
  allowedVersions: 'a PEP 440 specifier or /regex/ the new version must satisfy',
  groupName: 'selected updates share one branch and MR',
  automerge: 'merge once gated (or not)',
  schedule: 'when these MRs may be created',
  automergeSchedule: 'when these MRs may be merged',
  minimumReleaseAge: 'younger releases wait',
  dependencyDashboardApproval: 'these updates wait for a ticked box',
  ignoreUnstable: 'pre-releases only when the current pin is one',
  labels: 'replace the labels set before this rule',
  addLabels: 'added to the labels',
};

const SPECIFIC_REASONS: Record<string, string> = {
  lockFileMaintenance: 'constraints.txt has no lock file to refresh: every pin is already exact',
  rangeStrategy: 'pingate updates exact pins only; ranges are kept as written',
  pinDigests: 'Python pins have no digests to pin (hashes are handled, SPEC §2.3)',
  customManagers: 'pingate reads constraints files itself; custom managers are for Renovate',
  regexManagers: 'pingate reads constraints files itself; custom managers are for Renovate',
  platformAutomerge: "pingate merges through its own merge gate, never GitLab's auto-merge",
  automergeType: 'pingate always merges an MR, after its own merge gate',
  automergeStrategy: "GitLab's project merge method applies",
  baseBranchPatterns: 'pingate serves the default branch only',
  baseBranches: 'pingate serves the default branch only',
  useBaseBranchConfig: 'pingate serves the default branch only',
  hostRules: 'the index and GitLab are configured by flags and environment (PIP_INDEX_URL, GITLAB_TOKEN)',
  registryUrls: 'the index is configured by --index-url / PIP_INDEX_URL, or an index URL in the file',
  postUpgradeTasks: 'pingate regenerates pipeline/constraints.yml itself and runs no commands',
  postUpdateOptions: 'pingate runs no package-manager commands',
  ignoreTests: 'pingate never merges without its merge gate',
  prBodyTemplate: 'pingate writes its own MR description (SPEC §6.3)',
  prTitle: 'pingate writes its own MR titles; use commitMessagePrefix or semanticCommits',
  commitMessage: 'pingate writes its own commit messages; use commitMessagePrefix or semanticCommits',
  branchName: 'pingate names branches itself; use branchPrefix',
  recreateWhen: 'pingate does not reopen an update a person closed until a newer release exists',
  separateMultipleMajor: 'pingate proposes the newest major only',
  separateMultipleMinor: 'pingate proposes the newest minor only',
  rollbackPrs: 'rollbacks are asked for on the dashboard (SPEC §9)',
  versioning: 'pins are PEP 440 versions',
  enabledManagers: 'it decides what Renovate serves; pingate keeps serving the constraints files',
  dependencyDashboardAutoclose: 'the dashboard stays open: it also holds the rollback and freeze boxes',
};

/** Why a known option does not apply; `parent` names the object it sits in, when not the top level. */
export function notApplicableReason(key: string, parent?: string): string {
  const specific = SPECIFIC_REASONS[key];
  if (specific) return specific;
  if (GLOBAL_ONLY.has(key)) return "it is a self-hosted Renovate's own (global) setting, not a repository's";
  if (key === 'pip_requirements' || key === 'pip-compile' || key === 'pipenv' || key === 'poetry') {
    return `it configures Renovate's ${key} manager; pingate serves the constraints files its own way`;
  }
  if (MANAGERS.has(key)) {
    return `it configures Renovate's ${key} manager: pingate serves Python constraints files only`;
  }
  if (HOST_RULE_OPTIONS.has(key)) return 'host rules are for Renovate; pingate is configured by environment';
  if (key.startsWith('match') || key.startsWith('exclude')) {
    return 'pingate cannot evaluate this selector: a rule with it selects nothing here';
  }
  if (
    key.startsWith('commitMessage') ||
    key.startsWith('prBody') ||
    key === 'prHeader' ||
    key === 'prFooter'
  ) {
    return 'pingate writes its own MR titles and descriptions';
  }
  if (key.startsWith('dependencyDashboard')) return "pingate's dashboard has no such part";
  if (parent) return `pingate does not apply "${key}" inside "${parent}"`;
  return 'a Renovate behaviour pingate does not have (it updates exact pins in constraints files only)';
}
