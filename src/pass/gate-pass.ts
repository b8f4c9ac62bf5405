import type { RepoConfig } from '../config/schema.js';
import type { OpenItem } from '../dashboard/model.js';
import { gateCommentMarker, renderGateComment } from '../gate/comment.js';
import { describeGate } from '../gate/describe.js';
import { evaluateGate, latestPipelineFor } from '../gate/evaluate.js';
import type { GateDecision } from '../gate/types.js';
import type { PlannedBranch } from '../plan/types.js';
import type { MergeRequest, ProjectPlatform } from '../platform/types.js';
import { compileSchedule, isInSchedule } from '../policy/schedule.js';
import type { Action } from '../reconcile/actions.js';
import type { ActionOutcome } from './apply-actions.js';

export interface GateContext {
  project: ProjectPlatform;
  config: RepoConfig;
  botEmails: string[];
  now: Date;
}

/** What the gate read for one open bot MR: a decision, or why there is none. */
export type GateRead =
  | { mr: MergeRequest; kind: 'decided'; decision: GateDecision }
  | { mr: MergeRequest; kind: 'just-written' }
  | { mr: MergeRequest; kind: 'unreadable'; reason: string };

/**
 * SPEC §6.4 for every open bot MR: read its pipelines, jobs and commits and decide (pure). MRs whose head this pass
 * replaced wait for their new pipeline. A failed read is the MR's own problem; the others go on.
 */
export async function readGates(
  mrs: MergeRequest[],
  branches: PlannedBranch[],
  rewritten: ReadonlySet<string>,
  context: GateContext,
): Promise<GateRead[]> {
  const planned = new Map(branches.map((b) => [b.branch, b]));
  // Each MR's reads are its own: they go out side by side, not one MR after another.
  return Promise.all(
    mrs
      .filter((m) => m.state === 'opened')
      .map(async (mr): Promise<GateRead> => {
        if (rewritten.has(mr.sourceBranch)) return { mr, kind: 'just-written' };
        try {
          return { mr, kind: 'decided', decision: await decide(mr, planned.get(mr.sourceBranch), context) };
        } catch (error) {
          return { mr, kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
        }
      }),
  );
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

/** The gate's writes (pure): a merge with the checked head, or one comment per failed head. */
export function gateActions(reads: readonly GateRead[]): Action[] {
  return reads.flatMap((read): Action[] => {
    if (read.kind !== 'decided') return [];
    const { mr, decision } = read;
    if (decision.verdict === 'merge') return [{ kind: 'merge', mr, sha: decision.checkedSha }];
    if (decision.verdict !== 'failed') return [];
    return [
      {
        kind: 'comment',
        on: 'merge-request',
        iid: mr.iid,
        body: renderGateComment(decision, mr),
        marker: gateCommentMarker(decision.checkedSha),
        about: `gate failed on ${decision.checkedSha.slice(0, 8)}`,
      },
    ];
  });
}

export interface GateOutcome {
  open: OpenItem[];
  merged: number[];
  /** `!IID merged` / `!IID not merged: reason`, for the run output. */
  lines: string[];
  /** Reads that failed; the MR is checked again on the next pass. */
  errors: string[];
}

/** What the gate came to once its writes were applied (pure): the run output and the dashboard's Open items. */
export function gateOutcome(reads: readonly GateRead[], outcomes: readonly ActionOutcome[]): GateOutcome {
  const result: GateOutcome = { open: [], merged: [], lines: [], errors: [] };
  const merges = new Map(
    outcomes.flatMap((o) => (o.action.kind === 'merge' ? [[o.action.mr.iid, o] as const] : [])),
  );
  for (const read of reads) {
    const { mr } = read;
    const say = (line: string, state: string) => {
      result.lines.push(`!${mr.iid} ${line}`);
      result.open.push({ branch: mr.sourceBranch, iid: mr.iid, title: mr.title, gateState: state });
    };
    if (read.kind === 'just-written') {
      // Worded as the gate words it, so the next pass does not rewrite the dashboard for nothing.
      say('not merged: its branch was just written, waiting for a pipeline', 'waiting for a pipeline');
      continue;
    }
    if (read.kind === 'unreadable') {
      result.errors.push(`!${mr.iid}: ${read.reason}`);
      say(`not merged: ${read.reason}`, `gate check failed: ${read.reason}`);
      continue;
    }
    const { decision } = read;
    const merge = merges.get(mr.iid);
    if (decision.verdict !== 'merge' || !merge) {
      say(`not merged: ${decision.reason}`, describeGate(decision));
      continue;
    }
    const head = decision.checkedSha.slice(0, 8);
    if (merge.status === 'done') {
      result.merged.push(mr.iid);
      result.lines.push(`!${mr.iid} merged (head ${head})`);
    } else if (merge.status === 'would') {
      say(`would be merged (head ${head})`, describeGate(decision));
    } else if (merge.status === 'refused') {
      // The head moved or GitLab is not ready: never loop here, the next pass checks the new head.
      say(
        `not merged: GitLab refused the merge (${merge.reason}); retried next pass`,
        'merge refused by GitLab: retried next pass',
      );
    } else {
      say(`not merged: ${merge.reason}`, `merge failed: ${merge.reason}`);
    }
  }
  return result;
}
