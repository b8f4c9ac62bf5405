import { projectFor } from '../http/access.js';
import { json, type Route, route } from '../http/router.js';
import { presentProject } from '../present/project.js';
import { AccessLevel } from '../types.js';

export const projectRoutes: Route[] = [
  route('GET', '/projects/:id', (request) => {
    const project = projectFor(request, AccessLevel.guest);
    return json(200, presentProject(request.state, project, request.user.id));
  }),
];
