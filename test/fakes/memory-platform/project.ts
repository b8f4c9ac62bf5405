import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../../src/platform/errors.js';
import type {
  Commit,
  Issue,
  Job,
  Member,
  MergeRequest,
  Note,
  Pipeline,
  ProjectInfo,
  ProjectPlatform,
  User,
} from '../../../src/platform/types.js';

export interface MemoryState {
  users: User[];
  branches: Map<string, string>;
  commits: Map<string, { commit: Commit; files: Map<string, string> }>;
  mrs: MergeRequest[];
  issues: Issue[];
  notes: { on: 'merge-request' | 'issue'; iid: number; note: Note }[];
  pipelines: Pipeline[];
  jobs: Map<number, Job[]>;
  members: Member[];
}

export interface MemoryProject extends ProjectPlatform {
  readonly state: MemoryState;
  readonly info: ProjectInfo;
  /** A commit on `branch` (default `main`) by `email` with these files changed; answers its sha. */
  push(
    files: Record<string, string>,
    options?: { branch?: string; email?: string; message?: string },
  ): string;
  /** A finished pipeline on `sha` with these jobs (`success` when none are given). */
  addPipeline(sha: string, status: string, jobs?: { name: string; status: string }[]): Pipeline;
  /** A person's edit of an MR (title, description, draft). */
  editMergeRequest(iid: number, edit: Partial<MergeRequest>): void;
  notesOn(on: 'merge-request' | 'issue', iid: number): Note[];
}

const REQUEST = { method: 'POST', path: '/memory' };

export function createMemoryProject(bot: User, now: string): MemoryProject {
  const state: MemoryState = {
    users: [bot],
    branches: new Map(),
    commits: new Map(),
    mrs: [],
    issues: [],
    notes: [],
    pipelines: [],
    jobs: new Map(),
    members: [{ id: bot.id, username: bot.username, role: 'developer' }],
  };
  const info: ProjectInfo = {
    id: 1,
    path: 'group/app',
    defaultBranch: 'main',
    webUrl: 'https://gitlab.test/group/app',
  };
  const botEmail = bot.emails?.[0] ?? 'bot@example.com';
  let ids = 0;
  const nextId = () => ++ids;

  function commitOn(
    branch: string,
    start: string | undefined,
    changes: Map<string, string | undefined>,
    message: string,
    email: string,
  ): Commit {
    const base = start ? state.commits.get(start) : undefined;
    const files = new Map(base?.files ?? []);
    for (const [path, content] of changes) {
      if (content === undefined) files.delete(path);
      else files.set(path, content);
    }
    const sha = createHash('sha1').update(`${start}\n${message}\n${nextId()}`).digest('hex');
    const commit: Commit = {
      sha,
      authorEmail: email,
      authorName: email,
      committerEmail: email,
      parentShas: start ? [start] : [],
      createdAt: now,
      title: message.split('\n')[0]!,
      message,
    };
    state.commits.set(sha, { commit, files });
    state.branches.set(branch, sha);
    for (const mr of state.mrs) if (mr.state === 'opened' && mr.sourceBranch === branch) mr.sha = sha;
    return commit;
  }

  function mrOf(iid: number): MergeRequest {
    const mr = state.mrs.find((m) => m.iid === iid);
    if (!mr) throw new NotFoundError(`MR !${iid} not found`, { request: REQUEST, response: { status: 404 } });
    return mr;
  }

  function issueOf(iid: number): Issue {
    const issue = state.issues.find((i) => i.iid === iid);
    if (!issue)
      throw new NotFoundError(`issue #${iid} not found`, { request: REQUEST, response: { status: 404 } });
    return issue;
  }

  function addNote(on: 'merge-request' | 'issue', iid: number, body: string): Note {
    const note: Note = {
      id: nextId(),
      body,
      authorId: bot.id,
      authorUsername: bot.username,
      system: false,
      createdAt: now,
    };
    state.notes.push({ on, iid, note });
    return note;
  }

  function history(sha: string | undefined): string[] {
    const shas: string[] = [];
    for (let at = sha; at; at = state.commits.get(at)?.commit.parentShas[0]) shas.push(at);
    return shas;
  }

  const copy = <T>(value: T): T => structuredClone(value);

  const project: MemoryProject = {
    project: info.id,
    state,
    info,
    push(files, options = {}) {
      const branch = options.branch ?? 'main';
      const changes = new Map(Object.entries(files));
      return commitOn(
        branch,
        state.branches.get(branch),
        changes,
        options.message ?? 'Update files',
        options.email ?? 'person@example.com',
      ).sha;
    },
    addPipeline(sha, status, jobs = [{ name: 'test', status: 'success' }]) {
      const branch = [...state.branches].find(([, head]) => head === sha)?.[0] ?? 'main';
      const pipeline: Pipeline = {
        id: nextId(),
        sha,
        ref: branch,
        status,
        webUrl: `${info.webUrl}/-/pipelines/${ids}`,
        createdAt: now,
      };
      state.pipelines.unshift(pipeline);
      state.jobs.set(
        pipeline.id,
        jobs.map((j) => ({
          id: nextId(),
          name: j.name,
          status: j.status,
          allowFailure: false,
          webUrl: '',
          createdAt: now,
        })),
      );
      return pipeline;
    },
    editMergeRequest(iid, edit) {
      const mr = mrOf(iid);
      Object.assign(mr, edit);
      if (edit.title !== undefined && edit.draft === undefined)
        mr.draft = /^\s*(\[draft\]|\(draft\)|draft:)/i.test(edit.title);
    },
    notesOn: (on, iid) => state.notes.filter((n) => n.on === on && n.iid === iid).map((n) => n.note),

    getProject: async () => copy(info),
    readFile: async (path, ref) => state.commits.get(state.branches.get(ref) ?? ref)?.files.get(path),
    listFiles: async (ref) =>
      [...(state.commits.get(state.branches.get(ref) ?? ref)?.files.keys() ?? [])].sort(),
    getBranch: async (name) => {
      const sha = state.branches.get(name);
      return sha ? { name, commitSha: sha } : undefined;
    },
    listBranches: async (prefix) =>
      [...state.branches]
        .filter(([name]) => name.startsWith(prefix))
        .map(([name, commitSha]) => ({ name, commitSha })),
    commitFiles: async (input) => {
      const changes = new Map(
        input.actions.map((a) => [a.filePath, a.action === 'delete' ? undefined : a.content]),
      );
      return copy(
        commitOn(input.branch, input.startSha, changes, input.message, input.authorEmail ?? botEmail),
      );
    },
    deleteBranch: async (name) => {
      state.branches.delete(name);
    },
    listCommits: async (ref) =>
      history(state.branches.get(ref) ?? ref).map((sha) => copy(state.commits.get(sha)!.commit)),
    getCommit: async (sha) => {
      const found = state.commits.get(state.branches.get(sha) ?? sha);
      if (!found)
        throw new NotFoundError(`commit ${sha} not found`, { request: REQUEST, response: { status: 404 } });
      return copy(found.commit);
    },
    compare: async (from, to) => {
      const a = state.commits.get(from)?.files ?? new Map<string, string>();
      const b = state.commits.get(to)?.files ?? new Map<string, string>();
      return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path));
    },

    listMergeRequests: async ({ authorId }) => copy(state.mrs.filter((m) => m.authorId === authorId)),
    getMergeRequest: async (iid) => copy(mrOf(iid)),
    createMergeRequest: async (input) => {
      const sha = state.branches.get(input.sourceBranch);
      if (!sha)
        throw new NotFoundError('source branch not found', { request: REQUEST, response: { status: 404 } });
      if (state.mrs.some((m) => m.state === 'opened' && m.sourceBranch === input.sourceBranch)) {
        throw new ConflictError('Another open merge request already exists for this source branch', {
          request: REQUEST,
          response: { status: 409 },
        });
      }
      const iid = Math.max(0, ...state.mrs.map((m) => m.iid)) + 1;
      const mr: MergeRequest = {
        iid,
        title: input.title,
        description: input.description,
        state: 'opened',
        draft: /^\s*(\[draft\]|\(draft\)|draft:)/i.test(input.title),
        sourceBranch: input.sourceBranch,
        targetBranch: input.targetBranch,
        sha,
        authorId: bot.id,
        createdAt: now,
        closedBy: null,
        mergedAt: null,
        mergeCommitSha: null,
        webUrl: `${info.webUrl}/-/merge_requests/${iid}`,
        mergeability: { kind: 'ready', label: 'mergeable', hostStatus: 'mergeable' },
        labels: input.labels ?? [],
      };
      state.mrs.push(mr);
      return copy(mr);
    },
    updateMergeRequest: async (iid, input) => {
      const mr = mrOf(iid);
      if (input.title !== undefined) mr.title = input.title;
      if (input.description !== undefined) mr.description = input.description;
      if (input.labels !== undefined) mr.labels = input.labels;
      if (input.stateEvent === 'close') Object.assign(mr, { state: 'closed', closedBy: { id: bot.id } });
      if (input.stateEvent === 'reopen') Object.assign(mr, { state: 'opened', closedBy: null });
      return copy(mr);
    },
    mergeMergeRequest: async (iid, { sha }) => {
      const mr = mrOf(iid);
      if (mr.state !== 'opened' || mr.draft || mr.sha !== sha) {
        throw new ConflictError('405 Method Not Allowed', { request: REQUEST, response: { status: 405 } });
      }
      const files = state.commits.get(mr.sha)!.files;
      const main = state.branches.get(mr.targetBranch);
      const merged = commitOn(
        mr.targetBranch,
        main,
        new Map(files),
        `Merge branch '${mr.sourceBranch}'`,
        botEmail,
      );
      Object.assign(mr, { state: 'merged', mergedAt: now, mergeCommitSha: merged.sha });
      state.branches.delete(mr.sourceBranch);
      return copy(mr);
    },
    listMergeRequestCommits: async (iid) => {
      const mr = mrOf(iid);
      const onTarget = new Set(history(state.branches.get(mr.targetBranch)));
      return history(mr.sha)
        .filter((sha) => !onTarget.has(sha))
        .map((sha) => copy(state.commits.get(sha)!.commit));
    },
    listMergeRequestNotes: async (iid) => copy(project.notesOn('merge-request', iid)),
    createMergeRequestNote: async (iid, body) => copy(addNote('merge-request', mrOf(iid).iid, body)),

    listPipelines: async ({ sha, ref }) =>
      copy(state.pipelines.filter((p) => (!sha || p.sha === sha) && (!ref || p.ref === ref))),
    getPipeline: async (id) => copy(state.pipelines.find((p) => p.id === id)!),
    listPipelineJobs: async (id) => copy(state.jobs.get(id) ?? []),

    findIssues: async ({ authorId, title }) =>
      copy(state.issues.filter((i) => i.authorId === authorId && i.title === title)),
    createIssue: async (input) => {
      const iid = Math.max(0, ...state.issues.map((i) => i.iid)) + 1;
      const issue: Issue = {
        iid,
        title: input.title,
        description: input.description,
        authorId: bot.id,
        state: 'opened',
        webUrl: `${info.webUrl}/-/issues/${iid}`,
        updatedAt: now,
        labels: input.labels ?? [],
      };
      state.issues.push(issue);
      return copy(issue);
    },
    getIssue: async (iid) => copy(issueOf(iid)),
    updateIssue: async (iid, input) => {
      const issue = issueOf(iid);
      if (input.description !== undefined) issue.description = input.description;
      if (input.title !== undefined) issue.title = input.title;
      if (input.stateEvent === 'close') issue.state = 'closed';
      if (input.stateEvent === 'reopen') issue.state = 'opened';
      return copy(issue);
    },
    listIssueNotes: async (iid) => copy(project.notesOn('issue', iid)),
    createIssueNote: async (iid, body) => copy(addNote('issue', issueOf(iid).iid, body)),
    listMembers: async () => copy(state.members),
  };
  return project;
}
