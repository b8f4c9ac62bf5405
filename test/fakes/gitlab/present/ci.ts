import { latestJobs, pipelineStatus, pipelineTimes } from '../pipelines.js';
import { type State, webUrlOf } from '../store.js';
import type { Job, Pipeline, Project } from '../types.js';
import { presentUserById } from './people.js';

export function presentPipelineBasic(state: State, project: Project, pipeline: Pipeline) {
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: project.id,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipelineStatus(pipeline),
    source: pipeline.source,
    created_at: pipeline.createdAt.toISOString(),
    updated_at: pipeline.updatedAt.toISOString(),
    web_url: webUrlOf(state, project, `/-/pipelines/${pipeline.id}`),
  };
}

export function presentPipeline(state: State, project: Project, pipeline: Pipeline) {
  const times = pipelineTimes(pipeline);
  const duration =
    times.startedAt && times.finishedAt
      ? Math.round((times.finishedAt.getTime() - times.startedAt.getTime()) / 1000)
      : null;
  const status = pipelineStatus(pipeline);
  return {
    ...presentPipelineBasic(state, project, pipeline),
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: null,
    user: presentUserById(state, pipeline.userId),
    started_at: times.startedAt?.toISOString() ?? null,
    finished_at: times.finishedAt?.toISOString() ?? null,
    committed_at: null,
    duration,
    queued_duration: null,
    coverage: null,
    detailed_status: { icon: `status_${status}`, text: status, label: status, group: status },
    jobs_count: latestJobs(pipeline).length,
  };
}

export function presentJob(state: State, project: Project, pipeline: Pipeline, job: Job) {
  const duration =
    job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : null;
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: pipeline.ref,
    tag: false,
    coverage: null,
    allow_failure: job.allowFailure,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    erased_at: null,
    duration,
    queued_duration: null,
    user: presentUserById(state, pipeline.userId),
    failure_reason: job.status === 'failed' ? 'script_failure' : undefined,
    pipeline: {
      id: pipeline.id,
      project_id: project.id,
      ref: pipeline.ref,
      sha: pipeline.sha,
      status: pipelineStatus(pipeline),
    },
    web_url: webUrlOf(state, project, `/-/jobs/${job.id}`),
  };
}
