/**
 * Renovate's built-in presets that matter for pinned Python files, with the settings Renovate gives them
 * (its `lib/config/presets/internal`, read as facts). Presets whose settings are all about other ecosystems
 * (npm, Docker, GitHub Actions digests, lock files, range strategies) resolve to nothing here.
 */

type Preset = Record<string, unknown>;

const daily = ['* 0-3 * * *'];
const earlyMondays = ['* 0-3 * * 1'];
const monthly = ['* 0-3 1 * *'];
const nonOfficeHours = ['* 0-4,22-23 * * 1-5', '* * * * 0,6'];
const officeHours = ['* 8-17 * * 1-5'];
const quarterly = ['* * 1 */3 *'];
const weekdays = ['* * * * 1-5'];
const weekends = ['* * * * 0,6'];
const yearly = ['* * 1 */12 *'];

const SCHEDULES: Record<string, string[]> = {
  daily,
  earlyMondays,
  monthly,
  nonOfficeHours,
  officeHours,
  quarterly,
  weekdays,
  weekends,
  yearly,
};

function schedulePresets(): Record<string, Preset> {
  const presets: Record<string, Preset> = {
    'schedule:weekly': { extends: ['schedule:earlyMondays'] },
    'schedule:automergeWeekly': { extends: ['schedule:automergeEarlyMondays'] },
  };
  for (const [name, schedule] of Object.entries(SCHEDULES)) {
    presets[`schedule:${name}`] = { schedule };
    presets[`schedule:automerge${name[0]!.toUpperCase()}${name.slice(1)}`] = { automergeSchedule: schedule };
  }
  return presets;
}

/** Presets Renovate defines whose settings do not concern pinned Python files: known, and empty here. */
const NOTHING_HERE = [
  ':semanticPrefixFixDepsChoreOthers',
  'group:monorepos',
  'group:recommended',
  'group:allDigest',
  'mergeConfidence:age-confidence-badges',
  'mergeConfidence:all-badges',
  'replacements:all',
  'workarounds:all',
  'helpers:forgejoDigestChangelogs',
  'helpers:giteaDigestChangelogs',
  'helpers:githubDigestChangelogs',
  'helpers:gitlabDigestChangelogs',
  'helpers:goXPackagesChangelogLink',
  'helpers:goXPackagesNameLink',
  'helpers:pinGitHubActionDigests',
  'helpers:pinGitHubActionDigestsToSemver',
  'docker:pinDigests',
  'docker:disable',
  'docker:enableMajor',
  'abandonments:recommended',
  'security:minimumReleaseAgeNpm',
  ':configMigration',
  ':pinDevDependencies',
  ':pinDependencies',
  ':pinAllExceptPeerDependencies',
  ':pinOnlyDevDependencies',
  ':pinVersions',
  ':preserveSemverRanges',
  ':maintainLockFilesDisabled',
  ':maintainLockFilesWeekly',
  ':maintainLockFilesMonthly',
  ':noUnscheduledUpdates',
  ':updateNotScheduled',
  ':gitSignOff',
  ':enablePreCommit',
  ':docker',
  ':npm',
  ':gomod',
  ':meteor',
  ':ignoreModulesAndTests-nuget',
  ':disableDigestUpdates',
  ':automergeDigest',
  ':automergeBranch',
  ':automergePr',
  ':automergeRequireAllStatusChecks',
  ':skipStatusChecks',
  ':rebaseStalePrs',
  ':respectLatest',
  ':widenPeerDependencies',
  ':disablePeerDependencies',
  ':disableDevDependencies',
  ':separateMultipleMinorReleases',
  ':skipArtifactsUpdate',
  ':disablePrControls',
];

const BUILT_IN: Record<string, Preset> = {
  'config:recommended': {
    extends: [
      ':dependencyDashboard',
      ':semanticPrefixFixDepsChoreOthers',
      ':ignoreModulesAndTests',
      'group:monorepos',
      'group:recommended',
      'replacements:all',
      'workarounds:all',
    ],
  },
  'config:best-practices': {
    extends: [
      'config:recommended',
      'docker:pinDigests',
      'helpers:pinGitHubActionDigests',
      ':configMigration',
    ],
  },
  'config:js-app': { extends: ['config:recommended'] },
  'config:js-lib': { extends: ['config:recommended'] },
  'config:semverAllMonthly': { extends: ['group:all', 'schedule:monthly'], separateMajorMinor: false },
  'config:semverAllWeekly': { extends: ['group:all', 'schedule:weekly'], separateMajorMinor: false },
  ':approveMajorUpdates': {
    packageRules: [{ matchUpdateTypes: ['major'], dependencyDashboardApproval: true }],
  },
  ':assignee': { assignees: ['{{arg0}}'] },
  ':reviewer': { reviewers: ['{{arg0}}'] },
  ':assignAndReview': { extends: [':assignee({{arg0}})', ':reviewer({{arg0}})'] },
  ':automergeAll': { automerge: true },
  ':automergeMajor': { automerge: true },
  ':automergeDisabled': { automerge: false },
  ':automergeMinor': { minor: { automerge: true }, patch: { automerge: true } },
  ':automergePatch': { patch: { automerge: true }, separateMinorPatch: true },
  ':automergeStableNonMajor': {
    packageRules: [{ matchCurrentVersion: '!/^0/', matchUpdateTypes: ['minor', 'patch'], automerge: true }],
  },
  ':combinePatchMinorReleases': { separateMinorPatch: false },
  ':dependencyDashboard': { dependencyDashboard: true },
  ':disableDependencyDashboard': { dependencyDashboard: false },
  ':dependencyDashboardApproval': { dependencyDashboardApproval: true },
  ':disableMajorUpdates': { major: { enabled: false } },
  ':disableRateLimiting': { prConcurrentLimit: 0, prHourlyLimit: 0 },
  ':disableRenovate': { enabled: false },
  ':enableRenovate': { enabled: true },
  ':disableVulnerabilityAlerts': { vulnerabilityAlerts: { enabled: false } },
  ':enableVulnerabilityAlerts': { vulnerabilityAlerts: { enabled: true } },
  ':enableVulnerabilityAlertsWithLabel': { vulnerabilityAlerts: { enabled: true, labels: ['{{arg0}}'] } },
  ':enableVulnerabilityAlertsWithAdditionalLabel': {
    vulnerabilityAlerts: { enabled: true, addLabels: ['{{arg0}}'] },
  },
  ':ignoreModulesAndTests': {
    ignorePaths: [
      '**/node_modules/**',
      '**/bower_components/**',
      '**/vendor/**',
      '**/examples/**',
      '**/__tests__/**',
      '**/test/**',
      '**/tests/**',
      '**/__fixtures__/**',
    ],
  },
  ':includeNodeModules': { ignorePaths: [] },
  ':ignoreUnstable': { ignoreUnstable: true },
  ':label': { labels: ['{{arg0}}'] },
  ':labels': { labels: ['{{arg0}}', '{{arg1}}'] },
  ':prConcurrentLimit10': { prConcurrentLimit: 10 },
  ':prConcurrentLimit20': { prConcurrentLimit: 20 },
  ':prConcurrentLimitNone': { prConcurrentLimit: 0 },
  ':prHourlyLimit1': { prHourlyLimit: 1 },
  ':prHourlyLimit2': { prHourlyLimit: 2 },
  ':prHourlyLimit4': { prHourlyLimit: 4 },
  ':prHourlyLimitNone': { prHourlyLimit: 0 },
  ':prImmediately': { prCreation: 'immediate' },
  ':prNotPending': { prCreation: 'not-pending' },
  ':renovatePrefix': { branchPrefix: 'renovate/' },
  ':semanticCommits': { semanticCommits: 'enabled' },
  ':semanticCommitsDisabled': { semanticCommits: 'disabled' },
  ':semanticCommitScope': { semanticCommitScope: '{{arg0}}' },
  ':semanticCommitScopeDisabled': { semanticCommitScope: null },
  ':semanticCommitType': { semanticCommitType: '{{arg0}}' },
  ':semanticPrefixChore': { extends: [':semanticCommitType(chore)'] },
  ':semanticPrefixFix': { extends: [':semanticCommitType(fix)'] },
  ':separateMajorReleases': { separateMajorMinor: true },
  ':separateMultipleMajorReleases': { separateMajorMinor: true },
  ':separatePatchReleases': { separateMinorPatch: true },
  ':timezone': { timezone: '{{arg0}}' },
  'group:all': {
    separateMajorMinor: false,
    packageRules: [{ matchPackageNames: ['*'], groupName: 'all dependencies' }],
  },
  'group:allNonMajor': {
    packageRules: [
      {
        matchPackageNames: ['*'],
        matchUpdateTypes: ['minor', 'patch'],
        groupName: 'all non-major dependencies',
      },
    ],
  },
  ...schedulePresets(),
  ...Object.fromEntries(NOTHING_HERE.map((name) => [name, {}])),
};

/** The first part of a built-in preset's name, before the colon (`:x` is `default:x`). */
const BUILT_IN_NAMESPACES = new Set([
  '',
  'default',
  'config',
  'schedule',
  'group',
  'helpers',
  'docker',
  'replacements',
  'workarounds',
  'mergeConfidence',
  'abandonments',
  'security',
  'customManagers',
  'regexManagers',
  'npm',
  'packages',
  'monorepo',
  'preview',
  'compatibility',
  'global',
]);

export type BuiltInLookup =
  | { kind: 'preset'; preset: Preset; empty: boolean }
  | { kind: 'unknown-built-in' }
  | { kind: 'not-built-in' };

/** Splits `:label(x, y)` into the name and its arguments. */
export function presetArguments(entry: string): { name: string; args: string[] } {
  const match = /^([^(]+)\((.*)\)$/.exec(entry.trim());
  if (!match) return { name: entry.trim(), args: [] };
  return { name: match[1]!, args: match[2]!.split(',').map((arg) => arg.trim()) };
}

function substitute(value: unknown, args: string[]): unknown {
  if (typeof value === 'string')
    return value.replace(/\{\{arg(\d)\}\}/g, (_, index) => args[Number(index)] ?? '');
  if (Array.isArray(value)) return value.map((item) => substitute(item, args));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, args)]));
  }
  return value;
}

export function builtInPreset(entry: string): BuiltInLookup {
  const { name: raw, args } = presetArguments(entry);
  const name = raw.startsWith('default:') ? `:${raw.slice('default:'.length)}` : raw;
  const preset = BUILT_IN[name];
  if (preset) {
    return {
      kind: 'preset',
      preset: substitute(preset, args) as Preset,
      empty: Object.keys(preset).length === 0,
    };
  }
  const colon = name.indexOf(':');
  if (colon >= 0 && BUILT_IN_NAMESPACES.has(name.slice(0, colon)) && !name.includes('>')) {
    return { kind: 'unknown-built-in' };
  }
  return { kind: 'not-built-in' };
}
