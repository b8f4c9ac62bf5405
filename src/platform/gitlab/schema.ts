import { z } from 'zod';

/**
 * GitLab v4 payloads, as much of them as pingate reads. Lenient: unknown keys are dropped, fields that
 * GitLab leaves out on some versions or endpoints are optional, and nullable text becomes ''.
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/**
 * One of `values`, or `unknown` for anything else (a legacy `reopened`, a value a newer GitLab added): one odd
 * record never fails a whole list, and what reads it treats `unknown` as "leave it to a person".
 */
function lenientEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const known: ReadonlySet<string> = new Set(values);
  return z
    .unknown()
    .transform((value): T[number] | 'unknown' =>
      typeof value === 'string' && known.has(value) ? (value as T[number]) : 'unknown',
    );
}

export const GitLabUser = z.object({
  id: z.number(),
  username: z.string(),
  // Only GET /user (the token's own user) carries these; the bot's commits use one of them.
  email: z.string().nullish(),
  commit_email: z.string().nullish(),
  public_email: z.string().nullish(),
});
export type GitLabUser = z.infer<typeof GitLabUser>;

const Access = z.object({ access_level: z.number() }).nullish();

export const GitLabProject = z.object({
  id: z.number(),
  path_with_namespace: z.string(),
  default_branch: z.string().nullish(),
  web_url: z.string(),
  permissions: z.object({ project_access: Access, group_access: Access }).partial().nullish(),
});
export type GitLabProject = z.infer<typeof GitLabProject>;

export const GitLabFile = z.object({
  content: z.string(),
  encoding: z.string().optional(),
});
export type GitLabFile = z.infer<typeof GitLabFile>;

export const GitLabBranch = z.object({
  name: z.string(),
  commit: z.object({ id: z.string() }),
});
export type GitLabBranch = z.infer<typeof GitLabBranch>;

export const GitLabCommit = z.object({
  id: z.string(),
  title: text,
  message: z.string().nullish(),
  author_name: text,
  author_email: text,
  committer_email: text,
  created_at: z.string(),
  parent_ids: z.array(z.string()).nullish(),
});
export type GitLabCommit = z.infer<typeof GitLabCommit>;

export const GitLabCompare = z.object({
  diffs: z.array(z.object({ old_path: z.string(), new_path: z.string() })).default([]),
});
export type GitLabCompare = z.infer<typeof GitLabCompare>;

/** An entry of `GET /projects/:id/repository/tree`: `blob`, `tree` or `commit` (a submodule). */
export const GitLabTreeEntry = z.object({
  path: z.string(),
  type: z.string(),
  mode: z.string().optional(),
});
export type GitLabTreeEntry = z.infer<typeof GitLabTreeEntry>;

export const GitLabMergeRequest = z.object({
  iid: z.number(),
  title: z.string(),
  description: text,
  state: lenientEnum(['opened', 'closed', 'merged', 'locked']),
  draft: z.boolean().nullish(),
  work_in_progress: z.boolean().nullish(),
  source_branch: z.string(),
  target_branch: z.string(),
  sha: text,
  author: z.object({ id: z.number() }),
  created_at: z.string(),
  closed_by: z.object({ id: z.number() }).nullish(),
  merged_at: z.string().nullish(),
  merge_commit_sha: z.string().nullish(),
  squash_commit_sha: z.string().nullish(),
  web_url: z.string(),
  // GitLab 15.6+; older releases send only the four after it (see merge-status.ts).
  detailed_merge_status: z.string().nullish(),
  merge_status: z.string().nullish(),
  has_conflicts: z.boolean().nullish(),
  blocking_discussions_resolved: z.boolean().nullish(),
  labels: z.array(z.string()).default([]),
});
export type GitLabMergeRequest = z.infer<typeof GitLabMergeRequest>;

export const GitLabPipeline = z.object({
  id: z.number(),
  sha: z.string(),
  ref: z.string(),
  status: z.string(),
  web_url: z.string(),
  created_at: z.string(),
  source: z.string().nullish(),
});
export type GitLabPipeline = z.infer<typeof GitLabPipeline>;

export const GitLabJob = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  allow_failure: z.boolean().default(false),
  web_url: z.string(),
  retried: z.boolean().nullish(),
  created_at: z.string(),
});
export type GitLabJob = z.infer<typeof GitLabJob>;

export const GitLabIssue = z.object({
  iid: z.number(),
  title: z.string(),
  description: text,
  author: z.object({ id: z.number() }),
  state: lenientEnum(['opened', 'closed']),
  web_url: z.string(),
  updated_at: z.string(),
  labels: z.array(z.string()).default([]),
});
export type GitLabIssue = z.infer<typeof GitLabIssue>;

export const GitLabNote = z.object({
  id: z.number(),
  body: text,
  author: z.object({ id: z.number(), username: z.string() }),
  system: z.boolean().default(false),
  created_at: z.string(),
});
export type GitLabNote = z.infer<typeof GitLabNote>;

export const GitLabMember = z.object({
  id: z.number(),
  username: z.string(),
  access_level: z.number(),
});
export type GitLabMember = z.infer<typeof GitLabMember>;

export const GitLabVersion = z.object({ version: z.string() });
export type GitLabVersion = z.infer<typeof GitLabVersion>;
