import { badRequest, notFound } from '../errors.js';
import { resolveRef } from '../git.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { requireParams, stringParam } from '../http/params.js';
import { json, type Route, route } from '../http/router.js';
import { presentBranch } from '../present/repo.js';
import { assertCanPush, deleteBranch, moveBranch } from '../repository.js';
import { AccessLevel } from '../types.js';

/** GitLab's branch search: `^term` anchors the start, `term$` the end, otherwise a substring; case-insensitive. */
export function branchMatches(name: string, search: string): boolean {
  const lower = name.toLowerCase();
  let term = search.toLowerCase();
  const start = term.startsWith('^');
  const end = term.endsWith('$');
  if (start) term = term.slice(1);
  if (end) term = term.slice(0, -1);
  if (start && end) return lower === term;
  if (start) return lower.startsWith(term);
  if (end) return lower.endsWith(term);
  return lower.includes(term);
}

export const branchRoutes: Route[] = [
  route('GET', '/projects/:id/repository/branches', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    const search = stringParam(request, 'search');
    const names = [...project.branches.keys()]
      .filter((name) => !search || branchMatches(name, search))
      .sort();
    return paginate(request, names, (name) =>
      presentBranch(request.state, project, name, project.branches.get(name)!),
    );
  }),

  route('GET', '/projects/:id/repository/branches/:branch', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    const name = request.params['branch']!;
    const sha = project.branches.get(name);
    if (!sha) throw notFound('Branch');
    return json(200, presentBranch(request.state, project, name, sha));
  }),

  route('POST', '/projects/:id/repository/branches', (request) => {
    const project = projectFor(request, AccessLevel.developer);
    requireParams(request, ['branch', 'ref']);
    const name = stringParam(request, 'branch')!;
    assertCanPush(project, request.user.id, name);
    const commit = resolveRef(project, stringParam(request, 'ref')!);
    if (!commit) throw badRequest('Invalid reference name');
    if (project.branches.has(name)) throw badRequest('Branch already exists');
    moveBranch(request.state, project, name, commit.sha, request.user.id);
    return json(201, presentBranch(request.state, project, name, commit.sha));
  }),

  route('DELETE', '/projects/:id/repository/branches/:branch', (request) => {
    const project = projectFor(request, AccessLevel.developer);
    const name = request.params['branch']!;
    if (project.branches.has(name)) assertCanPush(project, request.user.id, name);
    deleteBranch(request.state, project, name, request.user.id);
    return { status: 204 };
  }),
];
