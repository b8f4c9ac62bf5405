import { paramError } from '../errors.js';
import { changesBetween, mergeRequestEvent } from '../events.js';
import { log, requireCommit } from '../git.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import {
  boolParam,
  enumParam,
  intListParam,
  intParam,
  listParam,
  param,
  requireParams,
  stringParam,
} from '../http/params.js';
import { type ApiRequest, json, type Route, route } from '../http/router.js';
import {
  assertCanReopen,
  closeMergeRequest,
  createMergeRequest,
  eligibleUsers,
  findMergeRequest,
  isDraftTitle,
  mergeMergeRequest,
  normaliseLabels,
  reopenMergeRequest,
} from '../merge-requests.js';
import { presentMergeRequest, presentMergeRequestDetail } from '../present/merge-request.js';
import { presentCommit } from '../present/repo.js';
import { now } from '../store.js';
import { AccessLevel, type MergeRequest, type Project } from '../types.js';
import { filterByCommonParams, sortRecords } from './filters.js';

function listMergeRequests(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  const state =
    enumParam(request, 'state', ['opened', 'closed', 'locked', 'merged', 'all'] as const) ?? 'all';
  const source = stringParam(request, 'source_branch');
  const target = stringParam(request, 'target_branch');
  const reviewer = intParam(request, 'reviewer_id');
  const wip = enumParam(request, 'wip', ['yes', 'no'] as const);
  const mergeRequests = filterByCommonParams(request, project.mergeRequests).filter(
    (mr) =>
      (state === 'all' || mr.state === state) &&
      (source === undefined || mr.sourceBranch === source) &&
      (target === undefined || mr.targetBranch === target) &&
      (reviewer === undefined || mr.reviewerIds.includes(reviewer)) &&
      (wip === undefined || isDraftTitle(mr.title) === (wip === 'yes')),
  );
  return paginate(request, sortRecords(request, mergeRequests), (mr) =>
    presentMergeRequest(request.state, project, mr),
  );
}

function create(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.developer);
  requireParams(request, ['source_branch', 'target_branch', 'title']);
  const assignee = intParam(request, 'assignee_id');
  const mr = createMergeRequest(request.state, project, request.user.id, {
    sourceBranch: stringParam(request, 'source_branch')!,
    targetBranch: stringParam(request, 'target_branch')!,
    title: stringParam(request, 'title')!,
    description: stringParam(request, 'description'),
    labels: listParam(request, 'labels'),
    assigneeIds: intListParam(request, 'assignee_ids') ?? (assignee ? [assignee] : undefined),
    reviewerIds: intListParam(request, 'reviewer_ids'),
    removeSourceBranch: boolParam(request, 'remove_source_branch'),
    squash: boolParam(request, 'squash'),
  });
  return json(201, presentMergeRequestDetail(request.state, project, mr));
}

const updateParams = [
  'title',
  'description',
  'state_event',
  'labels',
  'add_labels',
  'remove_labels',
  'assignee_id',
  'assignee_ids',
  'reviewer_ids',
  'remove_source_branch',
  'squash',
  'target_branch',
  'discussion_locked',
  'milestone_id',
  'allow_collaboration',
];

function update(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.developer);
  const mr = findMergeRequest(project, Number(request.params['iid']));
  if (!updateParams.some((name) => param(request, name) !== undefined)) {
    throw paramError(`${updateParams.join(', ')} are missing, at least one parameter must be provided`);
  }
  applyUpdate(request, project, mr);
  return json(200, presentMergeRequestDetail(request.state, project, mr));
}

/** Applies an edit; one hook for the request: close, reopen, or update with the changed fields. */
function applyUpdate(request: ApiRequest, project: Project, mr: MergeRequest): void {
  const stateEvent = enumParam(request, 'state_event', ['close', 'reopen'] as const);
  if (stateEvent === 'reopen') assertCanReopen(project, mr);
  const before = snapshot(mr);
  applyFields(request, project, mr);
  mr.updatedAt = now(request.state);
  const changes = changesBetween(before, snapshot(mr));
  const userId = request.user.id;
  if (stateEvent === 'close') closeMergeRequest(request.state, project, mr, userId, changes);
  else if (stateEvent === 'reopen') reopenMergeRequest(request.state, project, mr, userId, changes);
  else if (Object.keys(changes).length > 0)
    mergeRequestEvent(request.state, project, mr, userId, 'update', changes);
}

function snapshot(mr: MergeRequest): Record<string, unknown> {
  return {
    title: mr.title,
    description: mr.description,
    labels: mr.labels,
    assignees: mr.assigneeIds,
    reviewers: mr.reviewerIds,
    target_branch: mr.targetBranch,
  };
}

function applyFields(request: ApiRequest, project: Project, mr: MergeRequest): void {
  const title = stringParam(request, 'title');
  if (title !== undefined) mr.title = title;
  const description = stringParam(request, 'description');
  if (description !== undefined) mr.description = description;
  const labels = listParam(request, 'labels');
  if (labels !== undefined) mr.labels = normaliseLabels(labels);
  const add = listParam(request, 'add_labels');
  if (add) mr.labels = normaliseLabels([...mr.labels, ...add]);
  const remove = listParam(request, 'remove_labels');
  if (remove) mr.labels = mr.labels.filter((label) => !remove.includes(label));
  const assignee = intParam(request, 'assignee_id');
  const assignees =
    intListParam(request, 'assignee_ids') ?? (assignee !== undefined ? [assignee] : undefined);
  if (assignees)
    mr.assigneeIds = eligibleUsers(
      project,
      assignees.filter((id) => id !== 0),
    );
  const reviewers = intListParam(request, 'reviewer_ids');
  if (reviewers) mr.reviewerIds = eligibleUsers(project, reviewers);
  const removeSource = boolParam(request, 'remove_source_branch');
  if (removeSource !== undefined) mr.forceRemoveSourceBranch = removeSource;
  const squash = boolParam(request, 'squash');
  if (squash !== undefined) mr.squash = squash;
  const target = stringParam(request, 'target_branch');
  if (target !== undefined) mr.targetBranch = target;
}

function merge(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  const mr = findMergeRequest(project, Number(request.params['iid']));
  mergeMergeRequest(request.state, project, mr, request.user.id, {
    sha: stringParam(request, 'sha'),
    mergeCommitMessage: stringParam(request, 'merge_commit_message'),
    squash: boolParam(request, 'squash'),
    shouldRemoveSourceBranch: boolParam(request, 'should_remove_source_branch'),
  });
  return json(200, presentMergeRequestDetail(request.state, project, mr));
}

function commits(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  const mr = findMergeRequest(project, Number(request.params['iid']));
  const target = project.branches.get(mr.targetBranch);
  const list = mr.mergedCommits
    ? mr.mergedCommits.map((sha) => requireCommit(project, sha))
    : log(project, mr.sha, target ? { exclude: target } : {});
  return paginate(request, list, (commit) => presentCommit(request.state, project, commit));
}

export const mergeRequestRoutes: Route[] = [
  route('GET', '/projects/:id/merge_requests', listMergeRequests),
  route('POST', '/projects/:id/merge_requests', create),
  route('GET', '/projects/:id/merge_requests/:iid', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    const mr = findMergeRequest(project, Number(request.params['iid']));
    return json(200, presentMergeRequestDetail(request.state, project, mr));
  }),
  route('PUT', '/projects/:id/merge_requests/:iid', update),
  route('PUT', '/projects/:id/merge_requests/:iid/merge', merge),
  route('GET', '/projects/:id/merge_requests/:iid/commits', commits),
];
