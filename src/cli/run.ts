import { Command } from 'commander';
import { DEFAULT_INDEX_URL } from '../config/defaults.js';
import { BadInputError } from '../errors.js';
import { rememberReads } from '../fleet/read-memo.js';
import { rememberAccess } from '../fleet/remember-access.js';
import { DEFAULT_FLEET_CONCURRENCY, runFleet } from '../fleet/run-fleet.js';
import { selectProjects } from '../fleet/select-projects.js';
import { formatShard } from '../fleet/shard.js';
import { summaryTable } from '../fleet/summary-table.js';
import { createPassRunner } from '../pass/run-pass.js';
import type { PassReport } from '../pass/types.js';
import type { CommandFactory } from './commands.js';
import { collect, type GitLabFlags, gitlabContext } from './gitlab-context.js';
import { reportHostVersion } from './host-version.js';
import { startProgress } from './progress.js';

interface RunFlags extends GitLabFlags {
  dryRun?: boolean;
  projectConcurrency?: string;
}

const EXAMPLES = `
Examples:
  GITLAB_TOKEN=glpat-… pingate run --project group/service --dry-run
  GITLAB_TOKEN=glpat-… pingate run --autodiscover --autodiscover-filter 'python/**' --shard 2/4
`;

export const runCommand: CommandFactory = (setExitCode) =>
  new Command('run')
    .description('one bot pass over each project: MRs, merges and the Dependency Dashboard')
    .option(
      '--project <id-or-path>',
      'project to serve, repeatable (PINGATE_PROJECTS, else CI_PROJECT_PATH)',
      collect,
    )
    .option(
      '--autodiscover',
      'also serve every project the bot user may open MRs in (PINGATE_AUTODISCOVER=true)',
    )
    .option(
      '--autodiscover-filter <pattern>',
      'keep discovered projects matching a glob, /regex/ or !negation, repeatable (PINGATE_AUTODISCOVER_FILTER)',
      collect,
    )
    .option(
      '--shard <i/n>',
      'serve only slice I of N, by project id (PINGATE_SHARD, else CI_NODE_INDEX/CI_NODE_TOTAL)',
    )
    .option(
      '--project-concurrency <n>',
      `passes of different projects at once (default ${DEFAULT_FLEET_CONCURRENCY})`,
    )
    .option('--gitlab-url <url>', 'GitLab base URL (GITLAB_URL, else CI_SERVER_URL, else https://gitlab.com)')
    .option('--dry-run', 'read everything and print what it would write, writing nothing')
    .option('--now <iso>', 'evaluate schedules and release ages at this instant (PINGATE_NOW)')
    .option('--index-url <url>', `package index (PIP_INDEX_URL; default ${DEFAULT_INDEX_URL})`)
    .option('--osv-url <url>', 'OSV API for advisories (PINGATE_OSV_URL; default https://api.osv.dev)')
    .option('--cache-dir <dir>', 'HTTP cache for index responses (PINGATE_CACHE_DIR)')
    .option(
      '--concurrency <n>',
      'index requests in flight per host, over all projects (default: 100 streams over HTTP/2, 50 connections over HTTP/1.1)',
    )
    .option('--log-level <level>', 'JSON logs on stderr (LOG_LEVEL)')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: RunFlags) => setExitCode(await runAll(flags)));

async function runAll(flags: RunFlags): Promise<number> {
  const concurrency = projectConcurrency(flags.projectConcurrency);
  const context = gitlabContext(flags);
  const { settings } = context;
  const memo = rememberReads(context.platform, settings.cacheDir, settings.gitlabUrl);
  const platform = rememberAccess(memo);
  const runner = createPassRunner({ ...context, platform, dryRun: flags.dryRun ?? false });
  try {
    await reportHostVersion(context.platform, context.logger, (line) => process.stdout.write(line));
    const selection = await selectProjects(platform, {
      projects: settings.projects,
      autodiscover: settings.autodiscover,
      filters: settings.autodiscoverFilter,
      ...(settings.shard ? { shard: settings.shard } : {}),
      concurrency,
    });
    for (const warning of selection.warnings) process.stderr.write(`pingate: ${warning}\n`);
    const scope = settings.shard
      ? `shard ${formatShard(settings.shard)} (${selection.otherShards} project(s) left to the other shards)`
      : '';
    if (selection.projects.length === 0) {
      process.stdout.write(`no project to serve${scope ? ` in ${scope}` : ''}\n`);
      return 0;
    }
    const reports = await runProjects(selection.projects, runner, concurrency);
    if (reports.length > 1 || scope) {
      process.stdout.write(`\n${summaryTable(reports, scope ? [`served ${scope}`] : [])}\n`);
    }
    return reports.some((r) => r.unreachable) ? 3 : 0;
  } finally {
    memo.flush();
    await context.indexes.close();
  }
}

/**
 * Each project's block as its pass ends; on a terminal, a progress bar instead, and the blocks once all are done
 * (a bar and blocks written between its redraws would garble each other).
 */
async function runProjects(
  projects: string[],
  runner: ReturnType<typeof createPassRunner>,
  concurrency: number,
): Promise<PassReport[]> {
  const tty = Boolean(process.stderr.isTTY) && projects.length > 1;
  const progress = tty ? startProgress(process.stderr, 'projects') : undefined;
  progress?.update(0, projects.length);
  const reports = await runFleet(projects, runner, {
    concurrency,
    trigger: { reason: 'cli' },
    onReport: (report, done, total) => {
      if (progress) progress.update(done, total);
      else process.stdout.write(`${summary(report)}\n`);
    },
  });
  progress?.stop();
  if (progress) process.stdout.write(`${reports.map(summary).join('\n')}\n`);
  return reports;
}

function projectConcurrency(text: string | undefined): number {
  if (text === undefined) return DEFAULT_FLEET_CONCURRENCY;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1 || Number(text) > 256) {
    throw new BadInputError(
      `--project-concurrency must be a whole number from 1 to 256, found ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** A block per project: the outcome line, then every write and gate decision. */
export function summary(report: PassReport): string {
  const head =
    `${report.project}: ${report.outcome === 'ok' ? 'done' : 'FAILED'} in ${(report.durationMs / 1000).toFixed(1)} s, ` +
    `${report.created.length} MR(s) created, ${report.merged.length} merged, ${report.errors.length} error(s)`;
  const lines = [
    ...report.actions.map((a) => `  - ${a}`),
    ...report.gate.map((g) => `  - ${g}`),
    ...report.errors.map((e) => `  ! ${e}`),
  ];
  return [head, ...(lines.length > 0 ? lines : ['  - nothing to do'])].join('\n');
}
