/**
 * The in-memory model behind the fake GitLab. Plain mutable records: the store owns them, the domain modules
 * change them, the presenters turn them into GitLab's JSON.
 */

export const AccessLevel = {
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

export interface User {
  id: number;
  username: string;
  name: string;
  email: string;
  token: string;
  bot: boolean;
  createdAt: Date;
}

export interface Member {
  userId: number;
  accessLevel: number;
  createdAt: Date;
}

/** A file tree: path → text content. */
export type Tree = ReadonlyMap<string, string>;

export interface Commit {
  sha: string;
  parents: string[];
  tree: Tree;
  message: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  date: Date;
}

export type MergeRequestState = 'opened' | 'closed' | 'merged' | 'locked';

export interface Note {
  id: number;
  body: string;
  authorId: number;
  system: boolean;
  createdAt: Date;
  updatedAt: Date;
  noteableType: 'Issue' | 'MergeRequest';
  noteableId: number;
  noteableIid: number;
}

export interface MergeRequest {
  id: number;
  iid: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  state: MergeRequestState;
  authorId: number;
  assigneeIds: number[];
  reviewerIds: number[];
  labels: string[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedById: number | null;
  mergedAt: Date | null;
  mergedById: number | null;
  mergeCommitSha: string | null;
  squashCommitSha: string | null;
  /** The last known head of the source branch (kept when the branch goes away). */
  sha: string;
  /** The commits of the MR at merge time, newest first. */
  mergedCommits: string[] | null;
  forceRemoveSourceBranch: boolean;
  shouldRemoveSourceBranch: boolean | null;
  squash: boolean;
  /** Set by a test to force `detailed_merge_status` (e.g. `checking`, `not_approved`). */
  mergeabilityOverride: string | null;
  notes: Note[];
}

export type IssueState = 'opened' | 'closed';

export interface Issue {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: IssueState;
  authorId: number;
  assigneeIds: number[];
  labels: string[];
  confidential: boolean;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedById: number | null;
  notes: Note[];
}

export const jobStatuses = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceling',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface Job {
  id: number;
  name: string;
  stage: string;
  status: JobStatus;
  allowFailure: boolean;
  retried: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface Pipeline {
  id: number;
  iid: number;
  projectId: number;
  sha: string;
  ref: string;
  source: string;
  userId: number | null;
  createdAt: Date;
  updatedAt: Date;
  jobs: Job[];
  /** Set by a test to force the status instead of deriving it from the jobs. */
  statusOverride: string | null;
  /** The status last announced by a Pipeline Hook, to send one per change as GitLab does. */
  hookedStatus: string | null;
}

export interface ProjectSettings {
  /** GitLab's `only_allow_merge_if_pipeline_succeeds`. */
  onlyAllowMergeIfPipelineSucceeds: boolean;
  /** The default branch only takes pushes from Maintainers (GitLab's default protection). */
  protectDefaultBranch: boolean;
}

export interface Project {
  id: number;
  /** Full path, `group/project`. */
  path: string;
  defaultBranch: string;
  createdAt: Date;
  settings: ProjectSettings;
  members: Map<number, Member>;
  commits: Map<string, Commit>;
  branches: Map<string, string>;
  mergeRequests: MergeRequest[];
  issues: Issue[];
  pipelines: Pipeline[];
  nextMergeRequestIid: number;
  nextIssueIid: number;
  nextPipelineIid: number;
}

/** What a pipeline script answers for a new commit. */
export interface JobScript {
  name: string;
  /** Default `success`. */
  status?: JobStatus;
  /** Default `test`. */
  stage?: string;
  /** Default false (true for `manual` jobs, as GitLab defaults `when: manual` jobs). */
  allowFailure?: boolean;
}

export interface PipelineScript {
  jobs: JobScript[];
  /** Default `push`. */
  source?: string;
}

export interface CommitEvent {
  projectId: number;
  projectPath: string;
  sha: string;
  ref: string;
  /** Who pushed or merged. */
  userId: number;
}

export type PipelineScriptFn = (event: CommitEvent) => PipelineScript | undefined;

export const hookEvents = ['Issue Hook', 'Merge Request Hook', 'Pipeline Hook', 'Push Hook'] as const;
export type HookEvent = (typeof hookEvents)[number];

export interface Webhook {
  id: number;
  projectId: number;
  url: string;
  /** Sent as `X-Gitlab-Token`. */
  token: string | undefined;
  events: HookEvent[];
  /** `X-Gitlab-Webhook-UUID`. */
  uuid: string;
}

export interface WebhookDelivery {
  hookId: number;
  event: HookEvent;
  /** `X-Gitlab-Event-UUID`: the same for a redelivery. */
  uuid: string;
  payload: Record<string, unknown>;
  /** The receiver's answer; null while in flight or when it could not be reached. */
  status: number | null;
  error: string | null;
}
