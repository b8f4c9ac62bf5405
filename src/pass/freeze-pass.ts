import type { RepoConfig } from '../config/schema.js';
import type { PlanOutput } from '../plan/build-plan.js';
import type { MergeRequest } from '../platform/types.js';
import type { Action } from '../reconcile/actions.js';
import { decideFreezeMr, type FreezeMrDecision, freezeBranchName } from '../reconcile/freeze-mr.js';
import type { Reconciled } from '../reconcile/reconcile.js';
import type { PlanOptions } from './plan-snapshot.js';
import type { PassState } from './read-state.js';

/**
 * How much of the freeze a bot pass plans (SPEC §12). With the freeze MR open, always: it is kept up to date, and
 * closed once the default branch completes the freeze. Otherwise only for the dashboard's box, and only when a file
 * has requirements no line pins: a complete freeze, the usual warm pass, pays nothing for it.
 */
export function freezeMode(config: RepoConfig, mrs: readonly MergeRequest[]): PlanOptions['freeze'] {
  if (!config.pingate.checkConflicts) return false;
  const branch = freezeBranchName(config);
  if (mrs.some((mr) => mr.sourceBranch === branch && mr.state === 'opened')) return true;
  return config.dependencyDashboard ? 'when-incomplete' : false;
}

/** The freeze MR's writes joined to the pass's others (pure). */
export function withFreezeMr(
  state: PassState,
  plan: PlanOutput,
  reconciled: Reconciled,
): { actions: Action[]; freeze: FreezeMrDecision } {
  const { snapshot } = state;
  const freeze = decideFreezeMr({
    config: snapshot.config,
    pairs: snapshot.pairs,
    ...(plan.freeze ? { freeze: plan.freeze } : {}),
    actual: { head: state.head, mrs: state.mrs },
    intents: state.intents,
  });
  const branch = freezeBranchName(snapshot.config);
  // A leftover freeze branch (its MR closed) is about to be rewritten, not deleted after the write.
  const writes = freeze.actions.some((a) => a.kind === 'create' || a.kind === 'rebuild');
  const others = reconciled.actions.filter(
    (a) => !(writes && a.kind === 'delete-branch' && a.name === branch),
  );
  return { actions: [...others, ...freeze.actions], freeze };
}
