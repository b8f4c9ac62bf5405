import type { ActionKind } from '../reconcile/actions.js';
import type { OutcomeStatus } from './apply-actions.js';

/** Why a pass runs; a webhook names the user whose edit started it, which authorises dashboard ticks (SPEC §7). */
export interface PassTrigger {
  reason: 'cli' | 'schedule' | 'issue' | 'merge-request' | 'pipeline' | 'push';
  /** GitLab user id of the person whose action the webhook reports. */
  editorId?: number;
  /** Correlates the pass's logs with the webhook delivery that caused it. */
  requestId?: string;
}

export interface PassReport {
  project: string;
  outcome: 'ok' | 'failed';
  /** One line per write made (or, in a dry run, that would be made). */
  actions: string[];
  created: number[];
  merged: number[];
  /** Per open bot MR: `!IID merged` / `!IID not merged: reason`. */
  gate: string[];
  /** Look-up and write failures that did not stop the pass, and the failure that did. */
  errors: string[];
  /** Every write the pass decided, by kind, and what came of it (metrics). */
  writes?: { kind: ActionKind; status: OutcomeStatus }[];
  lookups: number;
  durationMs: number;
  /** GitLab refused the token or could not be reached at all (exit 3 for `run`). */
  unreachable?: boolean;
}

/** Runs one pass over one project (by id or path). Never throws: a failure is a report with outcome `failed`. */
export type PassRunner = (project: string, trigger: PassTrigger) => Promise<PassReport>;
