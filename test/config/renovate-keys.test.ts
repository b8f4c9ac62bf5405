import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/config/load.js';
import type { RepoConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/constraints/types.js';
import { renderDescription } from '../../src/mr/description.js';
import { commitTitle, createdTitle } from '../../src/mr/title.js';
import { rulesFor } from '../../src/policy/package-rules.js';
import { branch, project, update } from '../plan/builders.js';
import { brief, plan } from '../plan/plan-helpers.js';

function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

function read(input: Record<string, unknown>): { config: RepoConfig; warnings: string[] } {
  const result = parseRepoConfig(JSON.stringify(input, null, 2), 'renovate.json');
  expect(lines(result.errors)).toEqual([]);
  return { config: result.config, warnings: lines(result.warnings) };
}

describe('keys Renovate has that do not apply here', () => {
  it('accepts each with one warning saying why, and only an unknown key is an error', () => {
    const text = `{
  "lockFileMaintenance": {"enabled": true, "schedule": ["before 4am on monday"]},
  "rangeStrategy": "pin",
  "pre-commit": {"enabled": true},
  "npm": {"enabled": false},
  "platformAutomerge": true,
  "baseBranches": ["main"],
  "customManagers": [],
  "packageRules": [
    {"matchPackageNames": ["a"], "rangeStrategy": "bump", "automerge": false},
    {"matchPackageNames": ["b"], "rangeStrategy": "bump", "automerge": false}
  ],
  "automergeTyp": "pr"
}`;
    const result = parseRepoConfig(text, 'renovate.json');
    expect(lines(result.errors)).toEqual([
      'renovate.json:13:3: unknown key "automergeTyp" (did you mean "automergeType"?)',
    ]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:2:3: "lockFileMaintenance" does not apply here: constraints.txt has no lock file to refresh: every pin is already exact; accepted and ignored',
      'renovate.json:3:3: "rangeStrategy" does not apply here: pingate updates exact pins only; ranges are kept as written; accepted and ignored',
      'renovate.json:4:3: "pre-commit" does not apply here: it configures Renovate\'s pre-commit manager: pingate serves Python constraints files only; accepted and ignored',
      'renovate.json:5:3: "npm" does not apply here: it configures Renovate\'s npm manager: pingate serves Python constraints files only; accepted and ignored',
      'renovate.json:6:3: "platformAutomerge" does not apply here: pingate merges through its own merge gate, never GitLab\'s auto-merge; accepted and ignored',
      'renovate.json:7:3: "baseBranches" is Renovate\'s old name for "baseBranchPatterns": read as "baseBranchPatterns": ["main"]',
      'renovate.json:7:3: "baseBranchPatterns" does not apply here: pingate serves the default branch only; accepted and ignored',
      'renovate.json:8:3: "customManagers" does not apply here: pingate reads constraints files itself; custom managers are for Renovate; accepted and ignored',
      'renovate.json:10:34: "packageRules[0].rangeStrategy" does not apply here: pingate updates exact pins only; ranges are kept as written; accepted and ignored',
    ]);
  });

  it('still rejects a wrong type for a key that does not apply', () => {
    expect(lines(parseRepoConfig('{"rangeStrategy": 3}', 'renovate.json').errors)).toEqual([
      'renovate.json:1:19: "rangeStrategy" must be a string, found 3',
    ]);
  });

  it('never lets enabledManagers or pip_requirements.enabled switch pingate off, and says so', () => {
    const { config, warnings } = read({ enabledManagers: ['npm'], pip_requirements: { enabled: false } });
    expect(config.enabled).toBe(true);
    expect(warnings).toEqual([
      'renovate.json:2:3: "enabledManagers" decides what Renovate serves; it never switches pingate off',
      'renovate.json:6:5: "pip_requirements.enabled": false decides whether Renovate serves pip_requirements; it never switches pingate off',
    ]);
  });
});

describe("Renovate's old names", () => {
  it('are read as their new names, with a warning naming the new one', () => {
    const { config, warnings } = read({
      stabilityDays: 3,
      masterIssue: true,
      masterIssueTitle: 'Deps',
      separatePatchReleases: true,
      rebaseConflictedPrs: false,
      semanticCommits: true,
      packageRules: [
        {
          matchPackagePatterns: ['^boto'],
          excludePackageNames: ['boto'],
          matchPaths: ['services/**'],
          updateTypes: ['patch'],
          groupName: 'aws',
        },
      ],
    });
    expect(config.minimumReleaseAgeMs).toBe(3 * 86_400_000);
    expect(config.dependencyDashboard).toBe(true);
    expect(config.dependencyDashboardTitle).toBe('Deps');
    expect(config.separateMinorPatch).toBe(true);
    expect(config.rebaseWhen).toBe('never');
    expect(config.semanticCommits).toBe('enabled');
    expect(config.packageRules).toEqual([
      {
        matchPackageNames: ['/^boto/', '!boto'],
        matchFileNames: ['services/**'],
        matchUpdateTypes: ['patch'],
        groupName: 'aws',
      },
    ]);
    expect(warnings).toEqual([
      'renovate.json:2:3: "stabilityDays" is Renovate\'s old name for "minimumReleaseAge": read as "minimumReleaseAge": "3 days"',
      'renovate.json:3:3: "masterIssue" is Renovate\'s old name for "dependencyDashboard": read as "dependencyDashboard": true',
      'renovate.json:4:3: "masterIssueTitle" is Renovate\'s old name for "dependencyDashboardTitle": read as "dependencyDashboardTitle": "Deps"',
      'renovate.json:5:3: "separatePatchReleases" is Renovate\'s old name for "separateMinorPatch": read as "separateMinorPatch": true',
      'renovate.json:6:3: "rebaseConflictedPrs" is Renovate\'s old name for "rebaseWhen": read as "rebaseWhen": "never"',
      'renovate.json:7:3: "semanticCommits" is Renovate\'s old name for "semanticCommits": read as "semanticCommits": "enabled"',
      'renovate.json:10:7: "packageRules[0].matchPackagePatterns" is Renovate\'s old name for "matchPackageNames": read as "matchPackageNames": ["/^boto/"]',
      'renovate.json:13:7: "packageRules[0].excludePackageNames" is Renovate\'s old name for "matchPackageNames": read as "matchPackageNames": ["!boto"]',
      'renovate.json:16:7: "packageRules[0].matchPaths" is Renovate\'s old name for "matchFileNames": read as "matchFileNames": ["services/**"]',
      'renovate.json:19:7: "packageRules[0].updateTypes" is Renovate\'s old name for "matchUpdateTypes": read as "matchUpdateTypes": ["patch"]',
    ]);
  });

  it('reports an old name with a value of the wrong type at the value', () => {
    expect(lines(parseRepoConfig('{"stabilityDays": "3"}', 'renovate.json').errors)).toEqual([
      'renovate.json:1:19: "stabilityDays" (Renovate\'s old name for "minimumReleaseAge") must be a whole number of days, found "3"',
    ]);
  });
});

describe('packageRules selectors', () => {
  const { config } = read({
    packageRules: [
      { matchPackageNames: ['*', '!/^types-/'], labels: ['all-but-types'] },
      { matchDepNames: ['django{,-*}'], addLabels: ['django'] },
      { matchCurrentVersion: '<1.0', automerge: false },
      { matchCurrentVersion: '!/^0\\./', addLabels: ['stable'] },
      { matchFileNames: ['services/**/constraints.txt'], groupName: 'services' },
      { matchManagers: ['npm'], enabled: false },
      { matchManagers: ['pip_requirements', 'pip-compile'], addLabels: ['pip'] },
      { matchDatasources: ['docker'], enabled: false },
      { matchDatasources: ['pypi'], addLabels: ['pypi'] },
      { matchCategories: ['js'], enabled: false },
      { matchCategories: ['python'], addLabels: ['python'] },
      { matchDepTypes: ['dependencies'], enabled: false },
    ],
  });

  it('matches names by glob, /regex/ and "!" as Renovate does, and dep names as package names', () => {
    expect(rulesFor(config, 'requests', 'minor').labels).toEqual(['all-but-types', 'pip', 'pypi', 'python']);
    expect(rulesFor(config, 'types-requests', 'minor').labels).toEqual(['pip', 'pypi', 'python']);
    expect(rulesFor(config, 'django-extensions', 'minor').labels).toContain('django');
    expect(rulesFor(config, 'django', 'minor').labels).toContain('django');
    expect(rulesFor(config, 'djangorestframework', 'minor').labels).not.toContain('django');
  });

  it('selects nothing for rules about other managers, datasources, categories or dependency types', () => {
    expect(rulesFor(config, 'requests', 'minor').enabled).toBe(true);
  });

  it('matches the current version by PEP 440 range and negated /regex/, and the served file by glob', () => {
    expect(rulesFor(config, 'a', 'minor', { currentVersion: '0.9' }).automerge).toBe(false);
    expect(rulesFor(config, 'a', 'minor', { currentVersion: '1.2' }).automerge).toBe(true);
    expect(rulesFor(config, 'a', 'minor', { currentVersion: '1.2' }).labels).toContain('stable');
    expect(rulesFor(config, 'a', 'minor', { currentVersion: '0.9' }).labels).not.toContain('stable');
    expect(rulesFor(config, 'a', 'minor', { file: 'services/api/constraints.txt' }).groupName).toBe(
      'services',
    );
    expect(rulesFor(config, 'a', 'minor', { file: 'constraints.txt' }).groupName).toBeUndefined();
  });

  it('plans with matchFileNames against the file each pin is in', () => {
    const { config: repo } = read({
      packageRules: [{ matchFileNames: ['constraints.txt'], enabled: false }],
    });
    expect(rulesFor(repo, 'anyio', 'minor', { file: 'constraints.txt' }).enabled).toBe(false);
    expect(rulesFor(repo, 'anyio', 'minor', { file: 'docs/constraints.txt' }).enabled).toBe(true);
  });

  it('drops a rule with a selector pingate cannot evaluate, saying so', () => {
    const result = parseRepoConfig(
      '{"packageRules": [{"matchConfidence": ["high"], "automerge": true}]}',
      'renovate.json',
    );
    expect(result.config.packageRules).toEqual([]);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:1:19: "packageRules[0]" uses "matchConfidence", which pingate cannot evaluate: the rule applies to nothing here',
    ]);
  });

  it('reads major/minor/patch blocks as rules for that update type, before packageRules', () => {
    const { config: repo } = read({
      minor: { automerge: false },
      packageRules: [{ matchPackageNames: ['x'], automerge: true }],
    });
    expect(rulesFor(repo, 'x', 'minor').automerge).toBe(true);
    expect(rulesFor(repo, 'y', 'minor').automerge).toBe(false);
    expect(rulesFor(repo, 'y', 'patch').automerge).toBe(true);
  });
});

describe('honoured top-level keys', () => {
  it('addLabels add to labels, at the top and in rules', () => {
    const { config } = read({
      labels: ['deps'],
      addLabels: ['python'],
      packageRules: [{ matchUpdateTypes: ['major'], labels: ['major'], addLabels: ['breaking'] }],
    });
    expect(rulesFor(config, 'a', 'minor').labels).toEqual(['deps', 'python']);
    expect(rulesFor(config, 'a', 'major').labels).toEqual(['major', 'python', 'breaking']);
  });

  it('branchConcurrentLimit is the stricter limit when set, and inherits prConcurrentLimit when null', () => {
    expect(read({ prConcurrentLimit: 10, branchConcurrentLimit: 3 }).config.prConcurrentLimit).toBe(3);
    expect(read({ prConcurrentLimit: 0, branchConcurrentLimit: 4 }).config.prConcurrentLimit).toBe(4);
    expect(read({ prConcurrentLimit: 5, branchConcurrentLimit: null }).config.prConcurrentLimit).toBe(5);
    expect(read({ prConcurrentLimit: 5, branchConcurrentLimit: 0 }).config.prConcurrentLimit).toBe(5);
  });

  it('constraints.python gives pythonVersions when pingate has none, and never overrides them', () => {
    expect(read({ constraints: { python: '>=3.11' } }).config.pingate.pythonVersions).toEqual([
      '3.11',
      '3.12',
      '3.13',
      '3.14',
    ]);
    expect(read({ constraints: { python: '3.10' } }).config.pingate.pythonVersions).toEqual(['3.10']);
    expect(read({ constraints: { python: '^3.12' } }).config.pingate.pythonVersions).toEqual([
      '3.12',
      '3.13',
      '3.14',
    ]);
    expect(
      read({ constraints: { python: '>=3.11' }, pingate: { pythonVersions: ['3.9'] } }).config.pingate
        .pythonVersions,
    ).toEqual(['3.9']);
    expect(lines(parseRepoConfig('{"constraints": {"python": "three"}}', 'renovate.json').errors)).toEqual([
      'renovate.json:1:28: "constraints.python" must be a Python version or range such as "3.11", ">=3.9" or "^3.10", found "three"',
    ]);
  });

  it('prCreation "approval" makes every update wait for a ticked box', () => {
    expect(read({ prCreation: 'approval' }).config.dependencyDashboardApproval).toBe(true);
    expect(read({ prCreation: 'not-pending' }).config.dependencyDashboardApproval).toBe(false);
  });

  it('semanticCommits, semanticCommitType/Scope and commitMessagePrefix shape titles and commit messages', () => {
    const title = 'Update dependency anyio to v4.3.0';
    expect(commitTitle(title, read({ semanticCommits: 'enabled' }).config)).toBe(
      'chore(deps): update dependency anyio to v4.3.0',
    );
    expect(
      commitTitle(
        title,
        read({ semanticCommits: 'enabled', semanticCommitType: 'fix', semanticCommitScope: null }).config,
      ),
    ).toBe('fix: update dependency anyio to v4.3.0');
    expect(commitTitle(title, read({ semanticCommits: 'auto' }).config)).toBe(title);
    expect(
      commitTitle(title, read({ semanticCommits: 'enabled', commitMessagePrefix: '[deps]' }).config),
    ).toBe('[deps] Update dependency anyio to v4.3.0');
    const planned = plan(
      'anyio==4.2.0\n',
      { anyio: project('anyio', ['4.2.0', '4.3.0']) },
      {
        repo: { semanticCommits: 'enabled' },
      },
    );
    expect(planned.branches.map((b) => b.title)).toEqual(['chore(deps): update dependency anyio to v4.3.0']);
  });

  it('draftPR opens bot MRs as drafts', () => {
    expect(createdTitle('Update x', read({ draftPR: true }).config)).toBe('Draft: Update x');
    expect(createdTitle('Update x', read({}).config)).toBe('Update x');
  });

  it('prBodyNotes are added to the MR description', () => {
    const text = renderDescription(
      branch({ updates: [update({ name: 'anyio', from: '4.2.0', to: '4.3.0' })] }),
      {
        base: 'abc',
        requiredJobs: [],
        automergeSchedule: [],
        notes: ['Run the smoke tests by hand.'],
      },
    );
    expect(text).toMatch(/\| minor \| unknown \|\n\nRun the smoke tests by hand\.\n\n### Conflict check/);
  });

  it('separateMinorPatch proposes a patch of the current series beside the newest minor, on its own branch', () => {
    const projects = { anyio: project('anyio', ['4.2.0', '4.2.1', '4.3.0']) };
    expect(plan('anyio==4.2.0\n', projects).branches.map(brief)).toEqual([
      'pingate/anyio-4.x: anyio 4.2.0→4.3.0 [open-mr]',
    ]);
    expect(
      plan('anyio==4.2.0\n', projects, { repo: { separateMinorPatch: true } }).branches.map(brief),
    ).toEqual([
      'pingate/anyio-4.2.x: anyio 4.2.0→4.2.1 [open-mr]',
      'pingate/anyio-4.x: anyio 4.2.0→4.3.0 [open-mr]',
    ]);
  });
});
