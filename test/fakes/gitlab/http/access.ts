import { forbidden, notFound } from '../errors.js';
import { accessLevelOf, findProject } from '../store.js';
import type { Project } from '../types.js';
import type { ApiRequest } from './router.js';

/**
 * The project of `:id`, if the user may do this to it. Non-members get 404 (GitLab hides private projects);
 * members below `minLevel` get 403.
 */
export function projectFor(request: ApiRequest, minLevel: number): Project {
  const project = findProject(request.state, request.params['id'] ?? '');
  const level = project ? accessLevelOf(project, request.user.id) : 0;
  if (!project || level === 0) throw notFound('Project');
  if (level < minLevel) throw forbidden();
  return project;
}
