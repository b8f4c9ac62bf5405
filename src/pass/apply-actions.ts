import type { Logger } from 'pino';
import { ConflictError } from '../platform/errors.js';
import type { MergeRequest, Platform, ProjectPlatform } from '../platform/types.js';
import { type Action, describeAction } from '../reconcile/actions.js';
import { applyOne } from './apply-one.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, WriteOutcomeUnknownError } from './write-retry.js';

export interface ApplyContext {
  platform: Platform;
  project: ProjectPlatform;
  /** The bot: what it wrote is found again by its author id and its commit emails. */
  botId: number;
  botEmails: string[];
  defaultBranch: string;
  /** The default branch's head the pass read: every commit sits on it. */
  head: string;
  /** Usernames to assign and ask for review on new MRs. */
  assignees: string[];
  reviewers: string[];
  /** The one switch: a dry run records what it would write and writes nothing. */
  dryRun: boolean;
  logger: Logger;
  retry?: RetryPolicy;
}

/**
 * - `done`: written (or found already written by an interrupted earlier try);
 * - `unchanged`: nothing to write after all (the note exists, the branch is someone else's to leave alone);
 * - `would`: a dry run's;
 * - `refused`: GitLab declined for now (a merge whose head moved or that is not mergeable yet), retried next pass;
 * - `failed`: not written, with the reason; `unknown`: may have been written, the next pass finds out.
 */
export type OutcomeStatus = 'done' | 'unchanged' | 'would' | 'refused' | 'failed' | 'unknown';

export interface ActionOutcome {
  action: Action;
  status: OutcomeStatus;
  /** `describeAction`, prefixed with `would ` in a dry run. */
  line: string;
  reason?: string;
  /** The MR a create or rollback opened, or the MR a merge merged. */
  mr?: MergeRequest;
}

/** What one write reports back to the loop. */
export type Applied = { status: 'done'; mr?: MergeRequest } | { status: 'unchanged'; reason: string };

export interface Applier {
  /** Applies actions in order; one failing action is recorded and the rest go on. Never throws for a write. */
  apply(actions: readonly Action[]): Promise<ActionOutcome[]>;
  /** Every outcome of this pass so far, in order: the run summary, metrics and the dashboard's Errored section. */
  readonly outcomes: readonly ActionOutcome[];
}

/** The one place a pass writes (STYLE: "every write is an Action … carried out by one applier"). */
export function createApplier(context: ApplyContext): Applier {
  const outcomes: ActionOutcome[] = [];
  const policy = context.retry ?? DEFAULT_RETRY_POLICY;
  let people: Promise<People> | undefined;
  const peopleOf = (own?: { assignees: string[]; reviewers: string[] }): Promise<People> => {
    if (own) return resolvePeople({ ...context, ...own });
    people ??= resolvePeople(context);
    return people;
  };
  return {
    outcomes,
    async apply(actions) {
      const these: ActionOutcome[] = [];
      for (const action of actions) {
        const outcome = context.dryRun
          ? { action, status: 'would' as const, line: `would ${describeAction(action)}` }
          : await applyRecorded(action, () =>
              applyOne(action, {
                ...context,
                policy,
                people: (own) => peopleOf(own),
              }),
            );
        if (outcome.status === 'failed' || outcome.status === 'unknown' || outcome.status === 'refused') {
          context.logger.warn({ action: action.kind, reason: outcome.reason }, 'action not applied');
        }
        these.push(outcome);
        outcomes.push(outcome);
      }
      return these;
    },
  };
}

async function applyRecorded(action: Action, run: () => Promise<Applied>): Promise<ActionOutcome> {
  const line = describeAction(action);
  try {
    const applied = await run();
    if (applied.status === 'unchanged') return { action, status: 'unchanged', line, reason: applied.reason };
    return { action, status: 'done', line, ...(applied.mr ? { mr: applied.mr } : {}) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof WriteOutcomeUnknownError) return { action, status: 'unknown', line, reason };
    if (action.kind === 'merge' && error instanceof ConflictError) {
      return { action, status: 'refused', line, reason };
    }
    return { action, status: 'failed', line, reason };
  }
}

export interface People {
  assigneeIds: number[];
  reviewerIds: number[];
}

/** Read once per pass, when the first MR is created (and for an MR with people of its own, for it). */
async function resolvePeople(
  context: Pick<ApplyContext, 'assignees' | 'reviewers' | 'platform'>,
): Promise<People> {
  const { assignees, reviewers } = context;
  if (assignees.length + reviewers.length === 0) {
    return { assigneeIds: [], reviewerIds: [] };
  }
  const ids = await context.platform.findUserIds([...assignees, ...reviewers]);
  const known = (names: string[]) => names.flatMap((n) => (ids.has(n) ? [ids.get(n)!] : []));
  return { assigneeIds: known(assignees), reviewerIds: known(reviewers) };
}

/** True for the outcomes that are problems to report: a write that failed or may not have happened. */
export function isProblem(outcome: ActionOutcome): boolean {
  return outcome.status === 'failed' || outcome.status === 'unknown';
}
