/** How a test drives CI: scripted pipelines for new commits, jobs finishing, retries. */
import { pipelineEvent } from './events.js';
import { resolveRef } from './git.js';
import {
  createPipeline,
  findJob,
  findPipeline,
  latestJobs,
  retryJob as retryAttempt,
  setJobStatus as setStatus,
} from './pipelines.js';
import { presentJob, presentPipeline } from './present/ci.js';
import type { ProjectRef } from './setup.js';
import { requireProject, type State } from './store.js';
import type { Job, JobScript, JobStatus, Pipeline, Project } from './types.js';

/** A job by id, or by pipeline and name (its latest attempt). */
export type JobRef = number | { pipelineId: number; name: string };

function pipelineOf(project: Project, id: number): Pipeline {
  const pipeline = findPipeline(project, id);
  if (!pipeline) throw new Error(`fake GitLab: no pipeline ${id} in ${project.path}`);
  return pipeline;
}

function jobOf(project: Project, ref: JobRef): { pipeline: Pipeline; job: Job } {
  if (typeof ref === 'number') {
    const found = findJob(project, ref);
    if (!found) throw new Error(`fake GitLab: no job ${ref} in ${project.path}`);
    return found;
  }
  const pipeline = pipelineOf(project, ref.pipelineId);
  const job = latestJobs(pipeline).find((candidate) => candidate.name === ref.name);
  if (!job) throw new Error(`fake GitLab: no job ${ref.name} in pipeline ${ref.pipelineId}`);
  return { pipeline, job };
}

/** A pipeline for a ref (a branch; its head unless `sha` is given), e.g. one a person started by hand. */
export function startPipeline(
  state: State,
  ref: ProjectRef,
  input: { ref: string; sha?: string; jobs: JobScript[]; source?: string; userId?: number },
) {
  const project = requireProject(state, ref);
  const sha = input.sha ?? resolveRef(project, input.ref)?.sha;
  if (!sha) throw new Error(`fake GitLab: no commit for ${input.ref}`);
  const script = input.source ? { jobs: input.jobs, source: input.source } : { jobs: input.jobs };
  const pipeline = createPipeline(state, project, {
    sha,
    ref: input.ref,
    userId: input.userId ?? null,
    script,
  });
  return presentPipeline(state, project, pipeline);
}

export function setJobStatus(state: State, ref: ProjectRef, job: JobRef, status: JobStatus) {
  const project = requireProject(state, ref);
  const found = jobOf(project, job);
  setStatus(state, found.pipeline, found.job, status);
  return presentJob(state, project, found.pipeline, found.job);
}

/** Forces the pipeline's reported status (null: derive it from the jobs again). */
export function setPipelineStatus(state: State, ref: ProjectRef, pipelineId: number, status: string | null) {
  const project = requireProject(state, ref);
  const pipeline = pipelineOf(project, pipelineId);
  pipeline.statusOverride = status;
  pipelineEvent(state, pipeline);
  return presentPipeline(state, project, pipeline);
}

/** Retries a job: the old attempt is kept as retried, the new one gets `status` (default `pending`). */
export function retryJob(state: State, ref: ProjectRef, job: JobRef, status: JobStatus = 'pending') {
  const project = requireProject(state, ref);
  const found = jobOf(project, job);
  const attempt = retryAttempt(state, found.pipeline, found.job, status);
  return presentJob(state, project, found.pipeline, attempt);
}
