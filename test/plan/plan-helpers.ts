import type { RepoConfigInput } from '../../src/config/schema.js';
import type { ConstraintsFile, Diagnostic } from '../../src/constraints/types.js';
import { buildPlan, type PlanOutput } from '../../src/plan/build-plan.js';
import type { LookupResult } from '../../src/plan/collect-updates.js';
import type { PlannedBranch } from '../../src/plan/types.js';
import type { VerdictMemo } from '../../src/plan/verdict-memo.js';
import { config, file } from './builders.js';

/** Saturday noon in UTC: inside the default `every weekend` schedule. */
export const SATURDAY = new Date('2026-03-14T12:00:00Z');
/** Wednesday noon in UTC. */
export const WEDNESDAY = new Date('2026-03-11T12:00:00Z');

export interface PlanOptions {
  repo?: RepoConfigInput;
  now?: Date;
  /** Requires-Dist per `name@version`; a release not listed has no known metadata. Default: every release needs nothing. */
  requires?: Record<string, string[]>;
  files?: ConstraintsFile[];
  diagnostics?: Diagnostic[];
  /** Compute the freeze: always, as `pingate plan` does, or as a bot pass does (`'when-incomplete'`). */
  freeze?: boolean | 'when-incomplete';
  /** A verdict memo carried from an earlier plan. */
  verdicts?: VerdictMemo;
}

/** Plans one constraints text (or `options.files`) against projects by normal name. */
export function plan(
  text: string,
  projects: Record<string, LookupResult>,
  options: PlanOptions = {},
): PlanOutput {
  return buildPlan({
    config: config(options.repo),
    files: options.files ?? [file(text)],
    lookup: (_file, name) => projects[name],
    requiresDist: (name, version) => (options.requires ? options.requires[`${name}@${version}`] : []),
    now: options.now ?? SATURDAY,
    diagnostics: options.diagnostics ?? [],
    ...(options.freeze ? { freeze: options.freeze } : {}),
    ...(options.verdicts ? { verdicts: options.verdicts } : {}),
  });
}

/** A branch in one line: `BRANCH: name from→to, … [disposition]`. */
export function brief(branch: PlannedBranch): string {
  const moves = branch.updates.map((u) => `${u.name} ${u.from}→${u.to}`).join(', ');
  const { disposition } = branch;
  const detail =
    disposition.kind === 'blocked'
      ? `: ${disposition.reason}`
      : disposition.kind === 'awaiting-schedule'
        ? ` until ${disposition.until}`
        : disposition.kind === 'pending-age'
          ? ` until ${disposition.eligibleAt}`
          : '';
  return `${branch.branch}: ${moves} [${disposition.kind}${detail}]`;
}
