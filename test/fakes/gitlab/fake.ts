import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitLab, FakeGitLabOptions } from './api.js';
import * as ci from './ci-control.js';
import { createHandler } from './http/server.js';
import { findMergeRequest } from './merge-requests.js';
import * as people from './people-actions.js';
import { allRoutes } from './routes/index.js';
import * as setup from './setup.js';
import * as reads from './state-reads.js';
import { createState, nextId, requireProject, type State } from './store.js';
import {
  addFailure,
  createTraffic,
  type FailureMatch,
  type FailureSpec,
  type RequestHook,
} from './traffic.js';
import { type HookEvent, hookEvents, type JobStatus, type PipelineScriptFn } from './types.js';
import { deliver, flush } from './webhooks.js';

type Ref = setup.ProjectRef;
type Actor = setup.Actor;

/** Starts the fake GitLab on 127.0.0.1 and a free port. */
export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const state = createState({
    now: options.now === undefined ? undefined : new Date(options.now),
    release: {
      ...options.release,
      ...(options.taskNoteStyle ? { taskNoteStyle: options.taskNoteStyle } : {}),
    },
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
