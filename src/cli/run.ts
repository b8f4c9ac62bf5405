import { Command } from 'commander';
import { createPassRunner } from '../pass/run-pass.js';
import type { PassReport } from '../pass/types.js';
import type { CommandFactory } from './commands.js';
import { collect, type GitLabFlags, gitlabContext } from './gitlab-context.js';
import { reportHostVersion } from './host-version.js';

interface RunFlags extends GitLabFlags {
  dryRun?: boolean;
}

export const runCommand: CommandFactory = (setExitCode) =>
  new Command('run')
    .description('one bot pass over each project: MRs, merges and the Dependency Dashboard')
    .option(
      '--project <id-or-path>',
      'project to serve, repeatable (PINGATE_PROJECTS, else CI_PROJECT_PATH)',
      collect,
    )
    .option('--gitlab-url <url>', 'GitLab base URL (GITLAB_URL, else CI_SERVER_URL, else https://gitlab.com)')
    .option('--dry-run', 'read everything and print what it would write, writing nothing')
    .option('--now <iso>', 'evaluate schedules and release ages at this instant (PINGATE_NOW)')
    .option('--index-url <url>', 'package index (PIP_INDEX_URL; default https://pypi.org/pypi/)')
    .option('--cache-dir <dir>', 'HTTP cache for index responses (PINGATE_CACHE_DIR)')
    .option('--concurrency <n>', 'look-ups in flight at most (default 32)')
    .option('--log-level <level>', 'JSON logs on stderr (LOG_LEVEL)')
    .addHelpText(
      'after',
      '\nExample:\n  GITLAB_TOKEN=glpat-… pingate run --project group/service --dry-run\n',
    )
    .action(async (flags: RunFlags) => setExitCode(await runAll(flags)));

async function runAll(flags: RunFlags): Promise<number> {
  const context = gitlabContext(flags);
  const runner = createPassRunner({ ...context, dryRun: flags.dryRun ?? false });
  const reports: PassReport[] = [];
  try {
    await reportHostVersion(context.platform, context.logger, (line) => process.stdout.write(line));
    // One project after another: a failing project is reported and the next one still runs.
    for (const project of context.settings.projects) {
      const report = await runner(project, { reason: 'cli' });
      reports.push(report);
      process.stdout.write(`${summary(report)}\n`);
    }
  } finally {
    await context.indexes.close();
  }
  return reports.some((r) => r.unreachable) ? 3 : 0;
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
