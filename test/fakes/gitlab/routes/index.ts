import type { Route } from '../http/router.js';
import { branchRoutes } from './branches.js';
import { commitRoutes } from './commits.js';
import { fileRoutes } from './files.js';
import { issueRoutes } from './issues.js';
import { mergeRequestRoutes } from './merge-requests.js';
import { noteRoutes } from './notes.js';
import { pipelineRoutes } from './pipelines.js';
import { projectListRoutes } from './project-list.js';
import { projectRoutes } from './projects.js';
import { treeRoutes } from './tree.js';
import { userRoutes } from './users.js';

/** Every endpoint the fake serves, under `/api/v4`. */
export const allRoutes: Route[] = [
  ...userRoutes,
  ...projectListRoutes,
  ...projectRoutes,
  ...fileRoutes,
  ...treeRoutes,
  ...branchRoutes,
  ...commitRoutes,
  ...mergeRequestRoutes,
  ...noteRoutes,
  ...issueRoutes,
  ...pipelineRoutes,
];
