import { requireUser, type State, webUrlOf } from '../store.js';
import { parseTasks } from '../tasks.js';
import type { Issue, Note, Project } from '../types.js';
import { presentUser, presentUserById } from './people.js';

export function taskCompletion(description: string) {
  const tasks = parseTasks(description);
  return { count: tasks.length, completed_count: tasks.filter((task) => task.complete).length };
}

export function presentIssue(state: State, project: Project, issue: Issue) {
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: project.id,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt.toISOString(),
    updated_at: issue.updatedAt.toISOString(),
    closed_at: issue.closedAt?.toISOString() ?? null,
    closed_by: presentUserById(state, issue.closedById),
    labels: issue.labels,
    milestone: null,
    assignees: issue.assigneeIds.map((id) => presentUserById(state, id)),
    assignee: presentUserById(state, issue.assigneeIds[0] ?? null),
    author: presentUser(state, requireUser(state, issue.authorId)),
    type: 'ISSUE',
    issue_type: 'issue',
    user_notes_count: issue.notes.filter((note) => !note.system).length,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: null,
    confidential: issue.confidential,
    discussion_locked: null,
    web_url: webUrlOf(state, project, `/-/issues/${issue.iid}`),
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
    task_completion_status: taskCompletion(issue.description),
    has_tasks: parseTasks(issue.description).length > 0,
    references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${project.path}#${issue.iid}` },
  };
}

export function presentNote(state: State, project: Project, note: Note) {
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: presentUser(state, requireUser(state, note.authorId)),
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
    system: note.system,
    noteable_id: note.noteableId,
    noteable_type: note.noteableType,
    project_id: project.id,
    noteable_iid: note.noteableIid,
    resolvable: false,
    confidential: false,
    internal: false,
    commands_changes: {},
  };
}
