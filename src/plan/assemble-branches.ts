import type { RepoConfig } from '../config/schema.js';
import { commitTitle } from '../mr/title.js';
import { compareVersions } from '../versioning/pep440.js';
import { groupBranchName, groupTitle, updateBranchName, updateTitle } from './branch-names.js';
import type { ChosenUpdate } from './collect-updates.js';
import type { PlannedBranch, UpdateType } from './types.js';

const typeRank: Record<UpdateType, number> = { patch: 0, minor: 1, major: 2 };

/**
 * Forms branches from chosen updates (SPEC §6.3): one per update, or one per group. The same package moving
 * to the same version in several files or from several pinned versions shares its branch.
 * Dispositions are left `open-mr` here; `decideDispositions` fills them in.
 */
export function assembleBranches(chosen: ChosenUpdate[], config: RepoConfig): PlannedBranch[] {
  const byBranch = new Map<string, ChosenUpdate[]>();
  for (const item of chosen) {
    const name = branchFor(item, config);
    byBranch.set(name, [...(byBranch.get(name) ?? []), item]);
  }
  return [...byBranch.entries()].map(([branch, items]) => toBranch(branch, dedupeTargets(items), config));
}

function branchFor(item: ChosenUpdate, config: RepoConfig): string {
  const { groupName } = item.target.rules;
  const prefix = config.branchPrefix;
  if (groupName) {
    return groupBranchName(
      prefix,
      groupName,
      config.separateMajorMinor && item.update.updateType === 'major',
    );
  }
  // separateMinorPatch: a patch update has a branch of its own minor series, beside the newest minor one.
  const minorSeries = config.separateMinorPatch && item.update.updateType === 'patch';
  return updateBranchName(prefix, item.update.normalizedName, item.update.to, minorSeries);
}

/** Inside one branch a package can only move to one version: keep the newest target per package and file. */
function dedupeTargets(items: ChosenUpdate[]): ChosenUpdate[] {
  const best = new Map<string, string>();
  for (const { update } of items) {
    const key = `${update.file}\0${update.normalizedName}`;
    const seen = best.get(key);
    if (!seen || compareVersions(update.to, seen) > 0) best.set(key, update.to);
  }
  return items.filter(({ update }) => best.get(`${update.file}\0${update.normalizedName}`) === update.to);
}

/** The highest of some update types (`patch` for none): the type of a branch that moves them together. */
export function highestUpdateType(types: UpdateType[]): UpdateType {
  return types.reduce<UpdateType>((highest, t) => (typeRank[t] > typeRank[highest] ? t : highest), 'patch');
}

function toBranch(branch: string, items: ChosenUpdate[], config: RepoConfig): PlannedBranch {
  const first = items[0]!;
  const { rules } = first.target;
  const updates = items.map((item) => item.update);
  const updateType = highestUpdateType(updates.map((u) => u.updateType));
  const pending = items.filter((item) => item.pending);
  // The branch waits for its last release to come of age; one with no upload time waits with no date.
  const dates = pending.map((item) => item.pending?.eligibleAt);
  const eligibleAt = dates.includes(undefined) ? undefined : (dates as string[]).sort().at(-1);
  return {
    branch,
    title: commitTitle(
      rules.groupName
        ? groupTitle(rules.groupName, config.separateMajorMinor && updateType === 'major')
        : updateTitle(first.update.name, first.update.to),
      config,
    ),
    groupName: rules.groupName,
    updates,
    updateType,
    disposition:
      pending.length > 0
        ? { kind: 'pending-age', ...(eligibleAt ? { eligibleAt } : {}) }
        : { kind: 'open-mr' },
    automerge: items.every((item) => item.target.rules.automerge),
    automergeSchedule: rules.automergeSchedule,
    schedule: rules.schedule,
    needsApproval: items.some((item) => item.target.rules.dependencyDashboardApproval),
    labels: [...new Set(items.flatMap((item) => item.target.rules.labels))],
    conflictSummary: 'not checked',
  };
}
