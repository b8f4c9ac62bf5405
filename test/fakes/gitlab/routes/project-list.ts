/**
 * `GET /projects` (doc/api/projects.md, "List all projects"): the projects the user can see, here only those
 * it is a member of (every fake project is private). Honours `membership`, `min_access_level`, `archived` (no
 * fake project is archived), `search` (path or name, case-insensitive), `order_by` (`id`, `name`, `path`,
 * `created_at`, the default, `last_activity_at`) and `sort` (`desc` by default), with offset pagination.
 */
import { paramError } from '../errors.js';
import { paginate } from '../http/pagination.js';
import { boolParam, intParam, stringParam } from '../http/params.js';
import type { ApiRequest, Route } from '../http/router.js';
import { route } from '../http/router.js';
import { presentProject } from '../present/project.js';
import { accessLevelOf } from '../store.js';
import type { Project } from '../types.js';

const ORDERS: Record<string, (a: Project, b: Project) => number> = {
  id: (a, b) => a.id - b.id,
  name: (a, b) => nameOf(a).localeCompare(nameOf(b)),
  path: (a, b) => nameOf(a).localeCompare(nameOf(b)),
  created_at: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
  last_activity_at: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
};

function nameOf(project: Project): string {
  return project.path.slice(project.path.lastIndexOf('/') + 1);
}

function listed(request: ApiRequest): Project[] {
  const minLevel = intParam(request, 'min_access_level') ?? 1;
  const archived = boolParam(request, 'archived');
  boolParam(request, 'membership');
  const search = stringParam(request, 'search')?.toLowerCase();
  const order = stringParam(request, 'order_by') ?? 'created_at';
  const sort = stringParam(request, 'sort') ?? 'desc';
  const compare = ORDERS[order];
  if (!compare) throw paramError('order_by does not have a valid value');
  if (sort !== 'asc' && sort !== 'desc') throw paramError('sort does not have a valid value');
  if (archived === true) return [];
  const projects = [...request.state.projects.values()].filter((project) => {
    const level = accessLevelOf(project, request.user.id);
    return level > 0 && level >= minLevel && (!search || project.path.toLowerCase().includes(search));
  });
  projects.sort(compare);
  return sort === 'desc' ? projects.reverse() : projects;
}

export const projectListRoutes: Route[] = [
  route('GET', '/projects', (request) =>
    paginate(request, listed(request), (project) => presentProject(request.state, project, request.user.id)),
  ),
];
