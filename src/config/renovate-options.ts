/**
 * Every option Renovate documents (its configuration-options reference), by name and type, as facts: this is
 * what makes a key "known". What pingate does with each is decided in options-table.ts. Managers' blocks
 * (`npm`, `pre-commit`, …) and update-type blocks (`major`, `pin`, …) are objects.
 */

export type OptionType = 'boolean' | 'string' | 'integer' | 'array' | 'object' | 'string-or-array';

function names(list: string): string[] {
  return list.trim().split(/\s+/);
}

/** Options only a self-hosted Renovate's own (global) configuration may set. */
export const GLOBAL_ONLY = new Set(
  names(`
  allowedHeaders autodiscoverRepoOrder autodiscoverRepoSort allowedEnv detectGlobalManagerConfig
  detectHostRulesFromEnv mergeConfidenceEndpoint mergeConfidenceDatasources useCloudMetadataServices userAgent
  allowedCommands onboardingBranch onboardingAutoCloseAge onboardingCommitMessage configFileNames
  onboardingConfigFileName onboardingNoDeps onboardingPrTitle productLinks secrets variables migratePresets
  presetCachePersistence globalExtends repositoryCache repositoryCacheType reportType reportPath force forceCli
  dryRun binarySource redisUrl redisPrefix baseDir cacheDir containerbaseDir customEnvVariables dockerChildPrefix
  dockerCliOptions dockerSidecarImage dockerUser logContext onboarding onboardingConfig onboardingRebaseCheckbox
  includeMirrors forkCreation forkToken forkOrg githubTokenWarn encryptedWarning inheritConfig
  inheritConfigRepoName inheritConfigFileName inheritConfigStrict requireConfig optimizeForDisabled privateKey
  privateKeyOld privateKeyPath privateKeyPathOld persistRepoData exposeAllEnv allowPlugins allowScripts
  allowShellExecutorForPostUpgradeCommands allowCustomCrateRegistries platform endpoint token username password
  autodiscover autodiscoverFilter autodiscoverNamespaces autodiscoverProjects autodiscoverTopics
  prCommitsPerRunLimit repositories gitPrivateKey gitPrivateKeyPassphrase gitTimeout executionTimeout
  bbUseDevelopmentBranch processEnv unicodeEmoji cacheHardTtlMinutes cacheTtlOverride ignorePrAuthor
  allowedUnsafeExecutions gitNoVerify gitUrl writeDiscoveredRepos checkedBranches httpCacheTtlDays
  dockerMaxPages deleteConfigFile deleteAdditionalConfigFile s3Endpoint s3PathStyle cachePrivatePackages
  configValidationError
`),
);

const BY_TYPE: Record<OptionType, string> = {
  boolean: `
  detectGlobalManagerConfig detectHostRulesFromEnv useCloudMetadataServices presetCachePersistence enabled forceCli
  draftPR printConfig onboarding onboardingRebaseCheckbox includeMirrors forkCreation githubTokenWarn inheritConfig
  inheritConfigStrict optimizeForDisabled dependencyDashboard dependencyDashboardApproval
  dependencyDashboardAutoclose dependencyDashboardReportAbandonment configWarningReuseIssue updateNotScheduled
  persistRepoData exposeAllEnv allowPlugins allowScripts allowShellExecutorForPostUpgradeCommands
  allowCustomCrateRegistries ignorePlugins ignoreScripts npmrcMerge skipArtifactsUpdate skipInstalls autodiscover
  autoApprove updateInternalDeps pinDigests separateMajorMinor separateMultipleMajor separateMultipleMinor
  separateMinorPatch ignoreUnstable ignoreDeprecated respectLatest rollbackPrs internalChecksAsSuccess
  bbAutoResolvePrTasks bbUseDefaultReviewers bbUseDevelopmentBranch automerge ignoreTests osvVulnerabilityAlerts
  pruneBranchAfterAutomerge commitBodyTable prTitleStrict assigneesFromCodeOwners expandCodeOwnersGroups
  assignAutomerge reviewersFromCodeOwners filterUnavailableUsers forkModeDisallowMaintainerEdits confidential
  readOnly insecureRegistry abortOnError enableHttp2 dnsCache keepAlive pruneStaleBranches unicodeEmoji
  gitLabIgnoreApprovals cloneSubmodules ignorePrAuthor updatePinnedDependencies platformAutomerge branchNameStrict
  deleteConfigFile deleteAdditionalConfigFile s3PathStyle cachePrivatePackages configValidationError
  autoReplaceGlobalMatch configMigration`,
  string: `
  mode autodiscoverRepoOrder autodiscoverRepoSort mergeConfidenceEndpoint userAgent bumpType name workingDirTemplate
  dataFileTemplate format executionMode onboardingBranch onboardingCommitMessage onboardingConfigFileName
  onboardingNoDeps onboardingPrTitle constraintsFiltering repositoryCache repositoryCacheType reportType reportPath
  dryRun binarySource redisUrl redisPrefix baseDir cacheDir containerbaseDir dockerChildPrefix dockerCliOptions
  dockerSidecarImage dockerUser logContext forkProcessing forkToken forkOrg encryptedWarning inheritConfigRepoName
  inheritConfigFileName requireConfig dependencyDashboardTitle dependencyDashboardCategory
  dependencyDashboardHeader dependencyDashboardFooter dependencyDashboardOSVVulnerabilitySummary privateKey
  privateKeyOld privateKeyPath privateKeyPathOld timezone platform endpoint token username password npmrc npmToken
  useBaseBranchConfig gitAuthor gitPrivateKey gitPrivateKeyPassphrase defaultRegistryUrlTemplate extractVersion
  versionCompatibility versioning matchCurrentAge matchCurrentValue matchCurrentVersion matchNewValue sourceUrl
  sourceDirectory replacementName replacementNameTemplate replacementVersion replacementVersionTemplate
  replacementApproach allowedVersions changelogUrl followTag rangeStrategy branchPrefix branchPrefixOld
  bumpVersion semanticCommits semanticCommitType semanticCommitScope commitMessageLowerCase keepUpdatedLabel
  recreateWhen rebaseWhen rebaseLabel stopUpdatingLabel minimumReleaseAge minimumReleaseAgeBehaviour
  abandonmentThreshold internalChecksFilter prCreation overrideDatasource overrideDepName overridePackageName
  automergeType automergeStrategy automergeComment vulnerabilityFixStrategy branchName additionalBranchPrefix
  branchTopic commitMessage commitBody commitMessagePrefix commitMessageAction commitMessageTopic
  commitMessageExtra commitMessageSuffix prBodyTemplate prTitle prHeader prFooter groupName groupSlug hostType
  matchHost authType httpsCertificateAuthority httpsPrivateKey httpsCertificate customType fileFormat
  matchStringsStrategy depNameTemplate packageNameTemplate datasourceTemplate depTypeTemplate currentValueTemplate
  versioningTemplate registryUrlTemplate extractVersionTemplate autoReplaceStringTemplate fetchChangeLogs gitUrl
  writeDiscoveredRepos platformCommit matchMessage newLogLevel s3Endpoint`,
  integer: `
  onboardingAutoCloseAge minimumGroupSize prCommitsPerRunLimit gitTimeout executionTimeout azureWorkItemId
  maxMajorIncrement prNotPendingHours prHourlyLimit prConcurrentLimit branchConcurrentLimit prPriority
  hashedBranchLength assigneesSampleSize reviewersSampleSize timeout concurrentRequestLimit maxRequestsPerSecond
  cacheHardTtlMinutes maxRetryAfter milestone httpCacheTtlDays dockerMaxPages jvmMaxMemory jvmMemory`,
  array: `
  allowedHeaders allowedEnv mergeConfidenceDatasources allowedCommands bumpVersions filePatterns commands
  fileFilters configFileNames globalExtends composerIgnorePlatformReqs goGetDirs autodiscoverNamespaces
  autodiscoverProjects autodiscoverTopics repositories baseBranchPatterns gitIgnoredAuthors
  enabledManagers includePaths ignorePaths excludeCommitPaths defaultRegistryUrls registryUrls ignoreDeps
  packageRules matchFileNames matchJsonata dependencyDashboardLabels labels addLabels assignees ignoreReviewers
  reviewers additionalReviewers postUpdateOptions hostRules abortIgnoreStatusCodes artifactAuth prBodyColumns
  suppressNotifications customManagers matchStrings cloneSubmodulesFilter allowedUnsafeExecutions checkedBranches
  logLevelRemap transformTemplates`,
  object: `
  postUpgradeTasks productLinks secrets variables statusCheckNames migratePresets force customEnvVariables env
  customDatasources onboardingConfig encrypted registryAliases major minor patch pin digest pinDigest rollback
  replacement vulnerabilityAlerts customizeDashboard lockFileMaintenance group constraints headers
  prBodyDefinitions prBodyHeadingDefinitions userStrings cacheTtlOverride processEnv toolSettings`,
  'string-or-array': `
  extends ignorePresets description schedule automergeSchedule autodiscoverFilter matchCategories
  matchRepositories matchBaseBranches matchManagers matchDatasources matchDepTypes matchPackageNames matchDepNames
  matchSourceUrls matchConfidence managerFilePatterns prBodyNotes gitNoVerify matchUpdateTypes`,
};

/** Renovate's managers: each may have a block of its own, e.g. `"npm": {"enabled": false}`. */
export const MANAGERS = new Set(
  names(`
  ansible ansible-galaxy argocd asdf azure-pipelines batect batect-wrapper bazel bazel-module bazelisk bicep
  bitbucket-pipelines bitrise buildkite buildpacks bun bun-version bundler cake cargo cdnurl circleci cloudbuild
  cocoapods composer conan copier cpanfile crossplane crow deps-edn devbox devcontainer docker-compose dockerfile
  droneci fleet flux fvm git-submodules github-actions gitlabci gitlabci-include glasskube gleam gomod gradle
  gradle-wrapper haskell-cabal helm-requirements helm-values helmfile helmsman helmv3 hermit homebrew html jenkins
  jsonnet-bundler kotlin-script kubernetes kustomize leiningen maven maven-wrapper meteor mint mise mix nix nodenv
  npm nuget nvm ocb osgi pep621 pep723 pip-compile pip_requirements pip_setup pipenv pixi poetry pre-commit pub
  puppet pyenv quadlet ruby-version runtime-version sbt scalafmt setup-cfg sveltos swift tekton terraform
  terraform-version terragrunt terragrunt-version tflint-plugin travis typst unity3d velaci vendir woodpecker
`),
);

/** Options that only mean something inside one kind of parent object. */
export const HOST_RULE_OPTIONS = new Set(
  names(`hostType matchHost readOnly timeout insecureRegistry abortOnError abortIgnoreStatusCodes enableHttp2
  concurrentRequestLimit maxRequestsPerSecond authType dnsCache keepAlive headers artifactAuth
  httpsCertificateAuthority httpsPrivateKey httpsCertificate maxRetryAfter`),
);

const TYPES = new Map<string, OptionType>();
for (const [type, list] of Object.entries(BY_TYPE) as [OptionType, string][]) {
  for (const name of names(list)) TYPES.set(name, type);
}
for (const manager of MANAGERS) TYPES.set(manager, 'object');

/** The type Renovate documents for an option, or undefined when Renovate has no such option. */
export function renovateOptionType(name: string): OptionType | undefined {
  return TYPES.get(name);
}

/** Every option name Renovate documents (for "did you mean"). */
export function renovateOptionNames(): string[] {
  return [...TYPES.keys()];
}

/** Whether a JSON value has a Renovate option's type (`null` is accepted: Renovate uses it for "unset"). */
export function hasOptionType(type: OptionType, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'string-or-array':
      return typeof value === 'string' || Array.isArray(value);
  }
}

export function describeOptionType(type: OptionType): string {
  return {
    boolean: 'true or false',
    string: 'a string',
    integer: 'a whole number',
    array: 'a list',
    object: 'an object',
    'string-or-array': 'a string or a list of strings',
  }[type];
}
