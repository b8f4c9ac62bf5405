import type { RepoConfigInput } from '../../src/config/schema.js';
import { renderYaml } from '../../src/constraints/yaml.js';
import { renderDescription } from '../../src/mr/description.js';
import type { ServedPair } from '../../src/pass/snapshot.js';
import type { Disposition, PlannedBranch } from '../../src/plan/types.js';
import type { Branch, MergeRequest } from '../../src/platform/types.js';
import type { Action } from '../../src/reconcile/actions.js';
import { servedDigest } from '../../src/reconcile/rebase-when.js';
import { type ReconcileInput, reconcile } from '../../src/reconcile/reconcile.js';
import { intentsOf, type TickIntents } from '../../src/reconcile/ticks.js';
import { branch, config, file, update } from '../plan/builders.js';

export const BOT = 1;
export const PERSON = 7;
export const HEAD = 'head0000';
export const NOW = new Date('2026-03-14T12:00:00Z');

/** The default branch's constraints.txt, with a current yaml beside it. */
export const TEXT = 'attrs==23.1.0\nsix==1.16.0\nidna==3.6\n';

export function pairs(text = TEXT): ServedPair[] {
  const [served] = config().pingate.files;
  const parsed = file(text, served!.constraintsFile);
  const yamlText = renderYaml(parsed, {
    format: served!.yamlFormat,
    key: served!.yamlKey,
    variable: served!.yamlVariable,
    sourceName: served!.constraintsFile,
  });
  return [{ served: served!, file: parsed, yamlText }];
}

/** The planned branch moving `name` (pinned in TEXT at `from`) to `to`. */
export function planned(name: string, from: string, to: string, disposition?: Disposition): PlannedBranch {
  return branch({
    updates: [update({ name, from, to })],
    ...(disposition ? { disposition } : {}),
    conflictSummary: 'pip can install the updated set.',
  });
}

let iid = 100;

/** A bot MR as GitLab lists it, its description rendered for `of` (as a pass that created it would have). */
export function mr(of: PlannedBranch, overrides: Partial<MergeRequest> = {}): MergeRequest {
  iid += 1;
  return {
    iid,
    title: of.title,
    description: renderDescription(of, {
      base: HEAD,
      // As built on the fixtures' default files (`pairs()`).
      served: servedDigest(pairs()),
      requiredJobs: [],
      automergeSchedule: of.automergeSchedule,
    }),
    state: 'opened',
    draft: false,
    sourceBranch: of.branch,
    targetBranch: 'main',
    sha: `sha${iid}`,
    authorId: BOT,
    createdAt: '2026-03-01T00:00:00Z',
    closedBy: null,
    webUrl: `https://gitlab.example/p/-/merge_requests/${iid}`,
    mergeability: { kind: 'ready', label: 'mergeable', hostStatus: 'mergeable' },
    labels: [],
    ...overrides,
  };
}

export function gitBranch(name: string): Branch {
  return { name, commitSha: `c-${name}` };
}

export interface Scenario {
  branches: PlannedBranch[];
  mrs?: MergeRequest[];
  gitBranches?: string[];
  /** The default branch's head when it moved on since the MRs were built (on HEAD). */
  head?: string;
  intents?: Partial<TickIntents>;
  repo?: RepoConfigInput;
  text?: string;
}

export function run(scenario: Scenario) {
  const input: ReconcileInput = {
    config: config({ prHourlyLimit: 0, ...scenario.repo }),
    pairs: pairs(scenario.text),
    branches: scenario.branches,
    actual: {
      botId: BOT,
      head: scenario.head ?? HEAD,
      mrs: scenario.mrs ?? [],
      branches: (scenario.gitBranches ?? []).map(gitBranch),
    },
    intents: { ...intentsOf([]), ...scenario.intents },
    now: NOW,
  };
  return reconcile(input);
}

/** Actions in one line each: `create BRANCH`, `rebuild !IID (why)`, `retitle !IID`, `close !IID`, `delete BRANCH`. */
export function actionLines(result: ReturnType<typeof reconcile>): string[] {
  return result.actions.map(actionLine);
}

function actionLine(action: Action): string {
  switch (action.kind) {
    case 'create':
      return `create ${action.branch.branch}`;
    case 'rebuild':
      return `rebuild !${action.mr.iid} (${action.why})`;
    case 'retitle':
      return `retitle !${action.mr.iid}`;
    case 'close':
      return `close !${action.mr.iid}`;
    case 'delete-branch':
      return `delete ${action.name}`;
    default:
      return action.kind;
  }
}
