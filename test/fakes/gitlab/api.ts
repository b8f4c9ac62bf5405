import type * as ci from './ci-control.js';
import type * as people from './people-actions.js';
import type * as setup from './setup.js';
import type * as reads from './state-reads.js';
import type { Release, TaskNoteStyle } from './store.js';
import type { FailureMatch, FailureSpec, RequestHook, RequestRecord } from './traffic.js';
import type { HookEvent, JobStatus, PipelineScriptFn, WebhookDelivery } from './types.js';

export interface FakeGitLabOptions {
  /** Freeze the clock at this instant (default: the real clock until `setNow`). */
  now?: Date | string;
  /** The release modelled (default gitlab.com today, `CURRENT_RELEASE`; `GITLAB_15_0` the oldest supported). */
  release?: Partial<Release>;
  /** Shorthand for `release.taskNoteStyle`. */
  taskNoteStyle?: TaskNoteStyle;
}

type Ref = setup.ProjectRef;
type Actor = setup.Actor;

/** The public face of the fake GitLab: its address, its state for assertions, and the levers a test pulls. */
export interface FakeGitLab {
  /** `http://127.0.0.1:PORT`; the API is under `${url}/api/v4`. */
  readonly url: string;
  readonly apiUrl: string;
  close(): Promise<void>;

  now(): Date;
  /** Freeze the clock (null: back to the real clock). */
  setNow(date: Date | string | null): void;
  /** Move the frozen clock forward (freezes it at the real time first if needed). */
  advance(ms: number): Date;

  addUser(input: setup.AddUserInput): setup.FakeUser;
  addProject(input: setup.AddProjectInput): setup.FakeProject;
  /** Adds or changes a membership; access level 0 removes it. */
  addMember(project: Ref, user: Actor, accessLevel: number): void;

  branches(project: Ref): Record<string, string>;
  files(project: Ref, ref?: string): Record<string, string>;
  file(project: Ref, path: string, ref?: string): string | undefined;
  commit(project: Ref, ref: string): ReturnType<typeof reads.commit>;
  commits(project: Ref, ref?: string): ReturnType<typeof reads.commits>;
  mergeRequests(project: Ref): ReturnType<typeof reads.mergeRequests>;
  mergeRequest(project: Ref, iid: number): ReturnType<typeof reads.mergeRequest>;
  issues(project: Ref): ReturnType<typeof reads.issues>;
  issue(project: Ref, iid: number): ReturnType<typeof reads.issue>;
  notes(project: Ref, target: people.NoteTarget): ReturnType<typeof reads.notes>;
  pipelines(project: Ref): ReturnType<typeof reads.pipelines>;
  jobs(
    project: Ref,
    pipelineId: number,
    options?: { includeRetried?: boolean },
  ): ReturnType<typeof reads.jobs>;

  pushCommit(
    as: Actor,
    project: Ref,
    branch: string,
    files: Record<string, string | null>,
    options?: people.PushOptions,
  ): string;
  createIssue(
    as: Actor,
    project: Ref,
    input: { title: string; description?: string; labels?: string[] },
  ): ReturnType<typeof people.openIssue>;
  editIssue(as: Actor, project: Ref, iid: number, description: string): ReturnType<typeof people.editIssue>;
  comment(
    as: Actor,
    project: Ref,
    target: people.NoteTarget,
    body: string,
  ): ReturnType<typeof people.comment>;
  createMergeRequest(
    as: Actor,
    project: Ref,
    input: {
      sourceBranch: string;
      targetBranch?: string;
      title: string;
      description?: string;
      labels?: string[];
    },
  ): ReturnType<typeof people.openMergeRequest>;
  closeMergeRequest(as: Actor, project: Ref, iid: number): ReturnType<typeof people.closeMergeRequestAs>;
  reopenMergeRequest(as: Actor, project: Ref, iid: number): ReturnType<typeof people.reopenMergeRequestAs>;
  mergeMergeRequest(
    as: Actor,
    project: Ref,
    iid: number,
    options?: { sha?: string; removeSourceBranch?: boolean; squash?: boolean },
  ): ReturnType<typeof people.mergeMergeRequestAs>;
  deleteBranch(as: Actor, project: Ref, branch: string): void;
  /** Forces `detailed_merge_status` (e.g. `checking`, `not_approved`) while the MR is open; null clears it. */
  setMergeability(project: Ref, iid: number, detailedMergeStatus: string | null): void;

  /** The pipeline script for every new branch head (commits API, merges, pushes); null for none. */
  onCommit(script: PipelineScriptFn | null): void;
  createPipeline(
    project: Ref,
    input: Parameters<typeof ci.startPipeline>[2],
  ): ReturnType<typeof ci.startPipeline>;
  setJobStatus(project: Ref, job: ci.JobRef, status: JobStatus): ReturnType<typeof ci.setJobStatus>;
  setPipelineStatus(
    project: Ref,
    pipelineId: number,
    status: string | null,
  ): ReturnType<typeof ci.setPipelineStatus>;
  retryJob(project: Ref, job: ci.JobRef, status?: JobStatus): ReturnType<typeof ci.retryJob>;

  /** Every request answered so far, oldest first. */
  requests(): RequestRecord[];
  /** Requests other than GET and HEAD, whatever their answer. */
  writeCount(): number;
  resetRequests(): void;
  failRequest(match: FailureMatch, failure: FailureSpec): void;
  clearFailures(): void;
  /** Runs before each request is handled (awaited); returns a function that removes the hook. */
  beforeRequest(hook: RequestHook): () => void;

  /** A project webhook (default: all four events); answers its id. Deliveries run in the background. */
  addWebhook(project: Ref, input: { url: string; token?: string; events?: HookEvent[] }): number;
  removeWebhook(id: number): void;
  /** Every delivery so far, oldest first, with the receiver's status once answered. */
  webhookDeliveries(): WebhookDelivery[];
  /** Sends a delivery again with the same `X-Gitlab-Event-UUID` (GitLab's "Resend request"). */
  redeliverWebhook(uuid: string): void;
  /** Waits for the deliveries in flight. */
  flushWebhooks(): Promise<void>;
}
