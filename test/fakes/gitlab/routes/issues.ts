import { forbidden, paramError } from '../errors.js';
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
import { createIssue, findIssue, updateIssue } from '../issues.js';
import { presentIssue } from '../present/issue.js';
import { accessLevelOf } from '../store.js';
import { AccessLevel } from '../types.js';
import { filterByCommonParams, sortRecords } from './filters.js';

function list(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.guest);
  const state = enumParam(request, 'state', ['opened', 'closed', 'all'] as const) ?? 'all';
  const confidential = boolParam(request, 'confidential');
  const issues = filterByCommonParams(request, project.issues).filter(
    (issue) =>
      (state === 'all' || issue.state === state) &&
      (confidential === undefined || issue.confidential === confidential),
  );
  return paginate(request, sortRecords(request, issues), (issue) =>
    presentIssue(request.state, project, issue),
  );
}

function create(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.guest);
  requireParams(request, ['title']);
  const assignee = intParam(request, 'assignee_id');
  const issue = createIssue(request.state, project, request.user.id, {
    title: stringParam(request, 'title')!,
    description: stringParam(request, 'description'),
    labels: listParam(request, 'labels'),
    assigneeIds: intListParam(request, 'assignee_ids') ?? (assignee ? [assignee] : undefined),
    confidential: boolParam(request, 'confidential'),
  });
  return json(201, presentIssue(request.state, project, issue));
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
  'confidential',
  'milestone_id',
  'due_date',
  'discussion_locked',
];

function update(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.guest);
  const issue = findIssue(project, Number(request.params['iid']));
  // Reporters manage issues; a Guest may only edit the issues they opened.
  if (accessLevelOf(project, request.user.id) < AccessLevel.reporter && issue.authorId !== request.user.id) {
    throw forbidden();
  }
  if (!updateParams.some((name) => param(request, name) !== undefined)) {
    throw paramError(`${updateParams.join(', ')} are missing, at least one parameter must be provided`);
  }
  const assignee = intParam(request, 'assignee_id');
  updateIssue(request.state, project, issue, request.user.id, {
    title: stringParam(request, 'title'),
    description: stringParam(request, 'description'),
    stateEvent: enumParam(request, 'state_event', ['close', 'reopen'] as const),
    labels: listParam(request, 'labels'),
    addLabels: listParam(request, 'add_labels'),
    removeLabels: listParam(request, 'remove_labels'),
    assigneeIds: intListParam(request, 'assignee_ids') ?? (assignee !== undefined ? [assignee] : undefined),
  });
  return json(200, presentIssue(request.state, project, issue));
}

export const issueRoutes: Route[] = [
  route('GET', '/projects/:id/issues', list),
  route('POST', '/projects/:id/issues', create),
  route('GET', '/projects/:id/issues/:iid', (request) => {
    const project = projectFor(request, AccessLevel.guest);
    return json(200, presentIssue(request.state, project, findIssue(project, Number(request.params['iid']))));
  }),
  route('PUT', '/projects/:id/issues/:iid', update),
];
