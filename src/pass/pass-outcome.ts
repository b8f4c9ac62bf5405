import type { ErroredUpdate } from '../dashboard/model.js';
import type { PlanOutput } from '../plan/build-plan.js';
import type { PlannedBranch } from '../plan/types.js';
import type { Action } from '../reconcile/actions.js';
import type { FreezeMrDecision } from '../reconcile/freeze-mr.js';
import type { Reconciled } from '../reconcile/reconcile.js';
import { type ActionOutcome, isProblem } from './apply-actions.js';
import type { GateOutcome } from './gate-pass.js';
import type { PassReport } from './types.js';

/** What the first, pure half of a pass decided. */
export interface Decided {
  plan?: PlanOutput;
  reconciled?: Reconciled;
  actions: Action[];
  /** `marker=value` ids of the ticks this pass acts on; they are un-ticked when the dashboard is written. */
  handled: Set<string>;
  /** Ticked rollbacks that could not be planned (no such commit, no constraints file there). */
  rollbackErrors: ErroredUpdate[];
  /** The freeze MR's decision (SPEC §12): the dashboard's box and the freeze's problems. */
  freeze?: FreezeMrDecision;
}

export const EMPTY_PLAN: PlanOutput = {
  rows: [],
  branches: [],
  errored: [],
  diagnostics: [],
  notPinned: [],
  missingMetadata: [],
};

/** The dashboard's Errored entries besides failed look-ups (which the model takes from the plan itself). */
export interface ErroredEntries {
  /** Updates whose commit or MR could not be written: they get a `retry-branch` box. */
  branches: { branch: PlannedBranch; reason: string }[];
  /** Other writes that failed, and rollbacks that could not be planned. */
  others: ErroredUpdate[];
}

/** Every problem so far, for the dashboard's Errored section (pure). */
export function erroredEntries(decided: Decided, outcomes: readonly ActionOutcome[]): ErroredEntries {
  const branches = [...(decided.reconciled?.errored ?? [])];
  const others = [...decided.rollbackErrors];
  for (const outcome of outcomes.filter(isProblem)) {
    const { action } = outcome;
    const reason = outcome.reason ?? 'failed';
    if (action.kind === 'create' || action.kind === 'rebuild')
      branches.push({ branch: action.branch, reason });
    // A failed merge is already the MR's gate state under Open.
    else if (action.kind !== 'merge') others.push({ title: capitalise(outcome.line), reason });
  }
  return { branches, others };
}

/** Branches this pass wrote or tried to write: their gate waits for the new head's pipeline. */
export function rewrittenBranches(outcomes: readonly ActionOutcome[]): Set<string> {
  const tried = outcomes.filter((o) => o.status !== 'would' && o.status !== 'unchanged');
  return new Set(
    tried.flatMap(({ action }) => {
      if (action.kind === 'create' || action.kind === 'rebuild') return [action.branch.branch];
      return action.kind === 'open-rollback' ? [action.branch] : [];
    }),
  );
}

export interface PassFacts {
  decided: Decided;
  gates: GateOutcome;
  errored: ErroredEntries;
  outcomes: readonly ActionOutcome[];
}

/** The run summary from the pass's record (pure): every write, gate line, and every Errored entry counted. */
export function fillReport(report: PassReport, facts: PassFacts): void {
  const { outcomes, decided, gates } = facts;
  for (const outcome of outcomes) {
    report.writes?.push({ kind: outcome.action.kind, status: outcome.status });
    if (outcome.action.kind === 'merge') continue;
    if (outcome.status === 'done' || outcome.status === 'would') report.actions.push(outcome.line);
    if (outcome.status === 'done' && outcome.mr) report.created.push(outcome.mr.iid);
  }
  report.merged.push(...gates.merged);
  report.gate.push(...gates.lines);
  report.errors.push(
    ...(decided.plan?.errored ?? []).map((e) => `look up ${e.name} ${e.version}: ${e.reason}`),
    ...(decided.reconciled?.errored ?? []).map((e) => `${e.branch.branch}: ${e.reason}`),
    ...decided.rollbackErrors.map((e) => `${e.title}: ${e.reason}`),
    ...outcomes.filter(isProblem).map((o) => `${o.line}: ${o.reason ?? 'failed'}`),
    ...gates.errors,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
