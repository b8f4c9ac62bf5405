import { z } from 'zod';
import { UPDATE_TYPES, type UpdateType as VersionUpdateType } from '../versioning/pep440.js';
import { DEFAULT_BRANCH_PREFIX, DEFAULT_DASHBOARD_TITLE } from './defaults.js';

/**
 * renovate.json (SPEC §5). Strict: an unknown key anywhere is an error. Each leaf's `error` text says what
 * is allowed; load.ts turns it into `"key" must be <that>, found <value>`. Keys Renovate also has mean what
 * they mean in Renovate; pingate's own keys sit under `pingate`.
 */

function flag(description: string, fallback: boolean) {
  return z.boolean({ error: 'true or false' }).default(fallback).describe(description);
}

function wholeNumber(description: string, fallback: number) {
  const expected = 'a whole number >= 0';
  return z.int({ error: expected }).min(0, { error: expected }).default(fallback).describe(description);
}

function text(example: string) {
  return z
    .string({ error: `a string, e.g. ${example}` })
    .min(1, { error: `a non-empty string, e.g. ${example}` });
}

function textList(example: string) {
  return z.array(z.string({ error: 'a string' }), { error: `a list of strings, e.g. ${example}` });
}

const scheduleList = () =>
  textList('["every weekend"]').describe(
    'Renovate schedule texts ("every weekend", "before 6am on monday") or 5-field cron ("* * * * 0,6"), ORed',
  );

const releaseAge = () =>
  z
    .string({ error: 'a duration such as "3 days" (or null for none)' })
    .nullable()
    .describe('Releases younger than this wait, e.g. "3 days", "12 hours", "1 week"; null for none');

export const UpdateType = z.enum(UPDATE_TYPES, {
  error: `one of ${UPDATE_TYPES.map((t) => `"${t}"`).join(', ')}`,
});
export type UpdateType = VersionUpdateType;

/** Renovate's update types; those other than major/minor/patch never happen to a pin, so never match. */
const RENOVATE_UPDATE_TYPES = [
  'major',
  'minor',
  'patch',
  'pin',
  'pinDigest',
  'digest',
  'lockFileMaintenance',
  'rollback',
  'bump',
  'replacement',
] as const;
const RuleUpdateType = z.enum(RENOVATE_UPDATE_TYPES, {
  error: `one of ${RENOVATE_UPDATE_TYPES.map((type) => `"${type}"`).join(', ')}`,
});

function selector(example: string, description: string) {
  return textList(example)
    .min(1, { error: `a non-empty list, e.g. ${example}` })
    .optional()
    .describe(description);
}

export const YamlFormat = z.enum(['gitlab-ci', 'list'], { error: 'one of "gitlab-ci", "list"' });
export type YamlFormat = z.infer<typeof YamlFormat>;

const objectError = { error: 'an object' };

export const PackageRuleInput = z.strictObject(
  {
    description: z.string({ error: 'a string' }).optional().describe('Free text for people; ignored'),
    matchPackageNames: textList('["boto3", "/^types-/", "django-*"]')
      .min(1, { error: 'a non-empty list of names, /regex/ or globs' })
      .optional()
      .describe('Exact names (PEP 503 normalised), /regex/ or globs with * and ?; "!" in front excludes'),
    matchUpdateTypes: z
      .array(RuleUpdateType, { error: 'a list of "major", "minor", "patch"' })
      .min(1, { error: 'a non-empty list of "major", "minor", "patch"' })
      .optional(),
    matchDepNames: selector('["boto3"]', 'As matchPackageNames (a pin has one name)'),
    matchCurrentVersion: text('"<2.0"')
      .optional()
      .describe('A PEP 440 range or /regex/ (a leading "!" negates) the pinned version must match'),
    matchFileNames: selector('["constraints.txt"]', 'Served constraints files, exactly or by glob'),
    matchManagers: selector('["pip_requirements"]', 'Applies here only when it lists pip_requirements'),
    matchDatasources: selector('["pypi"]', 'Applies here only when it lists pypi'),
    matchDepTypes: selector('["dependencies"]', 'Pins have no dependency type: never applies here'),
    matchCategories: selector('["python"]', 'Applies here only when it lists python'),
    enabled: z.boolean({ error: 'true or false' }).optional(),
    allowedVersions: text('"<2.0"').optional().describe('A PEP 440 specifier ("<2.0") or a /regex/'),
    groupName: text('"boto"').optional().describe('Updates with the same group name share one branch and MR'),
    automerge: z.boolean({ error: 'true or false' }).optional(),
    schedule: scheduleList().optional(),
    automergeSchedule: scheduleList().optional(),
    minimumReleaseAge: releaseAge().optional(),
    dependencyDashboardApproval: z.boolean({ error: 'true or false' }).optional(),
    ignoreUnstable: z.boolean({ error: 'true or false' }).optional(),
    labels: textList('["dependencies"]').optional().describe('Replaces the labels set before this rule'),
    addLabels: textList('["python"]').optional().describe('Added to the labels'),
  },
  objectError,
);
export type PackageRuleInput = z.input<typeof PackageRuleInput>;

export const ServedFileInput = z.strictObject(
  {
    constraintsFile: text('"constraints.txt"'),
    yamlFile: text('"pipeline/constraints.yml"'),
    yamlFormat: YamlFormat.optional().describe('Defaults to pingate.yamlFormat'),
    yamlKey: text('".pip-constraints"').optional().describe('Defaults to pingate.yamlKey'),
    yamlVariable: text('"PIP_CONSTRAINTS"').optional().describe('Defaults to pingate.yamlVariable'),
  },
  objectError,
);
export type ServedFileInput = z.input<typeof ServedFileInput>;

const pythonVersion = z
  .string({ error: 'a Python version like "3.12"' })
  .regex(/^\d+\.\d+$/, { error: 'a Python version like "3.12"' });

export const PingateInput = z.strictObject(
  {
    constraintsFile: text('"constraints.txt"').default('constraints.txt'),
    yamlFile: text('"pipeline/constraints.yml"').default('pipeline/constraints.yml'),
    yamlFormat: YamlFormat.default('gitlab-ci'),
    yamlKey: text('".pip-constraints"')
      .default('.pip-constraints')
      .describe('Hidden CI key of the yaml file'),
    yamlVariable: text('"PIP_CONSTRAINTS"').default('PIP_CONSTRAINTS'),
    files: z
      .array(ServedFileInput, { error: 'a list of {"constraintsFile", "yamlFile"} objects' })
      .min(1, { error: 'a non-empty list of {"constraintsFile", "yamlFile"} objects' })
      .optional()
      .describe('Several constraints/yaml pairs; replaces constraintsFile and yamlFile'),
    requiredJobs: textList('["/^test-install/"]')
      .default([])
      .describe('Pipeline job names or /regex/ that are the installation tests; empty: the whole pipeline'),
    pythonVersions: z
      .array(pythonVersion, {
        error: 'a list of Python versions, e.g. ["3.9", "3.12"]',
      })
      .default([])
      .describe('Python versions the pins must work on'),
    checkConflicts: flag('Refuse updates pip could not install with the other pins', true),
  },
  objectError,
);
export type PingateInput = z.input<typeof PingateInput>;

/** Renovate's `vulnerabilityAlerts`: how pingate treats a pin whose current release has a known advisory (SPEC §13). */
export const VulnerabilityAlertsInput = z.strictObject(
  {
    enabled: flag(
      'Look pins up for known vulnerabilities and open security MRs; false turns every source off',
      true,
    ),
    labels: textList('["security"]')
      .default(['security'])
      .describe('Labels of a security MR; replace the top-level "labels"'),
    addLabels: textList('["urgent"]').default([]).describe('Added to "labels" on a security MR'),
    assignees: textList('["alice"]')
      .optional()
      .describe('Usernames assigned to a security MR; default: "assignees"'),
    reviewers: textList('["bob"]')
      .optional()
      .describe('Usernames asked to review a security MR; default: "reviewers"'),
    automerge: z
      .boolean({ error: 'true or false' })
      .optional()
      .describe('Merge a security MR once the merge gate passes; default: "automerge"'),
    minimumReleaseAge: releaseAge()
      .optional()
      .describe('Fixing releases younger than this wait; default none: a fix is proposed at once'),
  },
  objectError,
);
export type VulnerabilityAlertsInput = z.input<typeof VulnerabilityAlertsInput>;

export const RepoConfigInput = z.strictObject(
  {
    $schema: z.string({ error: 'a string' }).optional(),
    extends: textList('["config:recommended"]')
      .optional()
      .describe("Presets: Renovate's built-in ones that matter here, local>/gitlab> presets from GitLab"),
    ignorePresets: textList('[":dependencyDashboard"]').optional().describe('Presets skipped in "extends"'),
    enabled: flag('Whether pingate acts on this repository', true),
    schedule: scheduleList()
      .default(['every weekend'])
      .describe('When MRs may be created and branches updated'),
    timezone: text('"Europe/Prague"').default('UTC').describe('IANA zone of schedule and automergeSchedule'),
    automerge: flag('Merge bot MRs once the merge gate passes', true),
    automergeSchedule: scheduleList().default(['at any time']).describe('When merging is allowed'),
    prConcurrentLimit: wholeNumber('Open bot MRs at once; 0 = no limit', 10),
    prHourlyLimit: wholeNumber('Bot MRs created per hour; 0 = no limit', 2),
    branchConcurrentLimit: z
      .int({ error: 'a whole number >= 0, or null' })
      .min(0, { error: 'a whole number >= 0, or null' })
      .nullable()
      .default(null)
      .describe('Bot branches at once; null: as prConcurrentLimit; the stricter of the two applies'),
    minimumReleaseAge: releaseAge().optional(),
    ignoreUnstable: flag('Pre-releases only when the current pin is one', true),
    separateMajorMinor: flag('A major update gets its own MR beside the newest non-major one', true),
    separateMinorPatch: flag('A patch update gets its own MR beside the newest minor one', false),
    dependencyDashboard: flag('Keep the Dependency Dashboard issue', true),
    dependencyDashboardTitle: text(`"${DEFAULT_DASHBOARD_TITLE}"`).default(DEFAULT_DASHBOARD_TITLE),
    dependencyDashboardLabels: textList('["dependencies"]').default([]),
    dependencyDashboardApproval: flag('Every update waits for a ticked box on the dashboard', false),
    dependencyDashboardHeader: z
      .string({ error: 'a string' })
      .optional()
      .describe('Placed first in the dashboard'),
    dependencyDashboardFooter: z
      .string({ error: 'a string' })
      .optional()
      .describe('Placed last in the dashboard'),
    labels: textList('["dependencies"]').default([]).describe('Set on every bot MR'),
    addLabels: textList('["python"]').default([]).describe('Added to "labels" on every bot MR'),
    assignees: textList('["alice"]').default([]).describe('Usernames assigned to every bot MR'),
    reviewers: textList('["bob"]').default([]).describe('Usernames asked to review every bot MR'),
    branchPrefix: text(`"${DEFAULT_BRANCH_PREFIX}"`).default(DEFAULT_BRANCH_PREFIX),
    ignoreDeps: textList('["setuptools"]')
      .default([])
      .describe('Packages never updated (names, /regex/, globs)'),
    includePaths: textList('["services/**"]')
      .default([])
      .describe(
        'Files found by pip_requirements patterns are served only when one of these paths or globs matches',
      ),
    ignorePaths: textList('["**/tests/**"]')
      .default([])
      .describe(
        'Files found by pip_requirements patterns under these paths (globs or substrings) are not served',
      ),
    commitMessagePrefix: z
      .string({ error: 'a string' })
      .optional()
      .describe('Put before commit messages and MR titles; replaces the semantic prefix'),
    semanticCommits: z
      .enum(['auto', 'enabled', 'disabled'], { error: 'one of "auto", "enabled", "disabled"' })
      .default('auto')
      .describe(
        '"enabled": "type(scope): " before commit messages and MR titles; "auto" reads as "disabled"',
      ),
    semanticCommitType: text('"chore"').default('chore'),
    semanticCommitScope: z.string({ error: 'a string or null' }).nullable().default('deps'),
    rebaseWhen: z
      .enum(['auto', 'never', 'conflicted', 'behind-base-branch', 'automerging'], {
        error: 'one of "auto", "never", "conflicted", "behind-base-branch", "automerging"',
      })
      .default('auto')
      .describe(
        'When an open bot MR is rebuilt on the default branch\'s new head: "behind-base-branch" whenever it moved on, "conflicted" when the change no longer applies, "automerging" behind-base-branch when automerged, "auto" when the default branch changed a served file or the MR conflicts (SPEC §6.3), "never" only on a ticked box',
      ),
    prCreation: z
      .enum(['immediate', 'not-pending', 'status-success', 'approval'], {
        error: 'one of "immediate", "not-pending", "status-success", "approval"',
      })
      .default('immediate')
      .describe('"approval": every update waits for a ticked box; the others open the MR with its branch'),
    draftPR: flag('Open bot MRs as drafts (never merged until a person marks them ready)', false),
    prBodyNotes: textList('["Run the smoke tests by hand"]')
      .default([])
      .describe('Added to every MR description'),
    constraints: z
      .strictObject({ python: text('">=3.9"').optional() }, objectError)
      .optional()
      .describe('"python": pingate.pythonVersions when that is unset'),
    pip_requirements: z
      .strictObject(
        {
          managerFilePatterns: textList('["/constraints\\\\.txt$/"]')
            .optional()
            .describe('/regex/ or globs: the served files when pingate.files is unset'),
        },
        objectError,
      )
      .optional(),
    packageRules: z
      .array(PackageRuleInput, { error: 'a list of rule objects' })
      .default([])
      .describe('Applied in order; later rules override earlier ones'),
    vulnerabilityAlerts: VulnerabilityAlertsInput.prefault({}),
    osvVulnerabilityAlerts: flag(
      'Ask OSV (PINGATE_OSV_URL, default https://api.osv.dev) about every pin',
      true,
    ),
    pingate: PingateInput.prefault({}),
  },
  objectError,
);
export type RepoConfigInput = z.input<typeof RepoConfigInput>;

/** The keys each object of renovate.json accepts, for "did you mean" hints. */
export const KNOWN_KEYS = {
  top: Object.keys(RepoConfigInput.shape),
  pingate: Object.keys(PingateInput.shape),
  packageRule: Object.keys(PackageRuleInput.shape),
  file: Object.keys(ServedFileInput.shape),
  vulnerabilityAlerts: Object.keys(VulnerabilityAlertsInput.shape),
} as const;

export interface ServedFile {
  constraintsFile: string;
  yamlFile: string;
  yamlFormat: YamlFormat;
  yamlKey: string;
  yamlVariable: string;
}

export interface PingateConfig {
  /** Always filled: from `pingate.files`, else the single `constraintsFile`/`yamlFile` pair. */
  files: ServedFile[];
  requiredJobs: string[];
  pythonVersions: string[];
  checkConflicts: boolean;
  /**
   * `pip_requirements.managerFilePatterns` (or its old `fileMatch`), when neither `pingate.files` nor
   * `pingate.constraintsFile` is set: the served files are those of the repository these match (`files` then
   * holds the default pair until they are found).
   */
  filePatterns?: string[];
  /** `includePaths`: when not empty, files found through `filePatterns` are served only when one matches. */
  includePaths: string[];
  /** `ignorePaths`: files found through `filePatterns` under these are not served. */
  ignorePaths: string[];
}

/** A package rule with `minimumReleaseAge` in milliseconds (0: no minimum, overriding earlier values). */
/** The keys of a package rule that select what it applies to (the rest are what it sets). */
export const RULE_SELECTORS = [
  'matchPackageNames',
  'matchDepNames',
  'matchUpdateTypes',
  'matchCurrentVersion',
  'matchFileNames',
  'matchManagers',
  'matchDatasources',
  'matchDepTypes',
  'matchCategories',
] as const satisfies readonly (keyof PackageRule)[];

export interface PackageRule {
  matchPackageNames?: string[];
  matchDepNames?: string[];
  /** Renovate's types; only major/minor/patch ever match a pin. */
  matchUpdateTypes?: string[];
  matchCurrentVersion?: string;
  matchFileNames?: string[];
  matchManagers?: string[];
  matchDatasources?: string[];
  matchDepTypes?: string[];
  matchCategories?: string[];
  enabled?: boolean;
  allowedVersions?: string;
  groupName?: string;
  automerge?: boolean;
  schedule?: string[];
  automergeSchedule?: string[];
  minimumReleaseAgeMs?: number;
  dependencyDashboardApproval?: boolean;
  ignoreUnstable?: boolean;
  labels?: string[];
  addLabels?: string[];
}

/** `vulnerabilityAlerts` resolved against the top level: what a security MR gets. */
export interface VulnerabilityAlerts {
  enabled: boolean;
  /** `vulnerabilityAlerts.labels` then `addLabels`, without repeats. */
  labels: string[];
  assignees: string[];
  reviewers: string[];
  automerge: boolean;
  /** 0: no minimum (the default for security fixes). */
  minimumReleaseAgeMs: number;
}

/** renovate.json after validation, defaults applied. Same keys as the file except where noted. */
export interface RepoConfig {
  enabled: boolean;
  schedule: string[];
  timezone: string;
  automerge: boolean;
  automergeSchedule: string[];
  /** The stricter of `prConcurrentLimit` and `branchConcurrentLimit` (0 = no limit): each bot branch has its MR. */
  prConcurrentLimit: number;
  prHourlyLimit: number;
  /** `minimumReleaseAge` in milliseconds; absent: none. */
  minimumReleaseAgeMs?: number;
  ignoreUnstable: boolean;
  separateMajorMinor: boolean;
  separateMinorPatch: boolean;
  dependencyDashboard: boolean;
  dependencyDashboardTitle: string;
  dependencyDashboardLabels: string[];
  /** Also true for `prCreation: "approval"`. */
  dependencyDashboardApproval: boolean;
  dependencyDashboardHeader?: string;
  dependencyDashboardFooter?: string;
  labels: string[];
  addLabels: string[];
  assignees: string[];
  reviewers: string[];
  branchPrefix: string;
  ignoreDeps: string[];
  packageRules: PackageRule[];
  vulnerabilityAlerts: VulnerabilityAlerts;
  osvVulnerabilityAlerts: boolean;
  commitMessagePrefix?: string;
  semanticCommits: 'auto' | 'enabled' | 'disabled';
  semanticCommitType: string;
  semanticCommitScope: string | null;
  rebaseWhen: 'auto' | 'never' | 'conflicted' | 'behind-base-branch' | 'automerging';
  prCreation: 'immediate' | 'not-pending' | 'status-success' | 'approval';
  draftPR: boolean;
  prBodyNotes: string[];
  pingate: PingateConfig;
}
