import type { Logger } from 'pino';
import { parseDashboard } from '../dashboard/parse.js';
import { formatLocation, PlatformUnavailableError } from '../errors.js';
import type { OsvClient } from '../osv/client.js';
import type { Platform, ProjectPlatform } from '../platform/types.js';
import type { Action } from '../reconcile/actions.js';
import { reconcile } from '../reconcile/reconcile.js';
import { type Applier, createApplier } from './apply-actions.js';
import { dashboardModel } from './dashboard-model.js';
import { dashboardActions } from './dashboard-pass.js';
import { freezeMode, withFreezeMr } from './freeze-pass.js';
import { gateActions, gateOutcome, readGates } from './gate-pass.js';
import type { IndexPool } from './index-pool.js';
import { recordKnownGoodSets } from './known-good-pass.js';
import { type Decided, EMPTY_PLAN, erroredEntries, fillReport, rewrittenBranches } from './pass-outcome.js';
import { planSnapshot } from './plan-snapshot.js';
import { type PassState, readState } from './read-state.js';
import { planRollback, rollbackAction } from './rollback.js';
import { presetSource } from './sources.js';
import type { PassReport, PassRunner, PassTrigger } from './types.js';
import type { RetryPolicy } from './write-retry.js';

export interface PassDependencies {
  platform: Platform;
  indexes: IndexPool;
  /** OSV's API (SPEC §13); without it only the index's own advisories are read. */
  osv?: OsvClient;
  /** The clock; `--now` fixes it. */
  now: () => Date;
  dryRun: boolean;
  logger: Logger;
  /** The write-retry policy; the default waits and retries a few times (see write-retry.ts). */
  retry?: RetryPolicy;
}

/** The runner `run` and `serve` share: one pass over one project, never throwing. */
export function createPassRunner(deps: PassDependencies): PassRunner {
  return (project, trigger) => runPass(deps, project, trigger);
}

/**
 * SPEC §6: read one commit and the bot's state → plan → diff → apply → gate → apply → dashboard → apply. Every
 * write is an Action that a pure step decides and the one applier carries out (dry run, retries, outcomes).
 */
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
    writes: [],
    lookups: 0,
    durationMs: 0,
  };
  const logger = deps.logger.child({ project, trigger: trigger.reason, requestId: trigger.requestId });
  try {
    const { user, project: info } = await deps.platform.assertAccess(project);
    const projectPlatform = deps.platform.forProject(info.id);
    const presets = presetSource(deps.platform);
    const state = await readState(projectPlatform, user, info, trigger.editorId, presets);
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
  if (!config.enabled) {
    report.actions.push('pingate is disabled by renovate.json ("enabled": false): nothing to do');
    return;
  }
  const platform = deps.platform.forProject(state.project.id);
  const now = deps.now();
  const applier = createApplier({
    platform: deps.platform,
    project: platform,
    botId: state.bot.id,
    botEmails: state.bot.emails ?? [],
    defaultBranch: state.project.defaultBranch,
    head: state.head,
    assignees: config.assignees,
    reviewers: config.reviewers,
    dryRun: deps.dryRun,
    logger,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  const decided = await decide(deps, state, now, report);
  const rollbackActions = await rollbacks(platform, state, decided, report);
  const first = await applier.apply([...decided.actions, ...rollbackActions]);
  const created = first.flatMap((o) => (o.mr && o.action.kind !== 'merge' ? [o.mr] : []));
  const reads = await readGates(
    [...state.mrs, ...created],
    decided.reconciled?.branches ?? [],
    rewrittenBranches(first),
    { project: platform, config, botEmails: state.bot.emails ?? [], now },
  );
  await applier.apply(gateActions(reads));
  const gates = gateOutcome(reads, applier.outcomes);
  const errored = erroredEntries(decided, applier.outcomes);
  if (config.dependencyDashboard) {
    await updateDashboard(platform, state, now, applier, { decided, gates, errored });
  }
  fillReport(report, { decided, gates, errored, outcomes: applier.outcomes });
}

/** Plans (unless the config is broken) and diffs the plan against GitLab: pure after the look-ups. */
async function decide(
  deps: PassDependencies,
  state: PassState,
  now: Date,
  report: PassReport,
): Promise<Decided> {
  const { snapshot } = state;
  if (snapshot.configErrors.length > 0) return { actions: [], handled: new Set(), rollbackErrors: [] };
  const requestsBefore = deps.indexes.stats().requests;
  const plan = await planSnapshot(snapshot, {
    indexFor: (path) => deps.indexes.indexFor(snapshot.pairs.find((p) => p.file.path === path)!.file),
    now,
    ...(deps.osv ? { osv: deps.osv } : {}),
    logger: deps.logger,
    freeze: freezeMode(snapshot.config, state.mrs),
    verdicts: deps.indexes.verdicts(now),
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
    },
    intents: state.intents,
    now,
  });
  const { actions, freeze } = withFreezeMr(state, plan, reconciled);
  return {
    plan,
    reconciled,
    actions,
    handled: new Set([...reconciled.handled, ...freeze.handled]),
    rollbackErrors: [],
    freeze,
  };
}

/** Ticked `rollback-to` boxes (SPEC §9): read what each restores, then decide its MR. */
async function rollbacks(
  platform: ProjectPlatform,
  state: PassState,
  decided: Decided,
  report: PassReport,
): Promise<Action[]> {
  const actions: Action[] = [];
  for (const sha of state.intents.rollbackTo) {
    decided.handled.add(`rollback-to=${sha}`);
    try {
      const plan = await planRollback(platform, state.snapshot, state.head, sha);
      const action = plan && rollbackAction(plan, state.mrs);
      if (action) actions.push(action);
      else if (!plan)
        report.actions.push(`rollback to ${sha.slice(0, 8)}: the constraints files already match`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      decided.rollbackErrors.push({ title: `Roll back to ${sha.slice(0, 8)}`, reason });
    }
  }
  return actions;
}

/** Records new known-good sets, then lets the applier write the dashboard when its text changed. */
async function updateDashboard(
  platform: ProjectPlatform,
  state: PassState,
  now: Date,
  applier: Applier,
  outcome: Pick<Parameters<typeof fillReport>[1], 'decided' | 'gates' | 'errored'>,
) {
  const { snapshot, project: info } = state;
  const { config } = snapshot;
  const previous = state.dashboard ? parseDashboard(state.dashboard.description).knownGood : [];
  const knownGood = await recordKnownGoodSets(platform, state.mrs, previous, info.defaultBranch, now);
  const model = dashboardModel({
    plan: outcome.decided.plan ?? EMPTY_PLAN,
    pairs: snapshot.pairs,
    timezone: config.timezone,
    branches: outcome.decided.reconciled?.branches ?? [],
    closed: outcome.decided.reconciled?.closed ?? [],
    writeErrors: outcome.errored.branches,
    failedWrites: outcome.errored.others,
    open: outcome.gates.open,
    knownGood,
    ...(outcome.decided.freeze ? { freeze: outcome.decided.freeze } : {}),
    problems: [
      ...snapshot.configErrors.map((d) => `${formatLocation(d)}: ${d.message}`),
      ...snapshot.missing.map((path) => `${path}: configured constraints file not found`),
    ],
  });
  await applier.apply(
    dashboardActions(config, {
      existing: state.dashboard,
      model: { ...model, header: config.dependencyDashboardHeader, footer: config.dependencyDashboardFooter },
      handled: outcome.decided.handled,
      refused: state.ticks.refused,
    }),
  );
}
