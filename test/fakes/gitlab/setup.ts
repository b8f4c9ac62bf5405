import { writeCommit } from './git.js';
import { nextId, now, type State, tokenFor, userByUsername, webUrlOf } from './store.js';
import type { Project, User } from './types.js';

/** A user or their id, wherever a test names who acts. */
export type Actor = number | { id: number };
/** A project by numeric id or full path. */
export type ProjectRef = number | string;

export function actorId(actor: Actor): number {
  return typeof actor === 'number' ? actor : actor.id;
}

export interface AddUserInput {
  username: string;
  name?: string;
  /** Default `USERNAME@example.com`; commits the user makes carry it. */
  email?: string;
  /** Default: a `glpat-…` derived from the username. */
  token?: string;
  bot?: boolean;
}

export interface FakeUser {
  id: number;
  username: string;
  name: string;
  email: string;
  token: string;
}

export function addUser(state: State, input: AddUserInput): FakeUser {
  if (userByUsername(state, input.username)) throw new Error(`fake GitLab: user ${input.username} exists`);
  const id = nextId(state, 'user');
  const user: User = {
    id,
    username: input.username,
    name: input.name ?? input.username,
    email: input.email ?? `${input.username}@example.com`,
    token: input.token ?? tokenFor(input.username, id),
    bot: input.bot ?? false,
    createdAt: now(state),
  };
  state.users.set(id, user);
  return { id, username: user.username, name: user.name, email: user.email, token: user.token };
}

export interface AddProjectInput {
  /** Full path, `group/project`. */
  path: string;
  /** Default `main`. */
  defaultBranch?: string;
  /** The initial commit's files; absent for an empty repository (no branch at all). */
  files?: Record<string, string>;
  members?: Array<{ userId: number; accessLevel: number }>;
  onlyAllowMergeIfPipelineSucceeds?: boolean;
  /** Default true: only Maintainers push to the default branch; Developers merge. */
  protectDefaultBranch?: boolean;
}

export interface FakeProject {
  id: number;
  path: string;
  defaultBranch: string;
  webUrl: string;
}

export function addProject(state: State, input: AddProjectInput): FakeProject {
  const at = now(state);
  const project: Project = {
    id: nextId(state, 'project'),
    path: input.path,
    defaultBranch: input.defaultBranch ?? 'main',
    createdAt: at,
    settings: {
      onlyAllowMergeIfPipelineSucceeds: input.onlyAllowMergeIfPipelineSucceeds ?? false,
      protectDefaultBranch: input.protectDefaultBranch ?? true,
    },
    members: new Map(),
    commits: new Map(),
    branches: new Map(),
    mergeRequests: [],
    issues: [],
    pipelines: [],
    nextMergeRequestIid: 1,
    nextIssueIid: 1,
    nextPipelineIid: 1,
  };
  for (const member of input.members ?? []) addMember(state, project, member.userId, member.accessLevel);
  if (input.files) {
    // Written by the instance admin, so that no test user's commit count includes it.
    const initial = writeCommit(project, {
      parents: [],
      tree: new Map(Object.entries(input.files)),
      message: 'Initial commit',
      authorName: 'Administrator',
      authorEmail: 'admin@example.com',
      committerName: 'Administrator',
      committerEmail: 'admin@example.com',
      date: at,
    });
    project.branches.set(project.defaultBranch, initial.sha);
  }
  state.projects.set(project.id, project);
  return describeProject(state, project);
}

export function describeProject(state: State, project: Project): FakeProject {
  return {
    id: project.id,
    path: project.path,
    defaultBranch: project.defaultBranch,
    webUrl: webUrlOf(state, project),
  };
}

export function addMember(state: State, project: Project, userId: number, accessLevel: number): void {
  if (!state.users.has(userId)) throw new Error(`fake GitLab: no user ${userId}`);
  const existing = project.members.get(userId);
  // Level 0 removes the member, as leaving the project does.
  if (accessLevel <= 0) project.members.delete(userId);
  else project.members.set(userId, { userId, accessLevel, createdAt: existing?.createdAt ?? now(state) });
}
