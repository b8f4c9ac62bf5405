import { pipelineEvent } from './events.js';
import { nextId, now, type State } from './store.js';
import type { Job, JobScript, JobStatus, Pipeline, PipelineScript, Project } from './types.js';

const finished: ReadonlySet<string> = new Set(['success', 'failed', 'canceled', 'skipped', 'manual']);
const started: ReadonlySet<string> = new Set(['running', 'success', 'failed', 'canceled', 'canceling']);

/** The jobs that count: the latest attempt of each name. */
export function latestJobs(pipeline: Pipeline): Job[] {
  return pipeline.jobs.filter((job) => !job.retried);
}

type Composite = JobStatus | 'success_with_warnings' | 'ignored';

/** A pipeline's status from its jobs, by GitLab's rules (Gitlab::Ci::Status::Composite). */
export function compositeStatus(jobs: Array<Pick<Job, 'status' | 'allowFailure'>>): string {
  const set = new Set<Composite>();
  for (const job of jobs) {
    if (job.allowFailure && (job.status === 'failed' || job.status === 'canceled'))
      set.add('success_with_warnings');
    else if (job.allowFailure && job.status === 'manual') set.add('ignored');
    else set.add(job.status);
  }
  if (set.size === 0) return 'skipped';
  const onlyOf = (...names: Composite[]) => [...set].every((status) => names.includes(status));
  const anyOf = (...names: Composite[]) => names.some((status) => set.has(status));
  if (onlyOf('skipped', 'ignored')) return 'skipped';
  if (onlyOf('success', 'skipped', 'success_with_warnings', 'ignored')) return 'success';
  if (onlyOf('created', 'success_with_warnings', 'ignored')) return 'created';
  if (onlyOf('preparing', 'success_with_warnings', 'ignored')) return 'preparing';
  if (onlyOf('canceled', 'success', 'skipped', 'success_with_warnings', 'ignored')) return 'canceled';
  if (onlyOf('pending', 'created', 'skipped', 'success_with_warnings', 'ignored')) return 'pending';
  if (anyOf('running', 'pending')) return 'running';
  if (anyOf('waiting_for_resource')) return 'waiting_for_resource';
  if (anyOf('manual')) return 'manual';
  if (anyOf('scheduled')) return 'scheduled';
  if (anyOf('preparing')) return 'preparing';
  if (anyOf('created')) return 'running';
  if (anyOf('canceling')) return 'canceling';
  return 'failed';
}

export function pipelineStatus(pipeline: Pipeline): string {
  return pipeline.statusOverride ?? compositeStatus(latestJobs(pipeline));
}

export function isFinishedStatus(status: string): boolean {
  return finished.has(status);
}

function newJob(state: State, script: JobScript): Job {
  const at = now(state);
  const status = script.status ?? 'success';
  return {
    id: nextId(state, 'job'),
    name: script.name,
    stage: script.stage ?? 'test',
    status,
    allowFailure: script.allowFailure ?? status === 'manual',
    retried: false,
    createdAt: at,
    startedAt: started.has(status) ? at : null,
    finishedAt: finished.has(status) && status !== 'manual' && status !== 'skipped' ? at : null,
  };
}

export function createPipeline(
  state: State,
  project: Project,
  input: { sha: string; ref: string; userId: number | null; script: PipelineScript },
): Pipeline {
  const at = now(state);
  const pipeline: Pipeline = {
    id: nextId(state, 'pipeline'),
    iid: project.nextPipelineIid++,
    projectId: project.id,
    sha: input.sha,
    ref: input.ref,
    source: input.script.source ?? 'push',
    userId: input.userId,
    createdAt: at,
    updatedAt: at,
    jobs: input.script.jobs.map((job) => newJob(state, job)),
    statusOverride: null,
    hookedStatus: null,
  };
  project.pipelines.push(pipeline);
  pipelineEvent(state, pipeline);
  return pipeline;
}

/** Runs the test's pipeline script for a new commit on a branch; creates the pipeline it asks for. */
export function onNewCommit(state: State, project: Project, sha: string, ref: string, userId: number) {
  const script = state.pipelineScript?.({
    projectId: project.id,
    projectPath: project.path,
    sha,
    ref,
    userId,
  });
  if (!script) return undefined;
  return createPipeline(state, project, { sha, ref, userId, script });
}

export function findPipeline(project: Project, id: number): Pipeline | undefined {
  return project.pipelines.find((pipeline) => pipeline.id === id);
}

export function findJob(project: Project, jobId: number): { pipeline: Pipeline; job: Job } | undefined {
  for (const pipeline of project.pipelines) {
    const job = pipeline.jobs.find((candidate) => candidate.id === jobId);
    if (job) return { pipeline, job };
  }
  return undefined;
}

export function setJobStatus(state: State, pipeline: Pipeline, job: Job, status: JobStatus): void {
  const at = now(state);
  job.status = status;
  if (started.has(status) && !job.startedAt) job.startedAt = at;
  job.finishedAt = finished.has(status) && status !== 'manual' && status !== 'skipped' ? at : null;
  pipeline.updatedAt = at;
  pipelineEvent(state, pipeline);
}

/** A new attempt of a job; the old one is kept as retried, as GitLab does. */
export function retryJob(state: State, pipeline: Pipeline, job: Job, status: JobStatus): Job {
  job.retried = true;
  const attempt = newJob(state, { name: job.name, stage: job.stage, status, allowFailure: job.allowFailure });
  pipeline.jobs.push(attempt);
  pipeline.updatedAt = attempt.createdAt;
  pipelineEvent(state, pipeline);
  return attempt;
}

/** The pipeline's start and end, from its jobs. */
export function pipelineTimes(pipeline: Pipeline): { startedAt: Date | null; finishedAt: Date | null } {
  const jobs = latestJobs(pipeline);
  const starts = jobs.flatMap((job) => (job.startedAt ? [job.startedAt.getTime()] : []));
  const status = pipelineStatus(pipeline);
  const ends = jobs.flatMap((job) => (job.finishedAt ? [job.finishedAt.getTime()] : []));
  return {
    startedAt: starts.length > 0 ? new Date(Math.min(...starts)) : null,
    finishedAt: isFinishedStatus(status) && ends.length > 0 ? new Date(Math.max(...ends)) : null,
  };
}
