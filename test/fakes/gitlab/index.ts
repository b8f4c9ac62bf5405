/** The fake GitLab server for pingate's end-to-end tests. */

export type { FakeGitLab, FakeGitLabOptions } from './api.js';
export type { JobRef } from './ci-control.js';
export { ApiError } from './errors.js';
export { startFakeGitLab } from './fake.js';
export type { NoteTarget, PushOptions } from './people-actions.js';
export type { Actor, AddProjectInput, AddUserInput, FakeProject, FakeUser, ProjectRef } from './setup.js';
export { CURRENT_RELEASE, GITLAB_15_0, type Release, type TaskNoteStyle } from './store.js';
export type { FailureMatch, FailureSpec, RequestInfo, RequestRecord } from './traffic.js';
export {
  AccessLevel,
  type CommitEvent,
  type HookEvent,
  hookEvents,
  type JobScript,
  type JobStatus,
  type PipelineScript,
  type PipelineScriptFn,
  type WebhookDelivery,
} from './types.js';
