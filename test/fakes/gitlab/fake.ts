import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ci from './ci-control.js';
import { createHandler } from './http/server.js';
import { findMergeRequest } from './merge-requests.js';
import * as people from './people-actions.js';
import { allRoutes } from './routes/index.js';
import * as setup from './setup.js';
import * as reads from './state-reads.js';
import { createState, nextId, requireProject, type State, type TaskNoteStyle } from './store.js';
import {
  addFailure,
  createTraffic,
  type FailureMatch,
  type FailureSpec,
  type RequestHook,
  type RequestRecord,
} from './traffic.js';
import {
  type HookEvent,
  hookEvents,
  type JobStatus,
  type PipelineScriptFn,
  type WebhookDelivery,
} from './types.js';
import { deliver, flush } from './webhooks.js';

export interface FakeGitLabOptions {
  /** Freeze the clock at this instant (default: the real clock until `setNow`). */
  now?: Date | string;
  /** `text` (default): checklist notes as gitlab.com writes them today; `source`: GitLab ≤ 16's raw item markdown. */
  taskNoteStyle?: TaskNoteStyle;
}

type Ref = setup.ProjectRef;
type Actor = setup.Actor;

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

/** Starts the fake GitLab on 127.0.0.1 and a free port. */
export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const state = createState({
    now: options.now === undefined ? undefined : new Date(options.now),
    taskNoteStyle: options.taskNoteStyle,
  });
  const traffic = createTraffic();
  const server = createServer(createHandler({ state, traffic, routes: allRoutes }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  const close = async () => {
    await flush(state);
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  };
  return {
    url: state.baseUrl,
    apiUrl: `${state.baseUrl}/api/v4`,
    close,
    ...clockApi(state),
    ...stateApi(state),
    ...ciApi(state),
    ...trafficApi(traffic),
    ...hooksApi(state),
  };
}

function clockApi(state: State) {
  return {
    now: () => (state.fixedNow ? new Date(state.fixedNow) : new Date()),
    setNow: (date: Date | string | null) => {
      state.fixedNow = date === null ? null : new Date(date);
    },
    advance: (ms: number) => {
      state.fixedNow = new Date((state.fixedNow ?? new Date()).getTime() + ms);
      return new Date(state.fixedNow);
    },
  };
}

function stateApi(state: State) {
  return {
    addUser: (input: setup.AddUserInput) => setup.addUser(state, input),
    addProject: (input: setup.AddProjectInput) => setup.addProject(state, input),
    addMember: (project: Ref, user: Actor, level: number) =>
      setup.addMember(state, requireProject(state, project), setup.actorId(user), level),
    branches: (project: Ref) => reads.branches(state, project),
    files: (project: Ref, ref?: string) => reads.files(state, project, ref),
    file: (project: Ref, path: string, ref?: string) => reads.files(state, project, ref)[path],
    commit: (project: Ref, ref: string) => reads.commit(state, project, ref),
    commits: (project: Ref, ref?: string) => reads.commits(state, project, ref),
    mergeRequests: (project: Ref) => reads.mergeRequests(state, project),
    mergeRequest: (project: Ref, iid: number) => reads.mergeRequest(state, project, iid),
    issues: (project: Ref) => reads.issues(state, project),
    issue: (project: Ref, iid: number) => reads.issue(state, project, iid),
    notes: (project: Ref, target: people.NoteTarget) => reads.notes(state, project, target),
    pipelines: (project: Ref) => reads.pipelines(state, project),
    jobs: (project: Ref, pipelineId: number, options?: { includeRetried?: boolean }) =>
      reads.jobs(state, project, pipelineId, options),
    pushCommit: (
      as: Actor,
      project: Ref,
      branch: string,
      files: Record<string, string | null>,
      options?: people.PushOptions,
    ) => people.pushCommit(state, as, project, branch, files, options),
    createIssue: (
      as: Actor,
      project: Ref,
      input: { title: string; description?: string; labels?: string[] },
    ) => people.openIssue(state, as, project, input),
    editIssue: (as: Actor, project: Ref, iid: number, description: string) =>
      people.editIssue(state, as, project, iid, description),
    comment: (as: Actor, project: Ref, target: people.NoteTarget, body: string) =>
      people.comment(state, as, project, target, body),
    createMergeRequest: (as: Actor, project: Ref, input: Parameters<typeof people.openMergeRequest>[3]) =>
      people.openMergeRequest(state, as, project, input),
    closeMergeRequest: (as: Actor, project: Ref, iid: number) =>
      people.closeMergeRequestAs(state, as, project, iid),
    reopenMergeRequest: (as: Actor, project: Ref, iid: number) =>
      people.reopenMergeRequestAs(state, as, project, iid),
    mergeMergeRequest: (
      as: Actor,
      project: Ref,
      iid: number,
      options?: Parameters<typeof people.mergeMergeRequestAs>[4],
    ) => people.mergeMergeRequestAs(state, as, project, iid, options),
    deleteBranch: (as: Actor, project: Ref, branch: string) =>
      people.deleteBranchAs(state, as, project, branch),
    setMergeability: (project: Ref, iid: number, status: string | null) => {
      findMergeRequest(requireProject(state, project), iid).mergeabilityOverride = status;
    },
  };
}

function ciApi(state: State) {
  return {
    onCommit: (script: PipelineScriptFn | null) => {
      state.pipelineScript = script;
    },
    createPipeline: (project: Ref, input: Parameters<typeof ci.startPipeline>[2]) =>
      ci.startPipeline(state, project, input),
    setJobStatus: (project: Ref, job: ci.JobRef, status: JobStatus) =>
      ci.setJobStatus(state, project, job, status),
    setPipelineStatus: (project: Ref, id: number, status: string | null) =>
      ci.setPipelineStatus(state, project, id, status),
    retryJob: (project: Ref, job: ci.JobRef, status?: JobStatus) => ci.retryJob(state, project, job, status),
  };
}

function trafficApi(traffic: ReturnType<typeof createTraffic>) {
  return {
    requests: () => traffic.records.map((record) => ({ ...record })),
    writeCount: () =>
      traffic.records.filter((record) => record.method !== 'GET' && record.method !== 'HEAD').length,
    resetRequests: () => {
      traffic.records.length = 0;
    },
    failRequest: (match: FailureMatch, failure: FailureSpec) => addFailure(traffic, match, failure),
    clearFailures: () => {
      traffic.rules.length = 0;
    },
    beforeRequest: (hook: RequestHook) => {
      traffic.hooks.push(hook);
      return () => {
        const index = traffic.hooks.indexOf(hook);
        if (index >= 0) traffic.hooks.splice(index, 1);
      };
    },
  };
}

function hooksApi(state: State) {
  return {
    addWebhook: (project: Ref, input: { url: string; token?: string; events?: HookEvent[] }) => {
      const id = nextId(state, 'webhook');
      const events = input.events ?? [...hookEvents];
      state.webhooks.push({
        id,
        projectId: requireProject(state, project).id,
        url: input.url,
        token: input.token,
        events,
        uuid: randomUUID(),
      });
      return id;
    },
    removeWebhook: (id: number) => {
      state.webhooks = state.webhooks.filter((hook) => hook.id !== id);
    },
    webhookDeliveries: () => state.deliveries.map((delivery) => ({ ...delivery })),
    redeliverWebhook: (uuid: string) => {
      const delivery = state.deliveries.find((candidate) => candidate.uuid === uuid);
      if (!delivery) throw new Error(`fake GitLab: no delivery ${uuid}`);
      const again = { ...delivery, status: null, error: null };
      state.deliveries.push(again);
      deliver(state, again);
    },
    flushWebhooks: () => flush(state),
  };
}
