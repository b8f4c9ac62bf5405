import { createHash } from 'node:crypto';
import type { PipelineScriptFn, Project, User, Webhook, WebhookDelivery } from './types.js';

/** How the checklist system note quotes the item: as gitlab.com writes it today, or as GitLab ≤ 16 did. */
export type TaskNoteStyle = 'text' | 'source';

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
  taskNoteStyle: TaskNoteStyle;
  webhooks: Webhook[];
  deliveries: WebhookDelivery[];
  /** Deliveries still in flight, so a test can wait for them. */
  inFlight: Set<Promise<void>>;
}

export function createState(options: { now?: Date; taskNoteStyle?: TaskNoteStyle } = {}): State {
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
    taskNoteStyle: options.taskNoteStyle ?? 'text',
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
