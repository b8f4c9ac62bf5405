import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { enumParam, requireParams, stringParam } from '../http/params.js';
import { type ApiRequest, json, type Route, route } from '../http/router.js';
import { findIssue } from '../issues.js';
import { findMergeRequest } from '../merge-requests.js';
import { addNote } from '../notes.js';
import { presentNote } from '../present/issue.js';
import { AccessLevel, type Note } from '../types.js';

type Kind = 'Issue' | 'MergeRequest';

/** Issue notes need Guest; MR notes Reporter (MRs of a private project are hidden from Guests). */
function noteableOf(request: ApiRequest, kind: Kind) {
  const iid = Number(request.params['iid']);
  if (kind === 'Issue') {
    const project = projectFor(request, AccessLevel.guest);
    return { project, noteable: { kind, record: findIssue(project, iid) } as const };
  }
  const project = projectFor(request, AccessLevel.reporter);
  return { project, noteable: { kind, record: findMergeRequest(project, iid) } as const };
}

/** sort desc (default) | asc, order_by created_at (default) | updated_at; system notes included. */
function sortNotes(request: ApiRequest, notes: Note[]): Note[] {
  const direction = (enumParam(request, 'sort', ['asc', 'desc'] as const) ?? 'desc') === 'asc' ? 1 : -1;
  const byUpdated = enumParam(request, 'order_by', ['created_at', 'updated_at'] as const) === 'updated_at';
  const key = (note: Note) => (byUpdated ? note.updatedAt : note.createdAt).getTime();
  return [...notes].sort((a, b) => (key(a) - key(b) || a.id - b.id) * direction);
}

function notesRoutes(kind: Kind, resource: string): Route[] {
  return [
    route('GET', `/projects/:id/${resource}/:iid/notes`, (request) => {
      const { project, noteable } = noteableOf(request, kind);
      return paginate(request, sortNotes(request, noteable.record.notes), (note) =>
        presentNote(request.state, project, note),
      );
    }),
    route('POST', `/projects/:id/${resource}/:iid/notes`, (request) => {
      const { project, noteable } = noteableOf(request, kind);
      requireParams(request, ['body']);
      const note = addNote(request.state, noteable, request.user.id, stringParam(request, 'body')!);
      return json(201, presentNote(request.state, project, note));
    }),
  ];
}

export const noteRoutes: Route[] = [
  ...notesRoutes('Issue', 'issues'),
  ...notesRoutes('MergeRequest', 'merge_requests'),
];
