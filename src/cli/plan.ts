import { Command } from 'commander';
import { DEFAULT_INDEX_URL } from '../config/defaults.js';
import { renderDashboard } from '../dashboard/render.js';
import { BadInputError, formatLocation } from '../errors.js';
import { createLogger } from '../logging/logger.js';
import { osvClientFor } from '../osv/create.js';
import { dashboardModel } from '../pass/dashboard-model.js';
import { indexPoolFor } from '../pass/index-pool.js';
import { planSnapshot, type SnapshotPlan } from '../pass/plan-snapshot.js';
import { type RepoSnapshot, readSnapshot } from '../pass/snapshot.js';
import { localSource } from '../pass/sources.js';
import { applyLimits } from '../plan/apply-limits.js';
import type { PlanOutput } from '../plan/build-plan.js';
import { freezeLines } from '../plan/freeze.js';
import { isUnreachable } from '../pypi/http.js';
import { redactUrl } from '../pypi/redact.js';
import { freezeOffer } from '../reconcile/freeze-offer.js';
import { commandSettings } from './command-settings.js';
import type { CommandFactory } from './commands.js';
import { localPresets } from './local-presets.js';
import { formatColumns, planSummary, planTableLines } from './plan-table.js';
import { startProgress } from './progress.js';

interface PlanFlags {
  dir: string;
  json?: boolean;
  dashboard?: boolean;
  freeze?: boolean;
  now?: string;
  indexUrl?: string;
  osvUrl?: string;
  cacheDir?: string;
  concurrency?: string;
  logLevel?: string;
}

export const planCommand: CommandFactory = (setExitCode) =>
  new Command('plan')
    .description('look every pin up and show what pingate would do now (local dry run, writes nothing)')
    .option('--dir <dir>', 'repository checkout to plan', '.')
    .option('--json', 'print the plan as JSON')
    .option('--dashboard', 'print the Dependency Dashboard markdown it would write')
    .option('--freeze', 'print the lines that would pin every requirement no line pins (SPEC §12)')
    .option('--now <iso>', 'evaluate schedules and release ages at this instant (PINGATE_NOW)')
    .option('--index-url <url>', `package index (PIP_INDEX_URL; default ${DEFAULT_INDEX_URL})`)
    .option('--osv-url <url>', 'OSV API for advisories (PINGATE_OSV_URL; default https://api.osv.dev)')
    .option('--cache-dir <dir>', 'HTTP cache for index responses (PINGATE_CACHE_DIR)')
    .option(
      '--concurrency <n>',
      'index requests in flight per host (default: 100 streams over HTTP/2, 50 connections over HTTP/1.1)',
    )
    .option('--log-level <level>', 'JSON logs on stderr (LOG_LEVEL; default warn for plan)')
    .addHelpText(
      'after',
      '\nExample:\n  PIP_INDEX_URL=https://pypi.example.com/simple/ pingate plan --now 2026-11-28T10:00:00Z\n',
    )
    .action(async (flags: PlanFlags) => setExitCode(await runPlan(flags)));

async function runPlan(flags: PlanFlags): Promise<number> {
  // plan is a local preview: warnings and worse only, unless LOG_LEVEL or --log-level says otherwise.
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  const settings = commandSettings(flags, env, []);
  const logger = createLogger(settings.logLevel);
  const presets = localPresets(env, logger);
  const snapshot = await readSnapshot(localSource(flags.dir), presets.reader, presets.context);
  if (snapshot.configErrors.length > 0) {
    for (const d of snapshot.configErrors) process.stderr.write(`${formatLocation(d)}: ${d.message}\n`);
    return 2;
  }
  if (snapshot.pairs.length === 0) {
    const why = snapshot.missing.length > 0 ? `${snapshot.missing.join(', ')} not found` : 'none served';
    const warnings = snapshot.configWarnings.map((d) => `\n${formatLocation(d)}: ${d.message}`).join('');
    throw new BadInputError(`no constraints file: ${why} in ${flags.dir}${warnings}`);
  }
  const pool = indexPoolFor(settings, Boolean(flags.indexUrl ?? env.PIP_INDEX_URL), logger);
  const now = settings.now ?? new Date();
  const progress = startProgress(process.stderr);
  try {
    const plan = await planSnapshot(snapshot, {
      indexFor: (path) => pool.indexFor(snapshot.pairs.find((p) => p.file.path === path)!.file),
      now,
      osv: osvClientFor(settings),
      logger,
      onProgress: progress.update,
      freeze: true,
      verdicts: () => pool.verdicts(now),
    });
    progress.stop();
    const unreachable = unreachableIndex(
      plan,
      snapshot.pairs.map((p) => pool.urlFor(p.file)),
    );
    if (unreachable) {
      process.stderr.write(
        `pingate: ${unreachable.reason}; no pin could be looked up.\n` +
          'Set --index-url or PIP_INDEX_URL to an index this machine can reach, e.g. a local mirror.\n',
      );
      return 3;
    }
    const limited = {
      ...plan,
      branches: applyLimits(
        plan.branches,
        { openBranches: new Set(), createdLastHour: 0, forced: new Set() },
        snapshot.config,
      ),
    };
    if (flags.freeze) return printFreeze(limited);
    process.stdout.write(`${render(limited, flags, snapshot, now)}\n`);
    return 0;
  } finally {
    progress.stop();
    await pool.close();
  }
}

function render(
  plan: PlanOutput,
  flags: PlanFlags,
  snapshot: Awaited<ReturnType<typeof readSnapshot>>,
  now: Date,
): string {
  const { timezone } = snapshot.config;
  if (flags.json) {
    const { missingMetadata: _m, ...rest } = plan as SnapshotPlan;
    delete (rest as Partial<SnapshotPlan>).lookupFailures;
    return JSON.stringify({ now: now.toISOString(), timezone, ...rest }, null, 2);
  }
  if (flags.dashboard) {
    const freeze = previewFreeze(snapshot, plan);
    const model = dashboardModel({ plan, pairs: snapshot.pairs, timezone, branches: plan.branches, freeze });
    const {
      dependencyDashboardTitle: title,
      dependencyDashboardHeader: header,
      dependencyDashboardFooter: footer,
    } = snapshot.config;
    return renderDashboard({ ...model, title, header, footer });
  }
  const problems = plan.diagnostics.map((d) => `${formatLocation(d)}: ${d.message}`);
  return [
    formatColumns(planTableLines(plan, timezone)),
    '',
    ...problems.map((p) => `problem: ${p}`),
    ...plan.notPinned.map((n) => `not pinned: ${n}`),
    ...(plan.freeze ?? []).flatMap((f) => f.problems.map((p) => `freeze: ${f.file}: ${p}`)),
    ...(plan.vulnerabilityProblems ?? []).map((p) => `problem: ${p}`),
    planSummary(plan),
  ].join('\n');
}

/**
 * `plan --freeze`: exactly the block the freeze MR would append, per file (a `# FILE` line first when several files
 * get one). Exit 0; 1 when some file's freeze cannot be completed (why, on stderr), 2 with the conflict check off.
 */
function printFreeze(plan: PlanOutput): number {
  if (!plan.freeze) {
    process.stderr.write('pingate: the freeze needs the conflict check (pingate.checkConflicts is false)\n');
    return 2;
  }
  const withPins = plan.freeze.filter((f) => f.pins.length > 0);
  const lines = withPins.flatMap((f) => [
    ...(withPins.length > 1 ? [`# ${f.file}`] : []),
    ...freezeLines(f.pins),
  ]);
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  const problems = plan.freeze.flatMap((f) => f.problems.map((p) => `pingate: freeze: ${f.file}: ${p}\n`));
  for (const problem of problems) process.stderr.write(problem);
  return problems.length > 0 ? 1 : 0;
}

/** When every look-up failed because the index could not be reached, say so once instead of per package. */
function unreachableIndex(plan: SnapshotPlan, urls: string[]): { url: string; reason: string } | undefined {
  const failures = plan.lookupFailures;
  const looked = plan.rows.filter(
    (r) => r.status === 'errored' || r.status === 'update' || r.status === 'up-to-date',
  );
  if (failures.length === 0 || failures.length < looked.length || !failures.every(isUnreachable))
    return undefined;
  return { url: redactUrl(urls[0]!), reason: failures[0]!.message };
}

/** The freeze box as the dashboard would offer it with no freeze MR open (SPEC §12). */
function previewFreeze(snapshot: RepoSnapshot, plan: PlanOutput) {
  return freezeOffer({ pairs: snapshot.pairs, ...(plan.freeze ? { freeze: plan.freeze } : {}) });
}
