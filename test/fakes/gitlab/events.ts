/** Which change sends which webhook: the domain rules call these after changing the state. */
import { pipelineStatus } from './pipelines.js';
import {
  type Changes,
  issuePayload,
  mergeRequestPayload,
  pipelinePayload,
  pushPayload,
} from './present/hooks.js';
import type { State } from './store.js';
import type { Commit, Issue, MergeRequest, Pipeline, Project } from './types.js';
import { emit } from './webhooks.js';

export type { Changes };

export function issueEvent(
  state: State,
  project: Project,
  issue: Issue,
  userId: number,
  action: string,
  changes: Changes = {},
) {
  if (state.webhooks.length === 0) return;
  emit(state, project, 'Issue Hook', issuePayload(state, project, issue, userId, action, changes));
}

export function mergeRequestEvent(
  state: State,
  project: Project,
  mr: MergeRequest,
  userId: number,
  action: string,
  changes: Changes = {},
  oldrev?: string,
) {
  if (state.webhooks.length === 0) return;
  emit(
    state,
    project,
    'Merge Request Hook',
    mergeRequestPayload(state, project, mr, userId, action, changes, oldrev),
  );
}

/** One Pipeline Hook per status change, as GitLab sends them. */
export function pipelineEvent(state: State, pipeline: Pipeline) {
  const status = pipelineStatus(pipeline);
  if (pipeline.hookedStatus === status) return;
  pipeline.hookedStatus = status;
  const project = state.projects.get(pipeline.projectId);
  if (!project || state.webhooks.length === 0) return;
  emit(state, project, 'Pipeline Hook', pipelinePayload(state, project, pipeline));
}

export function pushEvent(
  state: State,
  project: Project,
  input: { branch: string; before: string | null; after: string | null; userId: number; commits: Commit[] },
) {
  if (state.webhooks.length === 0) return;
  emit(state, project, 'Push Hook', pushPayload(state, project, input));
}

/** `{ field: { previous, current } }` for the fields that differ, as hook payloads list them. */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, previous] of Object.entries(before)) {
    const current = after[key];
    if (JSON.stringify(previous) !== JSON.stringify(current)) changes[key] = { previous, current };
  }
  return changes;
}
