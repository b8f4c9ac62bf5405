/**
 * The one interface pingate uses to talk to its code host. Plain domain types, never gitbeaker's:
 * everything above this folder (and every in-memory fake in tests) depends on this file only.
 *
 * Conventions: timestamps are ISO-8601 strings as the host sends them; `readFile` and `getBranch` answer
 * `undefined` for something absent, `listFiles` `[]`; every other read throws `NotFoundError` (see ./errors.ts).
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
  /** The token user's role here, when the host reports it. */
  role?: Role;
}

/**
 * A person's role in a project, least to most. The host's own levels are mapped to these by its adapter; see
 * `hasRole` (./roles.ts) to compare them.
 */
export type Role = 'none' | 'guest' | 'reporter' | 'developer' | 'maintainer' | 'owner';

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

/** `unknown`: a state this code does not know (e.g. a legacy `reopened`): left for a person, never acted on. */
export type MergeRequestState = 'opened' | 'closed' | 'merged' | 'locked' | 'unknown';

/**
 * Whether the host would merge an MR now, in pingate's words; the host's own wording stays in its adapter.
 * - `ready`: mergeable.
 * - `transient`: the host is still working it out or it resolves by itself (checking, a pipeline it has not caught
 *   up with): wait.
 * - `needs-person`: a project rule holds it until a person acts (approval, threads, …), or a value this code does
 *   not know: wait, never merged, never reported as a failed update.
 * - `broken`: the branch cannot be merged as it is (conflicts, a rebase needed): someone must rebase or retry.
 */
export type MergeabilityKind = 'ready' | 'transient' | 'needs-person' | 'broken';

export interface Mergeability {
  kind: MergeabilityKind;
  /** A few words for people: "mergeable", "needs approval", "has conflicts". */
  label: string;
  /** The host's own value as it spelt it (`mergeable`, `can_be_merged`), for messages; '' when it gave none. */
  hostStatus: string;
}

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
  mergeability: Mergeability;
  /**
   * What the host says a rebuild on the target's head would fix, when it says so: `conflicts` (the branch does not
   * merge cleanly into its target) or `behind` (the project merges only branches rebased on their target). Absent:
   * neither, or not known yet (the host is still checking).
   */
  needsRebase?: 'conflicts' | 'behind';
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
  /** `unknown`: a state this code does not know. */
  state: 'opened' | 'closed' | 'unknown';
  webUrl: string;
  updatedAt: string;
  labels?: string[];
}

export interface Note {
  id: number;
  body: string;
  authorId: number;
  authorUsername: string;
  /** Written by the host itself, not by a person. */
  system: boolean;
  createdAt: string;
  /**
   * A system note that says its author ticked (`checked`) or un-ticked a box of the issue's checklist: the item as
   * a reader sees it (markup and escapes resolved, a hidden comment's content kept, whitespace runs as one space).
   */
  checklistItem?: { text: string; checked: boolean };
}

export interface Member {
  id: number;
  username: string;
  role: Role;
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
  /**
   * The path of every file at `ref` (the whole tree, recursively; directories, submodules and symlinks left out),
   * sorted. An empty repository, or a ref that does not exist, has none: `[]`.
   */
  listFiles(ref: string): Promise<string[]>;
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

/** The host's release, read once at start-up. */
export interface HostVersion {
  /** As the host reports it (`17.2.1-ee`); absent when it would not say. */
  version?: string;
  /** One line for the log and the console when the release is older than supported, or unknown. */
  warning?: string;
}

export interface Platform {
  /** The host's release. Never throws: a host that will not say gives a warning instead. */
  hostVersion(): Promise<HostVersion>;
  /** The user behind the token: the bot. */
  currentUser(): Promise<User>;
  /** Ids of the users with these usernames; unknown usernames are absent from the map. */
  findUserIds(usernames: readonly string[]): Promise<Map<string, number>>;
  /**
   * Start-up check: the token works and may act on `project`. Throws `PlatformUnavailableError`
   * (src/errors.ts, exit 3) when the host refuses the token or cannot be reached.
   */
  assertAccess(project: ProjectRef): Promise<AccessCheck>;
  /**
   * Every project the bot is a member of (directly or through a group) with at least the Developer role, the least
   * that may open merge requests; archived ones left out. For `--autodiscover`.
   */
  listMemberProjects(): Promise<ProjectInfo[]>;
  forProject(project: ProjectRef): ProjectPlatform;
}
