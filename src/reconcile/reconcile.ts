import type { RepoConfig } from '../config/schema.js';
import type { PinEntry } from '../constraints/types.js';
import { BULK_MARKERS, ITEM_MARKERS } from '../dashboard/markers.js';
import { updateCommitContent } from '../mr/commit-content.js';
import { renderDescription } from '../mr/description.js';
import { readMetadata, updatesKey } from '../mr/metadata.js';
import { keepDescriptionEdits, keepTitleEdits } from '../mr/person-edits.js';
import { createdTitle } from '../mr/title.js';
import type { ServedPair } from '../pass/snapshot.js';
import { applyLimits } from '../plan/apply-limits.js';
import { isSecurityTitle } from '../plan/security-names.js';
import type { PlannedBranch } from '../plan/types.js';
import type { Branch, FileAction, MergeRequest } from '../platform/types.js';
import { normalizeName } from '../versioning/normalize.js';
import { compareVersions, isValidVersion } from '../versioning/pep440.js';
import type { Action } from './actions.js';
import { conflictsWithHead, rebaseReason, servedDigest, servedMoved } from './rebase-when.js';
import { BULK_DISPOSITIONS, type TickIntents } from './ticks.js';

/** What GitLab holds for the bot in one project, read at the start of a pass. */
export interface ActualState {
  botId: number;
  /** The default branch's head: every new commit sits on it. */
  head: string;
  /** The bot's MRs whose source branch has the prefix, every state. */
  mrs: MergeRequest[];
  /** Branches with the prefix. */
  branches: Branch[];
}

export interface ReconcileInput {
  config: RepoConfig;
  pairs: ServedPair[];
  /** From the plan: dispositions before limits and ticks. */
  branches: PlannedBranch[];
  actual: ActualState;
  intents: TickIntents;
  now: Date;
}

export interface Reconciled {
  actions: Action[];
  /** Dispositions after limits and ticks, for the dashboard. */
  branches: PlannedBranch[];
  /** Updates blocked for good by an MR a person closed unmerged (SPEC §6.3). */
  closed: PlannedBranch[];
  /** Updates whose commit could not be written, with why. */
  errored: { branch: PlannedBranch; reason: string }[];
  /** `marker=value` ids of the ticks this pass acts on; they are un-ticked when the dashboard is written. */
  handled: Set<string>;
}

const HOUR = 3_600_000;

/** Desired state minus actual state = the writes of a pass (pure). Anything not created by the bot is never in here. */
export function reconcile(input: ReconcileInput): Reconciled {
  const { actual, config } = input;
  const history = historyByBranch(actual.mrs);
  const open = new Map(actual.mrs.filter((mr) => mr.state === 'opened').map((mr) => [mr.sourceBranch, mr]));
  const intents = expandBulk(input.intents, input.branches, open);
  const out: Reconciled = { actions: [], branches: [], closed: [], errored: [], handled: new Set() };
  // A branch with an MR in a state the platform did not know is left to a person: not rebuilt, closed or deleted.
  const held = new Set(actual.mrs.filter((mr) => mr.state === 'unknown').map((mr) => mr.sourceBranch));
  const active = input.branches.filter((branch) => {
    if (held.has(branch.branch)) {
      out.errored.push({ branch, reason: heldReason(actual.mrs, branch.branch) });
      return false;
    }
    const latest = history.get(branch.branch)?.[0];
    const closedByPerson =
      latest?.state === 'closed' && latest.closedBy?.id !== actual.botId && sameUpdates(latest, branch);
    if (closedByPerson && !intents.recreate.has(branch.branch)) out.closed.push(branch);
    return !(closedByPerson && !intents.recreate.has(branch.branch));
  });
  const lastHour = actual.mrs.filter((mr) => input.now.getTime() - Date.parse(mr.createdAt) < HOUR);
  const createdLastHour = lastHour.length;
  const createdSecurityLastHour = lastHour.filter((mr) => isSecurityTitle(mr.title)).length;
  out.branches = applyLimits(
    active,
    { openBranches: new Set(open.keys()), createdLastHour, createdSecurityLastHour, forced: intents.create },
    { prConcurrentLimit: config.prConcurrentLimit, prHourlyLimit: config.prHourlyLimit },
  );
  for (const branch of out.branches) {
    const mr = open.get(branch.branch);
    const action = mr ? keepUpToDate(input, intents, branch, mr) : createIfDue(input, branch);
    if (action && 'reason' in action) out.errored.push({ branch, reason: action.reason });
    else if (action) out.actions.push(action);
    for (const kind of [
      ITEM_MARKERS.approve,
      ITEM_MARKERS.unschedule,
      ITEM_MARKERS.unlimit,
      ITEM_MARKERS.retry,
    ]) {
      if (intents.create.has(branch.branch)) out.handled.add(`${kind}=${branch.branch}`);
    }
    if (intents.rebase.has(branch.branch)) out.handled.add(`${ITEM_MARKERS.rebase}=${branch.branch}`);
    if (intents.recreate.has(branch.branch)) out.handled.add(`${ITEM_MARKERS.recreate}=${branch.branch}`);
  }
  for (const bulk of intents.bulk) out.handled.add(bulk);
  const planned = new Set(input.branches.map((b) => b.branch));
  out.actions.push(...closeObsolete(input, open, planned));
  out.actions.push(...deleteOrphans(actual, open, out.actions, held));
  return out;
}

type Outcome = Action | { reason: string } | undefined;

function createIfDue(input: ReconcileInput, branch: PlannedBranch): Outcome {
  if (branch.disposition.kind !== 'open-mr') return undefined;
  return commitFor(input, branch, (files, title, description) => ({
    kind: 'create',
    branch,
    files,
    title: createdTitle(title, input.config),
    description,
  }));
}

function keepUpToDate(
  input: ReconcileInput,
  intents: TickIntents,
  branch: PlannedBranch,
  mr: MergeRequest,
): Outcome {
  const meta = readMetadata(mr.description);
  const current = meta !== undefined && updatesKey(meta.updates) === updatesKey(branch.updates);
  const mayUpdate = branch.disposition.kind === 'open-mr' || intents.create.has(branch.branch);
  const why =
    !current && mayUpdate
      ? 'newer release'
      : rebaseReason(input.config.rebaseWhen, {
          ticked: intents.rebase.has(branch.branch),
          behind: meta !== undefined && meta.base !== input.actual.head,
          servedMoved: meta === undefined || servedMoved(meta, input.pairs),
          conflicted: conflictsWithHead(mr, meta, input.pairs),
          automerge: branch.automerge,
          mustBeUpToDate: mr.needsRebase === 'behind',
        });
  if (why) {
    const reason = why;
    return commitFor(input, branch, (files, title, description) => ({
      kind: 'rebuild',
      mr,
      branch,
      files,
      title: keepTitleEdits(mr.title, meta?.title, title),
      description: keepDescriptionEdits(mr.description, description.trimEnd()),
      why: reason,
    }));
  }
  if (!current) return undefined;
  // A person's draft marker, title and text around pingate's block are kept (SPEC §11).
  const title = keepTitleEdits(mr.title, meta.title, branch.title);
  const description = keepDescriptionEdits(
    mr.description,
    describe(input, branch, { base: meta.base, served: meta.served }).trimEnd(),
  );
  if (title === mr.title && description === mr.description) return undefined;
  return { kind: 'retitle', mr, title, description };
}

function commitFor(
  input: ReconcileInput,
  branch: PlannedBranch,
  make: (files: FileAction[], title: string, description: string) => Action,
): Outcome {
  const content = updateCommitContent(input.pairs, branch.updates);
  if (content.skipped.length > 0) {
    return { reason: content.skipped.map((s) => `${s.update.name}: ${s.reason}`).join('; ') };
  }
  if (content.actions.length === 0) return undefined;
  return make(
    content.actions,
    branch.title,
    describe(input, branch, { base: input.actual.head, served: servedDigest(input.pairs) }),
  );
}

/** The description of a branch built on `base`, whose served files `served` digests (as recorded, or of the head). */
function describe(
  input: ReconcileInput,
  branch: PlannedBranch,
  { base, served }: { base: string; served: string | undefined },
): string {
  return renderDescription(branch, {
    base,
    ...(served ? { served } : {}),
    requiredJobs: input.config.pingate.requiredJobs,
    automergeSchedule: branch.automergeSchedule,
    notes: input.config.prBodyNotes,
  });
}

/** Newest MR first for each source branch. */
function heldReason(mrs: MergeRequest[], branch: string): string {
  const mr = mrs.find((m) => m.sourceBranch === branch && m.state === 'unknown');
  return `!${mr?.iid} is in a state pingate does not know, so it is left to a person`;
}

function historyByBranch(mrs: MergeRequest[]): Map<string, MergeRequest[]> {
  const byBranch = new Map<string, MergeRequest[]>();
  for (const mr of [...mrs].sort((a, b) => b.iid - a.iid)) {
    byBranch.set(mr.sourceBranch, [...(byBranch.get(mr.sourceBranch) ?? []), mr]);
  }
  return byBranch;
}

function sameUpdates(mr: MergeRequest, branch: PlannedBranch): boolean {
  const meta = readMetadata(mr.description);
  return meta !== undefined && updatesKey(meta.updates) === updatesKey(branch.updates);
}

/** Bulk boxes act on every branch of their section. */
function expandBulk(
  intents: TickIntents,
  branches: PlannedBranch[],
  open: Map<string, MergeRequest>,
): TickIntents {
  const create = new Set(intents.create);
  const rebase = new Set(intents.rebase);
  for (const bulk of intents.bulk) {
    const kinds = BULK_DISPOSITIONS[bulk] ?? [];
    for (const branch of branches) if (kinds.includes(branch.disposition.kind)) create.add(branch.branch);
    if (bulk === BULK_MARKERS.rebaseAllOpen) for (const name of open.keys()) rebase.add(name);
  }
  return { ...intents, create, rebase };
}

/** An open bot MR whose every update the default branch already has (that version or newer) is closed. */
function closeObsolete(
  input: ReconcileInput,
  open: Map<string, MergeRequest>,
  planned: Set<string>,
): Action[] {
  const actions: Action[] = [];
  for (const mr of open.values()) {
    if (planned.has(mr.sourceBranch)) continue;
    const meta = readMetadata(mr.description);
    if (!meta || meta.rollbackTo || meta.updates.length === 0) continue;
    const satisfied = meta.updates.map((u) => pinnedAtLeast(input.pairs, u.file, u.name, u.to));
    if (satisfied.some((found) => found === undefined)) continue;
    const pins = satisfied.join(', ');
    actions.push({
      kind: 'close',
      mr,
      comment: `pingate closed this MR: it is no longer needed, the default branch already pins ${pins}.`,
    });
  }
  return actions;
}

/** `name==version` text when every pin of `name` in `file` is at `to` or newer; undefined otherwise. */
function pinnedAtLeast(pairs: ServedPair[], file: string, name: string, to: string): string | undefined {
  const pair = pairs.find((p) => p.served.constraintsFile === file);
  const normalized = normalizeName(name);
  const pins = (pair?.file.entries ?? []).filter(
    (e): e is PinEntry => e.kind === 'pin' && e.normalizedName === normalized,
  );
  if (pins.length === 0 || !isValidVersion(to)) return undefined;
  const behind = pins.some((pin) => !isValidVersion(pin.version) || compareVersions(pin.version, to) < 0);
  return behind ? undefined : `${pins[0]!.name}==${pins[0]!.version}`;
}

/** Prefixed branches with no open MR that nothing in this pass writes: leftovers of closed MRs or broken passes. */
function deleteOrphans(
  actual: ActualState,
  open: Map<string, MergeRequest>,
  actions: Action[],
  held: ReadonlySet<string>,
): Action[] {
  const written = new Set(
    actions.flatMap((a) => (a.kind === 'create' || a.kind === 'rebuild' ? [a.branch.branch] : [])),
  );
  const closing = new Set(actions.flatMap((a) => (a.kind === 'close' ? [a.mr.sourceBranch] : [])));
  return actual.branches
    .filter((b) => (!open.has(b.name) || closing.has(b.name)) && !written.has(b.name) && !held.has(b.name))
    .map((b) => ({ kind: 'delete-branch', name: b.name }));
}
