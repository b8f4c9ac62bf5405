import { notFound } from './errors.js';
import { changesBetween, issueEvent } from './events.js';
import { eligibleUsers, normaliseLabels } from './merge-requests.js';
import { addNote } from './notes.js';
import { nextId, now, type State } from './store.js';
import { taskNoteBody, toggledTasks } from './tasks.js';
import type { Issue, Project } from './types.js';

export interface CreateIssueInput {
  title: string;
  description?: string;
  labels?: string[];
  assigneeIds?: number[];
  confidential?: boolean;
}

export function findIssue(project: Project, iid: number): Issue {
  const issue = project.issues.find((candidate) => candidate.iid === iid);
  if (!issue) throw notFound();
  return issue;
}

export function createIssue(
  state: State,
  project: Project,
  authorId: number,
  input: CreateIssueInput,
): Issue {
  const at = now(state);
  const issue: Issue = {
    id: nextId(state, 'issue'),
    iid: project.nextIssueIid++,
    title: input.title,
    description: input.description ?? '',
    state: 'opened',
    authorId,
    assigneeIds: eligibleUsers(project, input.assigneeIds),
    labels: normaliseLabels(input.labels ?? []),
    confidential: input.confidential ?? false,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedById: null,
    notes: [],
  };
  project.issues.push(issue);
  issueEvent(state, project, issue, authorId, 'open');
  return issue;
}

export interface UpdateIssueInput {
  title?: string;
  description?: string;
  stateEvent?: 'close' | 'reopen';
  labels?: string[];
  addLabels?: string[];
  removeLabels?: string[];
  assigneeIds?: number[];
}

/**
 * Edits an issue as GitLab's UpdateService does, with its system notes: a description edit that toggles checklist
 * items gets one "marked the checklist item …" note per item, any other description edit "changed the description".
 */
export function updateIssue(
  state: State,
  project: Project,
  issue: Issue,
  userId: number,
  input: UpdateIssueInput,
) {
  const before = snapshot(issue);
  if (input.title !== undefined && input.title !== issue.title) {
    addNote(
      state,
      { kind: 'Issue', record: issue },
      userId,
      `changed title from **${issue.title}** to **${input.title}**`,
      true,
    );
    issue.title = input.title;
  }
  if (input.description !== undefined && input.description !== issue.description) {
    describe(state, issue, userId, input.description);
  }
  if (input.labels !== undefined) issue.labels = normaliseLabels(input.labels);
  if (input.addLabels) issue.labels = normaliseLabels([...issue.labels, ...input.addLabels]);
  if (input.removeLabels) issue.labels = issue.labels.filter((label) => !input.removeLabels!.includes(label));
  if (input.assigneeIds !== undefined) issue.assigneeIds = eligibleUsers(project, input.assigneeIds);
  const action = changeState(state, issue, userId, input.stateEvent);
  issue.updatedAt = now(state);
  const changes = changesBetween(before, snapshot(issue));
  if (action !== 'update' || Object.keys(changes).length > 0)
    issueEvent(state, project, issue, userId, action, changes);
  return issue;
}

function snapshot(issue: Issue): Record<string, unknown> {
  const stateId = issue.state === 'opened' ? 1 : 2;
  return {
    title: issue.title,
    description: issue.description,
    labels: issue.labels,
    assignees: issue.assigneeIds,
    state_id: stateId,
  };
}

function changeState(state: State, issue: Issue, userId: number, event: 'close' | 'reopen' | undefined) {
  if (event === 'close' && issue.state === 'opened') {
    Object.assign(issue, { state: 'closed', closedAt: now(state), closedById: userId });
    return 'close';
  }
  if (event === 'reopen' && issue.state === 'closed') {
    Object.assign(issue, { state: 'opened', closedAt: null, closedById: null });
    return 'reopen';
  }
  return 'update';
}

function describe(state: State, issue: Issue, userId: number, description: string): void {
  const toggled = toggledTasks(issue.description, description);
  issue.description = description;
  const noteable = { kind: 'Issue' as const, record: issue };
  if (toggled.length === 0) {
    addNote(state, noteable, userId, 'changed the description', true);
    return;
  }
  for (const item of toggled) addNote(state, noteable, userId, taskNoteBody(item, state.release), true);
}
