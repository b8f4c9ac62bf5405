import type {
  DashboardModel,
  DashboardUpdate,
  ErroredUpdate,
  KnownGood,
  OpenItem,
} from '../dashboard/model.js';
import { emptyDashboardModel } from '../dashboard/model.js';
import { formatLocation } from '../errors.js';
import type { PlanOutput } from '../plan/build-plan.js';
import { describeDisposition } from '../plan/describe-disposition.js';
import { vulnerabilityItems } from '../plan/security-items.js';
import type { PlannedBranch } from '../plan/types.js';
import type { ServedPair } from './snapshot.js';

export interface DashboardInput {
  plan: PlanOutput;
  pairs: ServedPair[];
  timezone: string;
  /** Final dispositions (after limits and ticks); the plan's own when there is no GitLab state. */
  branches: PlannedBranch[];
  closed?: PlannedBranch[];
  /** Branches that could not be written this pass. */
  writeErrors?: { branch: PlannedBranch; reason: string }[];
  /** Other writes that failed (a rollback MR, a comment, a close), with why. */
  failedWrites?: ErroredUpdate[];
  open?: OpenItem[];
  knownGood?: KnownGood[];
  /** Config errors and files that are missing, already as text. */
  problems?: string[];
  /** The freeze MR's decision (SPEC §12): how many pins its box offers, and why a file's freeze is not offered. */
  freeze?: { offer: number; problems: string[] };
}

/** The dashboard of SPEC §7 for a plan and what GitLab holds (pure). */
export function dashboardModel(input: DashboardInput): DashboardModel {
  const model = emptyDashboardModel();
  const openBranches = new Set((input.open ?? []).map((item) => item.branch));
  model.problems = [
    ...(input.problems ?? []),
    ...input.plan.diagnostics.map((d) => `${formatLocation(d)}: ${d.message}`),
    ...input.plan.notPinned,
    ...(input.plan.vulnerabilityProblems ?? []),
    ...(input.freeze?.problems ?? []),
  ];
  if (input.freeze && input.freeze.offer > 0) model.pinUnpinned = input.freeze.offer;
  model.vulnerabilities = vulnerabilityItems({
    vulnerable: input.plan.vulnerabilities ?? [],
    branches: input.branches,
    closed: input.closed ?? [],
    open: input.open ?? [],
    timezone: input.timezone,
  });
  for (const branch of input.branches) {
    if (openBranches.has(branch.branch)) continue;
    const item: DashboardUpdate = { branch: branch.branch, title: itemTitle(branch) };
    const { disposition } = branch;
    switch (disposition.kind) {
      case 'pending-approval':
        model.pendingApproval.push(item);
        break;
      case 'awaiting-schedule':
      case 'pending-age':
        model.awaitingSchedule.push({ ...item, detail: describeDisposition(disposition, input.timezone) });
        break;
      case 'rate-limited':
        model.rateLimited.push(item);
        break;
      case 'blocked':
        model.blocked.push({ title: item.title, reason: disposition.reason });
        break;
      default:
        break;
    }
  }
  model.errored = [
    ...input.plan.errored.map((e) => ({ title: `Look up ${e.name} ${e.version}`, reason: e.reason })),
    ...(input.writeErrors ?? []).map((e) => ({
      branch: e.branch.branch,
      title: itemTitle(e.branch),
      reason: e.reason,
    })),
    ...(input.failedWrites ?? []),
  ];
  model.open = [...(input.open ?? [])].sort((a, b) => a.iid - b.iid);
  model.closed = (input.closed ?? []).map((branch) => ({ branch: branch.branch, title: itemTitle(branch) }));
  model.knownGood = input.knownGood ?? [];
  model.detected = input.pairs.map((pair) => ({
    file: pair.served.constraintsFile,
    lines: pair.file.entries
      .filter((e) => e.kind !== 'blank' && e.kind !== 'comment')
      .map((e) => pair.file.text.slice(e.span.start, e.span.end)),
  }));
  model.freshness = freshness(input.plan, input.branches);
  return model;
}

/** `Update dependency NAME to vX`, or `Update group NAME (a, b)` (SPEC §7). */
export function itemTitle(branch: PlannedBranch): string {
  if (!branch.groupName) return branch.title;
  const names = [...new Set(branch.updates.map((u) => u.name))];
  return `${branch.title} (${names.join(', ')})`;
}

function freshness(plan: PlanOutput, branches: PlannedBranch[]): DashboardModel['freshness'] {
  const blocked = new Set<string>();
  const major = new Set<string>();
  const minor = new Set<string>();
  for (const branch of branches) {
    for (const update of branch.updates) {
      const key = `${update.file}\0${update.normalizedName}`;
      if (branch.disposition.kind === 'blocked') blocked.add(key);
      else if (update.updateType === 'major') major.add(key);
      else minor.add(key);
    }
  }
  for (const key of blocked) {
    major.delete(key);
    minor.delete(key);
  }
  for (const key of major) minor.delete(key);
  return {
    upToDate: plan.rows.filter((r) => r.status === 'up-to-date').length,
    minorBehind: minor.size,
    majorBehind: major.size,
    blocked: blocked.size,
  };
}
