import { notFound } from '../errors.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { intListParam, stringParam } from '../http/params.js';
import { json, type Route, route } from '../http/router.js';
import { presentCurrentUser, presentMember, presentUser } from '../present/people.js';
import { requireUser } from '../store.js';
import { AccessLevel } from '../types.js';

export const userRoutes: Route[] = [
  route('GET', '/user', (request) => json(200, presentCurrentUser(request.state, request.user))),

  // Any signed-in user may read it (doc/api/version.md); `revision` is the commit GitLab was built from.
  route('GET', '/version', (request) =>
    json(200, { version: request.state.release.version, revision: '0123456789a' }),
  ),

  route('GET', '/users', (request) => {
    const username = stringParam(request, 'username')?.toLowerCase();
    const search = stringParam(request, 'search')?.toLowerCase();
    const users = [...request.state.users.values()].filter(
      (user) =>
        (username === undefined || user.username.toLowerCase() === username) &&
        (search === undefined ||
          user.username.toLowerCase().includes(search) ||
          user.name.toLowerCase().includes(search) ||
          user.email.toLowerCase() === search),
    );
    return paginate(request, users, (user) => presentUser(request.state, user));
  }),

  route('GET', '/users/:user_id', (request) => {
    const user = request.state.users.get(Number(request.params['user_id']));
    if (!user) throw notFound('User');
    return json(200, presentUser(request.state, user));
  }),

  // Direct and inherited members; this fake has no groups, so both lists are the project's members.
  ...['/projects/:id/members/all', '/projects/:id/members'].map((pattern) =>
    route('GET', pattern, (request) => {
      const project = projectFor(request, AccessLevel.guest);
      const query = stringParam(request, 'query')?.toLowerCase();
      const ids = intListParam(request, 'user_ids');
      const members = [...project.members.values()]
        .map((member) => requireUser(request.state, member.userId))
        .filter((user) => ids === undefined || ids.includes(user.id))
        .filter(
          (user) =>
            query === undefined ||
            user.username.toLowerCase().includes(query) ||
            user.name.toLowerCase().includes(query),
        )
        .sort((a, b) => a.id - b.id);
      return paginate(request, members, (user) => presentMember(request.state, project, user));
    }),
  ),

  route('GET', '/projects/:id/members/all/:user_id', (request) => {
    const project = projectFor(request, AccessLevel.guest);
    const userId = Number(request.params['user_id']);
    if (!project.members.has(userId)) throw notFound();
    return json(200, presentMember(request.state, project, requireUser(request.state, userId)));
  }),
];
