import { Command } from 'commander';
import { BadInputError, UpstreamError } from '../errors.js';
import { createApplier } from '../pass/apply-actions.js';
import { readState } from '../pass/read-state.js';
import { planRollback, rollbackAction } from '../pass/rollback.js';
import type { CommandFactory } from './commands.js';
import { collect, type GitLabFlags, gitlabContext } from './gitlab-context.js';

interface RollbackFlags extends GitLabFlags {
  to: string;
}

export const rollbackCommand: CommandFactory = (setExitCode) =>
  new Command('rollback')
    .description('open an MR that restores the constraints file(s) as of REF and regenerates the yaml')
    .requiredOption('--to <ref>', 'commit SHA, tag or branch to restore from')
    .option('--project <id-or-path>', 'project (PINGATE_PROJECTS, else CI_PROJECT_PATH)', collect)
    .option('--gitlab-url <url>', 'GitLab base URL (GITLAB_URL, else CI_SERVER_URL)')
    .option('--log-level <level>', 'JSON logs on stderr (LOG_LEVEL)')
    .addHelpText('after', '\nExample:\n  pingate rollback --to 3f2a9c1 --project group/service\n')
    .action(async (flags: RollbackFlags) => setExitCode(await rollback(flags)));

async function rollback(flags: RollbackFlags): Promise<number> {
  const context = gitlabContext(flags);
  const [project, ...others] = context.settings.projects;
  if (!project || others.length > 0)
    throw new BadInputError('rollback works on exactly one project: give one --project');
  const { user, project: info } = await context.platform.assertAccess(project);
  const platform = context.platform.forProject(info.id);
  const state = await readState(platform, user, info, undefined);
  const plan = await planRollback(platform, state.snapshot, state.head, flags.to);
  if (!plan) {
    process.stdout.write(
      `nothing to roll back: the constraints files at ${flags.to} match ${info.defaultBranch}\n`,
    );
    return 0;
  }
  const action = rollbackAction(plan, state.mrs);
  if (!action) {
    const open = state.mrs.find((mr) => mr.state === 'opened' && mr.sourceBranch === plan.branch);
    process.stdout.write(`already open: !${open?.iid}: ${plan.title}\n`);
    return 0;
  }
  const applier = createApplier({
    platform: context.platform,
    project: platform,
    botId: user.id,
    botEmails: user.emails ?? [],
    defaultBranch: info.defaultBranch,
    head: state.head,
    assignees: [],
    reviewers: [],
    dryRun: false,
    logger: context.logger,
  });
  const [outcome] = await applier.apply([action]);
  if (outcome?.status !== 'done' || !outcome.mr) {
    throw new UpstreamError(`cannot open "${plan.title}": ${outcome?.reason ?? 'failed'}`, 'GitLab');
  }
  process.stdout.write(`opened !${outcome.mr.iid}: ${plan.title}\n`);
  return 0;
}
