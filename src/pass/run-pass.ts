import type { Logger } from 'pino';
import type { OpenItem } from '../dashboard/model.js';
import { parseDashboard } from '../dashboard/parse.js';
import { formatLocation, PlatformUnavailableError } from '../errors.js';
import type { PlanOutput } from '../plan/build-plan.js';
import type { Platform } from '../platform/types.js';
import { describeAction } from '../reconcile/actions.js';
import { type Reconciled, reconcile } from '../reconcile/reconcile.js';
import { applyActions } from './apply-actions.js';
import { dashboardModel } from './dashboard-model.js';
import { writeDashboard } from './dashboard-pass.js';
import { runGates } from './gate-pass.js';
import type { IndexPool } from './index-pool.js';
import { recordKnownGoodSets } from './known-good-pass.js';
import { planSnapshot } from './plan-snapshot.js';
import { type PassState, readState } from './read-state.js';
import { openRollback, planRollback } from './rollback.js';
import type { PassReport, PassRunner, PassTrigger } from './types.js';

export interface PassDependencies {
  platform: Platform;
  indexes: IndexPool;
  /** The clock; `--now` fixes it. */
  now: () => Date;
  dryRun: boolean;
  logger: Logger;
}

/** The runner `run` and `serve` share: one pass over one project, never throwing. */
export function createPassRunner(deps: PassDependencies): PassRunner {
  return (project, trigger) => runPass(deps, project, trigger);
}

/** SPEC §6: read one commit and the bot's state → plan → diff → apply → gate → dashboard. */
export async function runPass(
  deps: PassDependencies,
  project: string,
  trigger: PassTrigger,
): Promise<PassReport> {
  const started = Date.now();
  const report: PassReport = {
    project,
    outcome: 'ok',
    actions: [],
    created: [],
    merged: [],
    gate: [],
    errors: [],
    lookups: 0,
    durationMs: 0,
  };
  const logger = deps.logger.child({ project, trigger: trigger.reason, requestId: trigger.requestId });
  try {
    const { user, project: info } = await deps.platform.assertAccess(project);
    const projectPlatform = deps.platform.forProject(info.id);
    const state = await readState(projectPlatform, user, info, trigger.editorId);
    await passOnState(deps, state, report, logger);
  } catch (error) {
    report.outcome = 'failed';
    if (error instanceof PlatformUnavailableError) report.unreachable = true;
    report.errors.push(error instanceof Error ? error.message : String(error));
    logger.error({ reason: report.errors.at(-1) }, 'pass failed');
  }
  report.durationMs = Date.now() - started;
  return report;
}

async function passOnState(deps: PassDependencies, state: PassState, report: PassReport, logger: Logger) {
  const { config } = state.snapshot;
  const platform = deps.platform.forProject(state.project.id);
  const now = deps.now();
  const botEmails = state.bot.emails ?? [];
  if (!config.enabled) {
    report.actions.push('pingate is disabled by renovate.json ("enabled": false): nothing to do');
    return;
  }
  const { plan, reconciled } = await decide(deps, state, now, report);
  const actions = reconciled?.actions ?? [];
  const applied = deps.dryRun
    ? {
        done: actions.map((a) => `would ${describeAction(a)}`),
        created: [],
        rewritten: new Set<string>(),
        failures: [],
      }
    : await applyActions(actions, {
        platform: deps.platform,
        project: platform,
        config,
        defaultBranch: state.project.defaultBranch,
        head: state.head,
        botEmails,
        logger,
      });
  report.actions.push(...applied.done);
  report.created.push(...applied.created.map((mr) => mr.iid));
  report.errors.push(...applied.failures.map((f) => `${describeAction(f.action)}: ${f.reason}`));
  const handled = new Set(reconciled?.handled ?? []);
  await rollbacks(deps, state, report, handled);
  const gates = await runGates(
    [...state.mrs, ...applied.created],
    reconciled?.branches ?? [],
    applied.rewritten,
    {
      project: platform,
      config,
      botEmails,
      now,
      dryRun: deps.dryRun,
      logger,
    },
  );
  report.merged.push(...gates.merged);
  report.gate.push(...gates.lines);
  report.errors.push(...gates.errors);
  if (!config.dependencyDashboard) return;
  const writeErrors = [
    ...(reconciled?.errored ?? []),
    ...applied.failures.flatMap((f) =>
      f.action.kind === 'create' || f.action.kind === 'rebuild'
        ? [{ branch: f.action.branch, reason: f.reason }]
        : [],
    ),
  ];
  await updateDashboard(deps, state, now, report, {
    plan,
    reconciled,
    open: gates.open,
    writeErrors,
    handled,
  });
}

/** Plans (unless the config is broken) and diffs the plan against GitLab: pure after the look-ups. */
async function decide(deps: PassDependencies, state: PassState, now: Date, report: PassReport) {
  const { snapshot } = state;
  if (snapshot.configErrors.length > 0) return { plan: undefined, reconciled: undefined };
  const requestsBefore = deps.indexes.stats().requests;
  const plan = await planSnapshot(snapshot, {
    indexFor: (path) => deps.indexes.indexFor(snapshot.pairs.find((p) => p.file.path === path)!.file),
    now,
  });
  report.lookups = deps.indexes.stats().requests - requestsBefore;
  const reconciled = reconcile({
    config: snapshot.config,
    pairs: snapshot.pairs,
    branches: plan.branches,
    actual: {
      botId: state.bot.id,
      head: state.head,
      mrs: state.mrs,
      branches: state.branches,
      servedChanged: state.servedChanged,
    },
    intents: state.intents,
    now,
  });
  return { plan, reconciled };
}

interface PassOutcome {
  plan: PlanOutput | undefined;
  reconciled: Reconciled | undefined;
  open: OpenItem[];
  writeErrors: Reconciled['errored'];
  handled: Set<string>;
}

/** Records new known-good sets and rewrites the dashboard when its text changed. */
async function updateDashboard(
  deps: PassDependencies,
  state: PassState,
  now: Date,
  report: PassReport,
  outcome: PassOutcome,
) {
  const { snapshot, project: info } = state;
  const { config } = snapshot;
  const platform = deps.platform.forProject(info.id);
  const previous = state.dashboard ? parseDashboard(state.dashboard.description).knownGood : [];
  const knownGood = await recordKnownGoodSets(platform, state.mrs, previous, info.defaultBranch, now);
  const model = dashboardModel({
    plan: outcome.plan ?? {
      rows: [],
      branches: [],
      errored: [],
      diagnostics: [],
      notPinned: [],
      missingMetadata: [],
    },
    pairs: snapshot.pairs,
    timezone: config.timezone,
    branches: outcome.reconciled?.branches ?? [],
    closed: outcome.reconciled?.closed ?? [],
    writeErrors: outcome.writeErrors,
    open: outcome.open,
    knownGood,
    problems: [
      ...snapshot.configErrors.map((d) => `${formatLocation(d)}: ${d.message}`),
      ...snapshot.missing.map((path) => `${path}: configured constraints file not found`),
    ],
  });
  const written = await writeDashboard(
    platform,
    config,
    state.dashboard,
    model,
    outcome.handled,
    state.ticks.refused,
    deps.dryRun,
  );
  if (written.change) {
    const verb = written.change === 'created' ? 'create' : 'update';
    report.actions.push(`${deps.dryRun ? 'would ' : ''}${verb} the dashboard`);
  }
}

/** Ticked `rollback-to` boxes open their rollback MRs (SPEC §9). */
async function rollbacks(deps: PassDependencies, state: PassState, report: PassReport, handled: Set<string>) {
  const platform = deps.platform.forProject(state.project.id);
  for (const sha of state.intents.rollbackTo) {
    handled.add(`rollback-to=${sha}`);
    try {
      const plan = await planRollback(platform, state.snapshot, state.head, sha);
      if (!plan) {
        report.actions.push(`rollback to ${sha.slice(0, 8)}: the constraints files already match`);
        continue;
      }
      if (deps.dryRun) {
        report.actions.push(`would open "${plan.title}"`);
        continue;
      }
      const iid = await openRollback(platform, plan, state.head, state.project.defaultBranch, state.mrs);
      report.created.push(iid);
      report.actions.push(`open rollback MR !${iid} "${plan.title}"`);
    } catch (error) {
      report.errors.push(
        `rollback to ${sha.slice(0, 8)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
