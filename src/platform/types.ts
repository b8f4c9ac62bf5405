/**
 * The one interface pingate uses to talk to its code host. Plain domain types, never gitbeaker's:
 * everything above this folder (and every in-memory fake in tests) depends on this file only.
 *
 * Conventions: timestamps are ISO-8601 strings as the host sends them; `readFile` and `getBranch` answer
 * `undefined` for something absent, every other read throws `NotFoundError` (see ./errors.ts).
 * Every list is complete: implementations read all pages.
 */

/** A project by numeric id or by full path (`group/sub/project`). */
export type ProjectRef = string | number;

export interface User {
  id: number;
  username: string;
  /** Addresses the user commits with (commit, primary and public email); known only for the token's own user. */
  emails?: string[];
}

export interface ProjectInfo {
  id: number;
  /** Full path, `group/project`. */
  path: string;
  /** '' for an empty repository, which has none. */
  defaultBranch: string;
  webUrl: string;
  /** The token user's access level here (10 guest … 30 developer … 50 owner), when the host reports it. */
  accessLevel?: number;
}

export interface Branch {
  name: string;
  commitSha: string;
}

export interface Commit {
  sha: string;
  authorEmail: string;
  authorName: string;
  committerEmail: string;
  parentShas: string[];
  createdAt: string;
  title: string;
  /** The full message, when the host lists it. */
  message?: string;
}

export type MergeRequestState = 'opened' | 'closed' | 'merged' | 'locked';

export interface MergeRequest {
  iid: number;
  title: string;
  description: string;
  state: MergeRequestState;
  draft: boolean;
  sourceBranch: string;
  targetBranch: string;
  /** The head commit. */
  sha: string;
  authorId: number;
  createdAt: string;
  /** Who closed it, when closed; GitLab reports `null` for merged or open MRs. */
  closedBy?: { id: number } | null;
  mergedAt?: string | null;
  mergeCommitSha?: string | null;
  webUrl: string;
  /** GitLab's `detailed_merge_status` (`mergeable`, `ci_still_running`, …); `unknown` when absent. */
  detailedMergeStatus: string;
  labels: string[];
}

export interface Pipeline {
  id: number;
  sha: string;
  ref: string;
  /** `created`, `pending`, `running`, `success`, `failed`, `canceled`, `skipped`, `manual`, … */
  status: string;
  webUrl: string;
  createdAt: string;
  source?: string;
}

export interface Job {
  id: number;
  name: string;
  status: string;
  allowFailure: boolean;
  webUrl: string;
  /** True for an attempt that a later job of the same name in the same pipeline replaced. */
  retried?: boolean;
  createdAt: string;
}

export interface Issue {
  iid: number;
  title: string;
  description: string;
  authorId: number;
  state: 'opened' | 'closed';
  webUrl: string;
  updatedAt: string;
  labels?: string[];
}

export interface Note {
  id: number;
  body: string;
  authorId: number;
  authorUsername: string;
  /** Written by GitLab itself (e.g. "marked the checklist item … as completed"). */
  system: boolean;
  createdAt: string;
}

export interface Member {
  id: number;
  username: string;
  accessLevel: number;
}

export interface FileAction {
  action: 'create' | 'update' | 'delete';
  filePath: string;
  /** Required for create and update. */
  content?: string;
}

export interface CommitFilesInput {
  branch: string;
  /** The commit the new one sits on (the default branch's head). */
  startSha: string;
  message: string;
  actions: FileAction[];
  /** Replace the branch if it exists (default true): the branch then holds exactly one commit on `startSha`. */
  force?: boolean;
  authorEmail?: string;
}

export interface CreateMergeRequestInput {
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description: string;
  labels?: string[];
  assigneeIds?: number[];
  reviewerIds?: number[];
  /** Default true (SPEC §6.3). */
  removeSourceBranch?: boolean;
}

export interface UpdateMergeRequestInput {
  title?: string;
  description?: string;
  labels?: string[];
  stateEvent?: 'close' | 'reopen';
}

export interface CreateIssueInput {
  title: string;
  description: string;
  labels?: string[];
}

export interface UpdateIssueInput {
  title?: string;
  description?: string;
  labels?: string[];
  stateEvent?: 'close' | 'reopen';
}

/** Everything pingate does inside one project. */
export interface ProjectPlatform {
  readonly project: ProjectRef;
  getProject(): Promise<ProjectInfo>;

  readFile(path: string, ref: string): Promise<string | undefined>;
  getBranch(name: string): Promise<Branch | undefined>;
  /** Branches whose name starts with `prefix`. */
  listBranches(prefix: string): Promise<Branch[]>;
  /** Creates or replaces `branch` with one commit on top of `startSha`. */
  commitFiles(input: CommitFilesInput): Promise<Commit>;
  /** Deleting a branch that is already gone is not an error. */
  deleteBranch(name: string): Promise<void>;
  listCommits(ref: string, options?: { since?: string }): Promise<Commit[]>;
  getCommit(sha: string): Promise<Commit>;
  /** Paths changed between two refs (old and new path of a rename both count). */
  compare(from: string, to: string): Promise<string[]>;

  /** Merge requests of every state by one author. */
  listMergeRequests(filter: { authorId: number }): Promise<MergeRequest[]>;
  getMergeRequest(iid: number): Promise<MergeRequest>;
  createMergeRequest(input: CreateMergeRequestInput): Promise<MergeRequest>;
  updateMergeRequest(iid: number, input: UpdateMergeRequestInput): Promise<MergeRequest>;
  /** Merges only if the head is still `sha`; a moved head or an unmergeable MR throws `ConflictError`. */
  mergeMergeRequest(iid: number, input: { sha: string }): Promise<MergeRequest>;
  listMergeRequestCommits(iid: number): Promise<Commit[]>;
  listMergeRequestNotes(iid: number): Promise<Note[]>;
  createMergeRequestNote(iid: number, body: string): Promise<Note>;

  /** Newest first. */
  listPipelines(filter: { sha?: string; ref?: string }): Promise<Pipeline[]>;
  getPipeline(id: number): Promise<Pipeline>;
  /** Every job of the pipeline, retried attempts included and marked `retried`. */
  listPipelineJobs(pipelineId: number): Promise<Job[]>;

  /** Issues by one author whose title is exactly `title`, any state. */
  findIssues(filter: { authorId: number; title: string }): Promise<Issue[]>;
  createIssue(input: CreateIssueInput): Promise<Issue>;
  getIssue(iid: number): Promise<Issue>;
  updateIssue(iid: number, input: UpdateIssueInput): Promise<Issue>;
  listIssueNotes(iid: number): Promise<Note[]>;
  createIssueNote(iid: number, body: string): Promise<Note>;

  /** Direct and inherited members (`members/all`). */
  listMembers(): Promise<Member[]>;
}

export interface AccessCheck {
  user: User;
  project: ProjectInfo;
}

export interface Platform {
  /** The user behind the token: the bot. */
  currentUser(): Promise<User>;
  /** Ids of the users with these usernames; unknown usernames are absent from the map. */
  findUserIds(usernames: readonly string[]): Promise<Map<string, number>>;
  /**
   * Start-up check: the token works and may act on `project`. Throws `PlatformUnavailableError`
   * (src/errors.ts, exit 3) when the host refuses the token or cannot be reached.
   */
  assertAccess(project: ProjectRef): Promise<AccessCheck>;
  forProject(project: ProjectRef): ProjectPlatform;
}
