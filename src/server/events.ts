import { z } from 'zod';

/**
 * The four GitLab webhook payloads the server acts on (GitLab's "Webhook events" page: Issue, Merge Request,
 * Pipeline and Push Hook). Lenient like every upstream schema here: only the fields routing reads are declared,
 * anything else passes through untouched, and fields that some GitLab versions leave out or send as null are
 * optional.
 */

/** The names GitLab sends in `X-Gitlab-Event`. */
export const HOOK_NAMES = ['Issue Hook', 'Merge Request Hook', 'Pipeline Hook', 'Push Hook'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export function isHookName(name: string): name is HookName {
  return (HOOK_NAMES as readonly string[]).includes(name);
}

const nullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

export const HookUser = z.looseObject({ id: z.number(), username: z.string().optional() });
export type HookUser = z.infer<typeof HookUser>;

export const HookProject = z.looseObject({
  id: z.number(),
  path_with_namespace: z.string(),
  /** null for an empty repository. */
  default_branch: nullableText,
});
export type HookProject = z.infer<typeof HookProject>;

/** `changes.X` is `{ previous, current }`; only its presence and the new value matter here. */
const Change = z.looseObject({ previous: z.unknown().optional(), current: z.unknown().optional() });

export const IssueHook = z.looseObject({
  object_kind: z.literal('issue'),
  user: HookUser,
  project: HookProject,
  object_attributes: z.looseObject({
    iid: z.number(),
    title: z.string(),
    description: nullableText,
    action: z.string().optional(),
    author_id: z.number().optional(),
  }),
  changes: z.looseObject({ description: Change.optional() }).optional(),
});
export type IssueHook = z.infer<typeof IssueHook>;

export const MergeRequestHook = z.looseObject({
  object_kind: z.literal('merge_request'),
  user: HookUser,
  project: HookProject,
  object_attributes: z.looseObject({
    iid: z.number(),
    source_branch: z.string(),
    target_branch: z.string(),
    author_id: z.number().optional(),
    description: nullableText,
    state: z.string().optional(),
    /** open, close, reopen, update, approved, unapproved, approval, unapproval, merge. */
    action: z.string().optional(),
  }),
  changes: z.looseObject({ description: Change.optional() }).optional(),
});
export type MergeRequestHook = z.infer<typeof MergeRequestHook>;

export const PipelineHook = z.looseObject({
  object_kind: z.literal('pipeline'),
  user: HookUser.nullish(),
  project: HookProject,
  object_attributes: z.looseObject({
    id: z.number(),
    /** A branch name, or `refs/merge-requests/IID/head` for a merge request pipeline. */
    ref: z.string(),
    tag: z.boolean().optional(),
    sha: z.string(),
    status: z.string(),
    source: z.string().optional(),
  }),
  merge_request: z.looseObject({ iid: z.number(), source_branch: z.string() }).nullish(),
});
export type PipelineHook = z.infer<typeof PipelineHook>;

const PushCommit = z.looseObject({
  id: z.string(),
  added: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
});

export const PushHook = z.looseObject({
  object_kind: z.literal('push'),
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  user_id: z.number(),
  user_username: z.string().optional(),
  project: HookProject,
  /** GitLab lists at most the newest 20 commits; `total_commits_count` has the real number. */
  commits: z.array(PushCommit).nullish(),
  total_commits_count: z.number().optional(),
});
export type PushHook = z.infer<typeof PushHook>;

export type HookEvent =
  | { name: 'Issue Hook'; payload: IssueHook }
  | { name: 'Merge Request Hook'; payload: MergeRequestHook }
  | { name: 'Pipeline Hook'; payload: PipelineHook }
  | { name: 'Push Hook'; payload: PushHook };

const SCHEMAS = {
  'Issue Hook': IssueHook,
  'Merge Request Hook': MergeRequestHook,
  'Pipeline Hook': PipelineHook,
  'Push Hook': PushHook,
} as const;

/** The `object_kind` each event pingate acts on carries; GitLab sends others under the same header. */
const OBJECT_KINDS: Record<HookName, string> = {
  'Issue Hook': 'issue',
  'Merge Request Hook': 'merge_request',
  'Pipeline Hook': 'pipeline',
  'Push Hook': 'push',
};

export type ParsedHook =
  | { ok: true; event: HookEvent }
  | { ok: true; ignored: string }
  | { ok: false; message: string };

/**
 * Validates a JSON body against the schema its `X-Gitlab-Event` names; the message names the first bad field.
 * A well-formed delivery of an object kind pingate does not use (GitLab sends tasks, OKRs, epics and other work
 * items as `Issue Hook` with `object_kind: "work_item"`) is `ignored`, never an error: GitLab disables a hook
 * after a few 4xx answers in a row, and with it the events pingate needs.
 */
export function parseHook(name: HookName, body: unknown): ParsedHook {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: `${name} payload: body: expected a JSON object` };
  }
  const kind = (body as { object_kind?: unknown }).object_kind;
  if (typeof kind === 'string' && kind !== OBJECT_KINDS[name]) {
    return { ok: true, ignored: `object kind "${kind}" under ${name} is not used` };
  }
  const result = SCHEMAS[name].safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
    return { ok: false, message: `${name} payload: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, event: { name, payload: result.data } as HookEvent };
}
