import { createHash } from 'node:crypto';
import type { PipelineScriptFn, Project, User, Webhook, WebhookDelivery } from './types.js';

/**
 * How the checklist system note quotes the item:
 * - `text`: gitlab.com today: hidden comments' delimiters dropped (their content kept), markdown punctuation escaped;
 * - `source`: older releases: the item's markdown as written;
 * - `escaped-source`, `plain-text`: the two in between (escaped with the comments kept; text without escapes).
 */
export type TaskNoteStyle = 'text' | 'source' | 'escaped-source' | 'plain-text';

/** What of the API depends on GitLab's release. The default models gitlab.com today. */
export interface Release {
  /** Answered by `GET /version`. */
  version: string;
  taskNoteStyle: TaskNoteStyle;
  /** `marked the checklist item **…**` since 15.x; `marked the task **…**` before. */
  taskNoteWording: 'checklist item' | 'task';
  /** `detailed_merge_status` exists from 15.6; before, MRs carry `merge_status` and `has_conflicts` only. */
  detailedMergeStatus: boolean;
}

export const CURRENT_RELEASE: Release = {
  version: '18.6.0-ee',
  taskNoteStyle: 'text',
  taskNoteWording: 'checklist item',
  detailedMergeStatus: true,
};

/** The oldest release pingate supports, as the fake models it. */
export const GITLAB_15_0: Release = {
  version: '15.0.5-ee',
  taskNoteStyle: 'source',
  taskNoteWording: 'task',
  detailedMergeStatus: false,
};

type IdKind = 'user' | 'project' | 'mergeRequest' | 'issue' | 'note' | 'pipeline' | 'job' | 'webhook';

export interface State {
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  baseUrl: string;
  users: Map<number, User>;
  projects: Map<number, Project>;
  /** A fixed instant set by the test, or null for the real clock. */
  fixedNow: Date | null;
  lastIds: Record<IdKind, number>;
  pipelineScript: PipelineScriptFn | null;
  release: Release;
  webhooks: Webhook[];
  deliveries: WebhookDelivery[];
  /** Deliveries still in flight, so a test can wait for them. */
  inFlight: Set<Promise<void>>;
}

export function createState(options: { now?: Date; release?: Partial<Release> } = {}): State {
  return {
    baseUrl: '',
    users: new Map(),
    projects: new Map(),
    fixedNow: options.now ?? null,
    // Distinct ranges so that an id of one kind is never mistaken for another in a test.
    lastIds: {
      user: 0,
      project: 0,
      mergeRequest: 1000,
      issue: 2000,
      note: 3000,
      pipeline: 4000,
      job: 5000,
      webhook: 0,
    },
    pipelineScript: null,
    release: { ...CURRENT_RELEASE, ...options.release },
    webhooks: [],
    deliveries: [],
    inFlight: new Set(),
  };
}

export function now(state: State): Date {
  return state.fixedNow ? new Date(state.fixedNow) : new Date();
}

export function nextId(state: State, kind: IdKind): number {
  state.lastIds[kind] += 1;
  return state.lastIds[kind];
}

/** A project by numeric id or full path (already URL-decoded). */
export function findProject(state: State, ref: string | number): Project | undefined {
  const text = String(ref);
  if (/^\d+$/.test(text)) return state.projects.get(Number(text));
  const lower = text.toLowerCase();
  for (const project of state.projects.values()) {
    if (project.path.toLowerCase() === lower) return project;
  }
  return undefined;
}

export function requireProject(state: State, ref: string | number): Project {
  const project = findProject(state, ref);
  if (!project) throw new Error(`fake GitLab: no project ${ref}`);
  return project;
}

export function requireUser(state: State, id: number): User {
  const user = state.users.get(id);
  if (!user) throw new Error(`fake GitLab: no user ${id}`);
  return user;
}

export function userByToken(state: State, token: string): User | undefined {
  for (const user of state.users.values()) {
    if (user.token === token) return user;
  }
  return undefined;
}

export function userByUsername(state: State, username: string): User | undefined {
  const lower = username.toLowerCase();
  for (const user of state.users.values()) {
    if (user.username.toLowerCase() === lower) return user;
  }
  return undefined;
}

/** The user's access level in the project; 0 when not a member. */
export function accessLevelOf(project: Project, userId: number): number {
  return project.members.get(userId)?.accessLevel ?? 0;
}

export function tokenFor(username: string, id: number): string {
  const digest = createHash('sha1').update(`${username}:${id}`).digest('hex');
  return `glpat-${digest.slice(0, 20)}`;
}

export function webUrlOf(state: State, project: Project, suffix = ''): string {
  return `${state.baseUrl}/${project.path}${suffix}`;
}
