import type { ProjectInfo } from '../types.js';
import type { GitLabApi } from './api.js';
import { PER_PAGE, type Requester } from './request.js';
import { DEVELOPER_ACCESS } from './roles.js';
import { GitLabProject } from './schema.js';
import { toProject } from './to-domain.js';

/**
 * `GET /projects?membership=true&min_access_level=30&archived=false`, every page, oldest id first: the projects
 * where the token's user is a member (directly or through a group) with at least the Developer role, the least
 * that may push a branch and open a merge request. Archived projects are read-only and left out.
 */
export async function listMemberProjects(api: GitLabApi, request: Requester): Promise<ProjectInfo[]> {
  const projects = await request.all({ method: 'GET', path: '/projects' }, GitLabProject, (page) =>
    api.projects.all({
      membership: true,
      minAccessLevel: DEVELOPER_ACCESS,
      archived: false,
      orderBy: 'id',
      sort: 'asc',
      pagination: 'offset',
      perPage: PER_PAGE,
      page,
      showExpanded: true,
    }),
  );
  return projects.map(toProject);
}
