import type { Logger } from 'pino';
import type { RepoConfig } from '../config/schema.js';
import type { OpenItem } from '../dashboard/model.js';
import { hasGateComment, renderGateComment } from '../gate/comment.js';
import { describeGate } from '../gate/describe.js';
import { evaluateGate, latestPipelineFor } from '../gate/evaluate.js';
import type { GateDecision } from '../gate/types.js';
import type { PlannedBranch } from '../plan/types.js';
import { ConflictError } from '../platform/errors.js';
import type { MergeRequest, ProjectPlatform } from '../platform/types.js';
import { compileSchedule, isInSchedule } from '../policy/schedule.js';

export interface GateContext {
  project: ProjectPlatform;
  config: RepoConfig;
  botEmails: string[];
  now: Date;
  dryRun: boolean;
  logger: Logger;
}

export interface GateOutcome {
  open: OpenItem[];
  merged: number[];
  /** `!IID merged` / `!IID not merged: reason`, for the run output. */
  lines: string[];
  /** Merge or comment calls that failed; the MR is retried on the next pass. */
  errors: string[];
}

/**
 * SPEC §6.4 for every open bot MR: read its pipelines and jobs, decide (pure), then merge with the checked SHA,
 * or comment once per head when the installation tests failed. MRs whose head this pass replaced wait.
 */
export async function runGates(
  mrs: MergeRequest[],
  branches: PlannedBranch[],
  rewritten: Set<string>,
  context: GateContext,
): Promise<GateOutcome> {
  const outcome: GateOutcome = { open: [], merged: [], lines: [], errors: [] };
  const planned = new Map(branches.map((b) => [b.branch, b]));
  for (const mr of mrs.filter((m) => m.state === 'opened')) {
    if (rewritten.has(mr.sourceBranch)) {
      // Worded as the gate words it, so the next pass does not rewrite the dashboard for nothing.
      outcome.open.push(openItem(mr, 'waiting for a pipeline'));
      outcome.lines.push(`!${mr.iid} not merged: its branch was just written, waiting for a pipeline`);
      continue;
    }
    try {
      const decision = await decide(mr, planned.get(mr.sourceBranch), context);
      await act(mr, decision, context, outcome);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome.errors.push(`!${mr.iid}: ${reason}`);
      outcome.open.push(openItem(mr, `gate check failed: ${reason}`));
      outcome.lines.push(`!${mr.iid} not merged: ${reason}`);
    }
  }
  return outcome;
}

async function decide(
  mr: MergeRequest,
  branch: PlannedBranch | undefined,
  context: GateContext,
): Promise<GateDecision> {
  const { project, config } = context;
  const [pipelines, commits] = await Promise.all([
    project.listPipelines({ sha: mr.sha }),
    project.listMergeRequestCommits(mr.iid),
  ]);
  const latest = latestPipelineFor(pipelines, mr.sha);
  const jobs = latest ? await project.listPipelineJobs(latest.id) : [];
  const automergeSchedule = branch?.automergeSchedule ?? config.automergeSchedule;
  return evaluateGate({
    mr,
    commits,
    botEmails: context.botEmails,
    pipelines,
    jobs,
    automerge: branch?.automerge ?? config.automerge,
    inAutomergeSchedule: isInSchedule(compileSchedule(automergeSchedule, config.timezone), context.now),
    requiredJobs: config.pingate.requiredJobs,
  });
}

async function act(mr: MergeRequest, decision: GateDecision, context: GateContext, outcome: GateOutcome) {
  const { project } = context;
  if (decision.verdict === 'merge') {
    if (context.dryRun) {
      outcome.lines.push(`!${mr.iid} would be merged (head ${decision.checkedSha.slice(0, 8)})`);
      outcome.open.push(openItem(mr, describeGate(decision)));
      return;
    }
    try {
      await project.mergeMergeRequest(mr.iid, { sha: decision.checkedSha });
      outcome.merged.push(mr.iid);
      outcome.lines.push(`!${mr.iid} merged (head ${decision.checkedSha.slice(0, 8)})`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // The head moved or GitLab is not ready: never loop here, the next pass checks the new head.
      outcome.lines.push(
        `!${mr.iid} not merged: GitLab refused the merge (${error.message}); retried next pass`,
      );
      outcome.open.push(openItem(mr, 'merge refused by GitLab: retried next pass'));
    }
    return;
  }
  if (decision.verdict === 'failed' && !context.dryRun) {
    const notes = await project.listMergeRequestNotes(mr.iid);
    if (!hasGateComment(notes, decision.checkedSha)) {
      await project.createMergeRequestNote(mr.iid, renderGateComment(decision, mr));
    }
  }
  outcome.lines.push(`!${mr.iid} not merged: ${decision.reason}`);
  outcome.open.push(openItem(mr, describeGate(decision)));
}

function openItem(mr: MergeRequest, gateState: string): OpenItem {
  return { branch: mr.sourceBranch, iid: mr.iid, title: mr.title, gateState };
}
