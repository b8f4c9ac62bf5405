/** Snapshots of the fake's state for assertions, in the shapes the API answers (so tests compare like with like). */
import { log, resolveRef } from './git.js';
import { findIssue } from './issues.js';
import { findMergeRequest } from './merge-requests.js';
import { type NoteTarget, noteableFor } from './people-actions.js';
import { findPipeline } from './pipelines.js';
import { presentJob, presentPipeline } from './present/ci.js';
import { presentIssue, presentNote } from './present/issue.js';
import { presentMergeRequestDetail } from './present/merge-request.js';
import { presentCommit } from './present/repo.js';
import type { ProjectRef } from './setup.js';
import { requireProject, type State } from './store.js';

export function branches(state: State, ref: ProjectRef): Record<string, string> {
  const project = requireProject(state, ref);
  return Object.fromEntries([...project.branches.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The files at a branch or commit (default: the default branch); empty for an unknown ref. */
export function files(state: State, ref: ProjectRef, at?: string): Record<string, string> {
  const project = requireProject(state, ref);
  const commit = resolveRef(project, at ?? project.defaultBranch);
  return commit ? Object.fromEntries(commit.tree) : {};
}

export function commit(state: State, ref: ProjectRef, at: string) {
  const project = requireProject(state, ref);
  const found = resolveRef(project, at);
  return found ? presentCommit(state, project, found) : undefined;
}

/** Commits reachable from a branch or sha, newest first. */
export function commits(state: State, ref: ProjectRef, at?: string) {
  const project = requireProject(state, ref);
  const head = resolveRef(project, at ?? project.defaultBranch);
  return head ? log(project, head.sha).map((found) => presentCommit(state, project, found)) : [];
}

export function mergeRequests(state: State, ref: ProjectRef) {
  const project = requireProject(state, ref);
  return project.mergeRequests.map((mr) => presentMergeRequestDetail(state, project, mr));
}

export function mergeRequest(state: State, ref: ProjectRef, iid: number) {
  const project = requireProject(state, ref);
  return presentMergeRequestDetail(state, project, findMergeRequest(project, iid));
}

export function issues(state: State, ref: ProjectRef) {
  const project = requireProject(state, ref);
  return project.issues.map((issue) => presentIssue(state, project, issue));
}

export function issue(state: State, ref: ProjectRef, iid: number) {
  const project = requireProject(state, ref);
  return presentIssue(state, project, findIssue(project, iid));
}

/** Notes oldest first, system notes included. */
export function notes(state: State, ref: ProjectRef, target: NoteTarget) {
  const { project, noteable } = noteableFor(state, ref, target);
  return noteable.record.notes.map((note) => presentNote(state, project, note));
}

/** Pipelines oldest first. */
export function pipelines(state: State, ref: ProjectRef) {
  const project = requireProject(state, ref);
  return project.pipelines.map((pipeline) => presentPipeline(state, project, pipeline));
}

/** A pipeline's jobs in creation order; retried attempts only when asked. */
export function jobs(
  state: State,
  ref: ProjectRef,
  pipelineId: number,
  options: { includeRetried?: boolean } = {},
) {
  const project = requireProject(state, ref);
  const pipeline = findPipeline(project, pipelineId);
  if (!pipeline) throw new Error(`fake GitLab: no pipeline ${pipelineId}`);
  return pipeline.jobs
    .filter((job) => options.includeRetried || !job.retried)
    .map((job) => ({ ...presentJob(state, project, pipeline, job), retried: job.retried }));
}
