import type { RepoConfig } from '../config/schema.js';
import { ITEM_MARKERS, PLAIN_MARKERS } from '../dashboard/markers.js';
import { pairActions } from '../mr/commit-content.js';
import { freezeKey, freezeTitle, renderFreezeDescription } from '../mr/freeze-description.js';
import { readMetadata } from '../mr/metadata.js';
import { keepDescriptionEdits, keepTitleEdits } from '../mr/person-edits.js';
import { commitTitle, createdTitle } from '../mr/title.js';
import type { ServedPair } from '../pass/snapshot.js';
import { withFreezeBlock } from '../plan/freeze-block.js';
import type { FileFreeze, PlannedBranch } from '../plan/types.js';
import type { FileAction, MergeRequest } from '../platform/types.js';
import type { Action } from './actions.js';
import { readyFiles } from './freeze-offer.js';
import { conflictsWithHead, rebaseReason, servedDigest, servedMoved } from './rebase-when.js';
import type { ActualState } from './reconcile.js';
import type { TickIntents } from './ticks.js';

/**
 * SPEC §12, the freeze MR (pure): the dashboard offers one box while the freeze is incomplete, computable and has
 * no open MR; a tick opens one MR on `{branchPrefix}pin-unpinned` that appends the freeze block to each constraints
 * file and regenerates its yaml in the same commit. While it is open it is kept up to date like any bot MR: a freeze
 * that changed rewrites its commit, and so does a rebase as `rebaseWhen` has it; a freeze the default branch
 * completed by itself closes it. Its merge goes through the same gate as every bot MR.
 */
export interface FreezeMrInput {
  config: RepoConfig;
  pairs: ServedPair[];
  /** The plan's freeze; absent when the plan did not compute it (conflict check off, or nothing unpinned). */
  freeze?: FileFreeze[];
  actual: Pick<ActualState, 'head' | 'mrs'>;
  intents: TickIntents;
}

export interface FreezeMrDecision {
  actions: Action[];
  /** Marker ids of the boxes this decision acted on: they are un-ticked when the dashboard is written. */
  handled: string[];
  /** The pins the dashboard box offers; 0: no box (nothing to pin, not computable, or its MR is open). */
  offer: number;
  /** Why a file's freeze is not offered, for the dashboard's Problems. */
  problems: string[];
}

export function freezeBranchName(config: Pick<RepoConfig, 'branchPrefix'>): string {
  return `${config.branchPrefix}pin-unpinned`;
}

export function decideFreezeMr(input: FreezeMrInput): FreezeMrDecision {
  const name = freezeBranchName(input.config);
  const { ready, problems } = readyFiles(input);
  const count = ready.reduce((sum, file) => sum + file.pins.length, 0);
  const ours = input.actual.mrs.filter((mr) => mr.sourceBranch === name);
  const open = ours.find((mr) => mr.state === 'opened');
  const ticked = input.intents.pinUnpinned === true || input.intents.create.has(name);
  const out: FreezeMrDecision = { actions: [], handled: handledIds(input.intents, name), offer: 0, problems };
  // An MR in a state the platform did not know is left to a person, and nothing is offered beside it.
  if (ours.some((mr) => mr.state === 'unknown')) return out;
  if (!open) {
    // Ticked: the MR opens in this pass, so the box goes (a write that fails gets a retry box under Errored).
    if (ticked && count > 0) out.actions.push(createAction(input, name, ready, count));
    else out.offer = count;
    return out;
  }
  const action = keepUpToDate(input, open, name, ready, count);
  if (action) out.actions.push(action);
  return out;
}

function handledIds(intents: TickIntents, name: string): string[] {
  const ids: string[] = [];
  if (intents.pinUnpinned) ids.push(PLAIN_MARKERS.pinUnpinned);
  if (intents.create.has(name)) ids.push(`${ITEM_MARKERS.retry}=${name}`);
  if (intents.rebase.has(name)) ids.push(`${ITEM_MARKERS.rebase}=${name}`);
  return ids;
}

function createAction(input: FreezeMrInput, name: string, ready: FileFreeze[], count: number): Action {
  const branch = freezeBranch(input.config, name, count);
  return {
    kind: 'create',
    branch,
    files: commitFiles(input.pairs, ready),
    title: createdTitle(branch.title, input.config),
    description: describe(input, branch, ready),
  };
}

function keepUpToDate(
  input: FreezeMrInput,
  mr: MergeRequest,
  name: string,
  ready: FileFreeze[],
  count: number,
): Action | undefined {
  const { freeze, config, actual, intents } = input;
  if (freeze === undefined) return undefined;
  if (freeze.every((file) => file.pins.length === 0 && file.problems.length === 0)) {
    return {
      kind: 'close',
      mr,
      comment:
        'pingate closed this MR: it is no longer needed, the default branch pins every requirement of the pinned set.',
    };
  }
  const meta = readMetadata(mr.description);
  // A freeze that cannot be computed now says nothing about the MR: it is left as it is until it can.
  const covered = new Set((meta?.freeze ?? []).map((pin) => pin.file));
  if (count === 0 || freeze.some((file) => file.problems.length > 0 && covered.has(file.file)))
    return undefined;
  const wanted = ready.flatMap((file) => file.pins.map((pin) => ({ file: file.file, ...pin })));
  // A changed freeze replaces the commit; otherwise `rebaseWhen` decides, as for every bot MR.
  const why =
    meta?.freeze === undefined || freezeKey(meta.freeze) !== freezeKey(wanted)
      ? 'the freeze changed'
      : rebaseReason(config.rebaseWhen, {
          ticked: intents.rebase.has(name),
          behind: meta.base !== actual.head,
          servedMoved: servedMoved(meta, input.pairs),
          conflicted: conflictsWithHead(mr, meta, input.pairs),
          automerge: config.automerge,
          mustBeUpToDate: mr.needsRebase === 'behind',
        });
  if (!why) return undefined;
  const branch = freezeBranch(config, name, count);
  return {
    kind: 'rebuild',
    mr,
    branch,
    files: commitFiles(input.pairs, ready),
    title: keepTitleEdits(mr.title, meta?.title, branch.title),
    description: keepDescriptionEdits(mr.description, describe(input, branch, ready).trimEnd()),
    why,
  };
}

/** The freeze MR as the applier writes any bot branch: one commit on the default branch's head, its own MR. */
function freezeBranch(config: RepoConfig, name: string, count: number): PlannedBranch {
  return {
    branch: name,
    title: commitTitle(freezeTitle(count), config),
    updates: [],
    updateType: 'patch',
    disposition: { kind: 'open-mr' },
    automerge: config.automerge,
    automergeSchedule: config.automergeSchedule,
    schedule: [],
    needsApproval: false,
    labels: [...new Set([...config.labels, ...config.addLabels])],
    conflictSummary: 'pip can install the file with the freeze block on every configured Python.',
  };
}

/** Each file with its block appended, and its yaml regenerated from the result (SPEC §3). */
function commitFiles(pairs: readonly ServedPair[], ready: readonly FileFreeze[]): FileAction[] {
  return ready.flatMap((freeze) => {
    const pair = pairs.find((p) => p.served.constraintsFile === freeze.file)!;
    return pairActions(pair, withFreezeBlock(pair.file.text, freeze.pins));
  });
}

function describe(input: FreezeMrInput, branch: PlannedBranch, ready: FileFreeze[]): string {
  return renderFreezeDescription({
    files: ready.map((freeze) => ({
      freeze,
      yamlFile: input.pairs.find((p) => p.served.constraintsFile === freeze.file)!.served.yamlFile,
    })),
    base: input.actual.head,
    served: servedDigest(input.pairs),
    title: branch.title,
    automerge: branch.automerge,
    requiredJobs: input.config.pingate.requiredJobs,
    automergeSchedule: branch.automergeSchedule,
  });
}
