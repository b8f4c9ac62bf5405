import { DEFAULT_BRANCH_PREFIX, DEFAULT_DASHBOARD_TITLE } from '../config/defaults.js';
import { isConfigFileName } from '../config/locations.js';
import { DASHBOARD_HEADER } from '../dashboard/markers.js';
import type { PassTrigger } from '../pass/types.js';
import type {
  HookEvent,
  HookProject,
  IssueHook,
  MergeRequestHook,
  PipelineHook,
  PushHook,
} from './events.js';

/**
 * Which deliveries start a pass (SPEC §8). A webhook does not carry the project's renovate.json, so routing
 * works from defaults and generous rules: a pass that finds nothing to do costs a few reads, a missed event
 * leaves a ticked box unanswered until the hourly run.
 */
export interface RoutingRules {
  /** Branches pingate creates (default: starts with `pingate/`, renovate.json's default `branchPrefix`). */
  isBotBranch: (branch: string) => boolean;
  /** The default `dependencyDashboardTitle`; an issue whose body starts with the dashboard header also counts. */
  dashboardTitle: string;
  /** Paths on the default branch whose change calls for a pass. */
  isWatchedPath: (path: string) => boolean;
}

export { DEFAULT_BRANCH_PREFIX, DEFAULT_DASHBOARD_TITLE };

/**
 * Served and config files under any configured name: Renovate's config files (`renovate.json`, `renovate.json5`,
 * `.gitlab/renovate.json`, `.renovaterc`, `package.json`, …), and every `.txt`, `.yml` and `.yaml`
 * file, because `pingate.files` may put constraints and yaml files anywhere and their names are per project.
 */
export function isWatchedPathByDefault(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return isConfigFileName(path) || name === 'renovate.json' || /\.(txt|ya?ml)$/i.test(name);
}

export function defaultRoutingRules(): RoutingRules {
  return {
    isBotBranch: (branch) => branch.startsWith(DEFAULT_BRANCH_PREFIX),
    dashboardTitle: DEFAULT_DASHBOARD_TITLE,
    isWatchedPath: isWatchedPathByDefault,
  };
}

export type Route =
  | {
      kind: 'pass';
      project: HookProject;
      trigger: Omit<PassTrigger, 'requestId'>;
      /** Who caused the event, for the "ignore the bot's own events" rule; absent when that rule does not apply. */
      actorId?: number;
      /** Author of the MR, when the event is about one: only the bot's own MRs are acted on. */
      mergeRequestAuthorId?: number;
      why: string;
    }
  | { kind: 'ignore'; why: string };

/** Pipeline statuses after which nothing runs by itself any more. */
const SETTLED_PIPELINE_STATUSES = new Set(['success', 'failed', 'canceled', 'skipped', 'manual']);

/** MR actions that change what the bot must do with its MR (SPEC §8). */
const MR_STATE_ACTIONS = new Set(['close', 'merge', 'reopen']);

/** The MR description's rebase box, ticked (SPEC §6.3). */
const TICKED_REBASE_BOX = /^\s*[-*] \[[xX]\] <!-- rebase-check -->/m;

export function routeEvent(event: HookEvent, rules: RoutingRules): Route {
  switch (event.name) {
    case 'Issue Hook':
      return routeIssue(event.payload, rules);
    case 'Merge Request Hook':
      return routeMergeRequest(event.payload, rules);
    case 'Pipeline Hook':
      return routePipeline(event.payload, rules);
    case 'Push Hook':
      return routePush(event.payload, rules);
  }
}

function routeIssue(hook: IssueHook, rules: RoutingRules): Route {
  const issue = hook.object_attributes;
  const isDashboard = issue.title === rules.dashboardTitle || issue.description.includes(DASHBOARD_HEADER);
  if (!isDashboard) return { kind: 'ignore', why: 'not the dependency dashboard' };
  if (!hook.changes?.description) return { kind: 'ignore', why: 'dashboard description unchanged' };
  return {
    kind: 'pass',
    project: hook.project,
    trigger: { reason: 'issue', editorId: hook.user.id },
    actorId: hook.user.id,
    why: `dashboard #${issue.iid} edited`,
  };
}

function routeMergeRequest(hook: MergeRequestHook, rules: RoutingRules): Route {
  const mr = hook.object_attributes;
  if (!rules.isBotBranch(mr.source_branch)) return { kind: 'ignore', why: 'not a bot branch' };
  const action = mr.action ?? '';
  const rebaseTicked =
    action === 'update' && hook.changes?.description !== undefined && TICKED_REBASE_BOX.test(mr.description);
  if (!MR_STATE_ACTIONS.has(action) && !rebaseTicked) {
    return { kind: 'ignore', why: `merge request action "${action}" needs no pass` };
  }
  return {
    kind: 'pass',
    project: hook.project,
    trigger: { reason: 'merge-request', editorId: hook.user.id },
    actorId: hook.user.id,
    ...(mr.author_id !== undefined ? { mergeRequestAuthorId: mr.author_id } : {}),
    why: rebaseTicked ? `rebase box ticked on !${mr.iid}` : `!${mr.iid} ${action}`,
  };
}

/**
 * Not subject to the bot's-own-event rule: a pipeline's `user` is whoever pushed the commit, and on a bot branch
 * that is always the bot, yet its result is exactly what the merge gate waits for.
 */
function routePipeline(hook: PipelineHook, rules: RoutingRules): Route {
  const pipeline = hook.object_attributes;
  if (!SETTLED_PIPELINE_STATUSES.has(pipeline.status)) {
    return { kind: 'ignore', why: `pipeline ${pipeline.status}, not finished` };
  }
  if (pipeline.tag === true) return { kind: 'ignore', why: 'tag pipeline' };
  const branch = hook.merge_request?.source_branch ?? pipeline.ref;
  const onDefault = branch === hook.project.default_branch && branch !== '';
  if (!rules.isBotBranch(branch) && !onDefault) {
    return { kind: 'ignore', why: 'pipeline of neither a bot branch nor the default branch' };
  }
  return {
    kind: 'pass',
    project: hook.project,
    trigger: { reason: 'pipeline' },
    why: `pipeline ${pipeline.id} on ${branch} ${pipeline.status}`,
  };
}

const NO_COMMIT = /^0+$/;

function routePush(hook: PushHook, rules: RoutingRules): Route {
  const defaultBranch = hook.project.default_branch;
  if (defaultBranch === '' || hook.ref !== `refs/heads/${defaultBranch}`) {
    return { kind: 'ignore', why: 'push to another branch than the default' };
  }
  if (NO_COMMIT.test(hook.after)) return { kind: 'ignore', why: 'default branch deleted' };
  const touched = touchedPaths(hook);
  if (touched !== undefined && !touched.some(rules.isWatchedPath)) {
    return { kind: 'ignore', why: 'push touched no constraints, yaml or config file' };
  }
  return {
    kind: 'pass',
    project: hook.project,
    trigger: { reason: 'push' },
    actorId: hook.user_id,
    why:
      touched === undefined
        ? 'push to the default branch (changed files not listed)'
        : 'push to the default branch touched a served or config file',
  };
}

/**
 * Every path the push's commits added, changed or removed; undefined when the payload cannot tell (GitLab lists
 * only the newest 20 commits, and none for a force push back to an older commit): then assume it matters.
 */
export function touchedPaths(hook: PushHook): string[] | undefined {
  const commits = hook.commits ?? [];
  if (commits.length === 0 || (hook.total_commits_count ?? 0) > commits.length) return undefined;
  return commits.flatMap((commit) => [
    ...(commit.added ?? []),
    ...(commit.modified ?? []),
    ...(commit.removed ?? []),
  ]);
}
