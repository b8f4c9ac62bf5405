import { notFound } from '../errors.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { boolParam, enumParam, listParam, stringParam } from '../http/params.js';
import { type ApiRequest, json, type Route, route } from '../http/router.js';
import { findPipeline, isFinishedStatus, pipelineStatus } from '../pipelines.js';
import { presentJob, presentPipeline, presentPipelineBasic } from '../present/ci.js';
import { AccessLevel, type Pipeline } from '../types.js';

const scopes = ['running', 'pending', 'finished', 'branches', 'tags'] as const;

function list(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  const sha = stringParam(request, 'sha');
  const ref = stringParam(request, 'ref');
  const status = stringParam(request, 'status');
  const source = stringParam(request, 'source');
  const scope = enumParam(request, 'scope', scopes);
  const pipelines = project.pipelines.filter((pipeline) => {
    const current = pipelineStatus(pipeline);
    return (
      (sha === undefined || pipeline.sha === sha) &&
      (ref === undefined || pipeline.ref === ref) &&
      (status === undefined || current === status) &&
      (source === undefined || pipeline.source === source) &&
      (scope === undefined || inScope(scope, current))
    );
  });
  return paginate(request, sortPipelines(request, pipelines), (pipeline) =>
    presentPipelineBasic(request.state, project, pipeline),
  );
}

function inScope(scope: (typeof scopes)[number], status: string): boolean {
  if (scope === 'running' || scope === 'pending') return status === scope;
  if (scope === 'finished') return isFinishedStatus(status);
  return scope === 'branches';
}

/** order_by id (default) | status | ref | updated_at | user_id, sort desc (default) | asc. */
function sortPipelines(request: ApiRequest, pipelines: Pipeline[]): Pipeline[] {
  const orderBy =
    enumParam(request, 'order_by', ['id', 'status', 'ref', 'updated_at', 'user_id'] as const) ?? 'id';
  const direction = (enumParam(request, 'sort', ['asc', 'desc'] as const) ?? 'desc') === 'asc' ? 1 : -1;
  const key = (pipeline: Pipeline): string | number => {
    if (orderBy === 'status') return pipelineStatus(pipeline);
    if (orderBy === 'ref') return pipeline.ref;
    if (orderBy === 'updated_at') return pipeline.updatedAt.getTime();
    if (orderBy === 'user_id') return pipeline.userId ?? 0;
    return pipeline.id;
  };
  return [...pipelines].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : a.id - b.id) * direction;
  });
}

function pipelineOf(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  const pipeline = findPipeline(project, Number(request.params['pipeline_id']));
  if (!pipeline) throw notFound();
  return { project, pipeline };
}

export const pipelineRoutes: Route[] = [
  route('GET', '/projects/:id/pipelines', list),

  route('GET', '/projects/:id/pipelines/:pipeline_id', (request) => {
    const { project, pipeline } = pipelineOf(request);
    return json(200, presentPipeline(request.state, project, pipeline));
  }),

  // Newest first; retried attempts only with include_retried=true, as GitLab (≥ 13.5) does.
  route('GET', '/projects/:id/pipelines/:pipeline_id/jobs', (request) => {
    const { project, pipeline } = pipelineOf(request);
    const includeRetried = boolParam(request, 'include_retried') ?? false;
    const scope = listParam(request, 'scope');
    const jobs = pipeline.jobs
      .filter(
        (job) => (includeRetried || !job.retried) && (scope === undefined || scope.includes(job.status)),
      )
      .sort((a, b) => b.id - a.id);
    return paginate(request, jobs, (job) => presentJob(request.state, project, pipeline, job));
  }),
];
