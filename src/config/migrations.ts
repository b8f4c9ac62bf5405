/**
 * Renovate's old option names, read as their new ones (Renovate migrates them the same way). A migration
 * gives the new key and the value in the new key's terms; `undefined` means the old value has the wrong type
 * (the caller reports it).
 */

export interface Migration {
  to: string;
  /** What the old value becomes; list-valued targets are appended to when the new key is there too. */
  value: (old: unknown) => unknown;
  /** What the old value must be, for the error when it is not. */
  expected: string;
}

const same = (old: unknown) => old;
const stringList = (map: (item: string) => string) => (old: unknown) => {
  const list = typeof old === 'string' ? [old] : old;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return undefined;
  return list.map(map);
};
const STRINGS = 'a string or a list of strings';

/** Renovate's `matchPackagePatterns` entries were regexes; `*` meant everything. */
function asRegex(pattern: string): string {
  return pattern === '*' || pattern === '^*$' ? '*' : `/${pattern}/`;
}

const listOf = (to: string, map: (item: string) => string = (item) => item): Migration => ({
  to,
  value: stringList(map),
  expected: STRINGS,
});
const renamed = (to: string, expected = 'a value of the new option'): Migration => ({
  to,
  value: same,
  expected,
});

export const TOP_MIGRATIONS: Record<string, Migration> = {
  stabilityDays: {
    to: 'minimumReleaseAge',
    value: (old) =>
      Number.isInteger(old) && (old as number) >= 0
        ? (old as number) === 0
          ? null
          : `${old} day${old === 1 ? '' : 's'}`
        : undefined,
    expected: 'a whole number of days',
  },
  masterIssue: renamed('dependencyDashboard'),
  masterIssueApproval: renamed('dependencyDashboardApproval'),
  masterIssueTitle: renamed('dependencyDashboardTitle'),
  masterIssueHeader: renamed('dependencyDashboardHeader'),
  masterIssueFooter: renamed('dependencyDashboardFooter'),
  masterIssueAutoclose: renamed('dependencyDashboardAutoclose'),
  masterIssueLabels: renamed('dependencyDashboardLabels'),
  separateMajorReleases: renamed('separateMajorMinor'),
  separatePatchReleases: renamed('separateMinorPatch'),
  rebaseStalePrs: {
    to: 'rebaseWhen',
    value: (old) => (typeof old === 'boolean' ? (old ? 'behind-base-branch' : 'conflicted') : undefined),
    expected: 'true or false',
  },
  rebaseConflictedPrs: {
    to: 'rebaseWhen',
    value: (old) => (old === false ? 'never' : old === true ? 'conflicted' : undefined),
    expected: 'true or false',
  },
  baseBranches: renamed('baseBranchPatterns'),
  regexManagers: renamed('customManagers'),
  recreateClosed: {
    to: 'recreateWhen',
    value: (old) => (typeof old === 'boolean' ? (old ? 'always' : 'auto') : undefined),
    expected: 'true or false',
  },
};

export const RULE_MIGRATIONS: Record<string, Migration> = {
  stabilityDays: TOP_MIGRATIONS['stabilityDays']!,
  packageName: listOf('matchPackageNames'),
  packageNames: listOf('matchPackageNames'),
  packagePatterns: listOf('matchPackageNames', asRegex),
  matchPackagePatterns: listOf('matchPackageNames', asRegex),
  matchPackagePrefixes: listOf('matchPackageNames', (prefix) => `${prefix}*`),
  excludePackageNames: listOf('matchPackageNames', (name) => `!${name}`),
  excludePackagePatterns: listOf('matchPackageNames', (pattern) => `!${asRegex(pattern)}`),
  excludePackagePrefixes: listOf('matchPackageNames', (prefix) => `!${prefix}*`),
  depNames: listOf('matchDepNames'),
  matchDepPatterns: listOf('matchDepNames', asRegex),
  matchDepPrefixes: listOf('matchDepNames', (prefix) => `${prefix}*`),
  excludeDepNames: listOf('matchDepNames', (name) => `!${name}`),
  excludeDepPatterns: listOf('matchDepNames', (pattern) => `!${asRegex(pattern)}`),
  excludeDepPrefixes: listOf('matchDepNames', (prefix) => `!${prefix}*`),
  depTypeList: listOf('matchDepTypes'),
  updateTypes: listOf('matchUpdateTypes'),
  managers: listOf('matchManagers'),
  datasources: listOf('matchDatasources'),
  languages: listOf('matchCategories'),
  matchLanguages: listOf('matchCategories'),
  paths: listOf('matchFileNames'),
  matchPaths: listOf('matchFileNames'),
  matchFiles: listOf('matchFileNames'),
  matchSourceUrlPrefixes: listOf('matchSourceUrls', (prefix) => `${prefix}**`),
};

export const MANAGER_MIGRATIONS: Record<string, Migration> = {
  fileMatch: listOf('managerFilePatterns', (pattern) => `/${pattern}/`),
};

/** Built-in presets Renovate renamed. */
export const PRESET_MIGRATIONS: Record<string, string> = {
  'config:base': 'config:recommended',
  ':base': 'config:recommended',
  ':app': 'config:js-app',
  ':library': 'config:js-lib',
  ':masterIssue': ':dependencyDashboard',
  ':masterIssueApproval': ':dependencyDashboardApproval',
  'default:base': 'config:recommended',
};
