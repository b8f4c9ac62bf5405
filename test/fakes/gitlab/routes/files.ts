import { notFound } from '../errors.js';
import { resolveRef } from '../git.js';
import { projectFor } from '../http/access.js';
import { requireParams, stringParam } from '../http/params.js';
import { type ApiRequest, json, type Route, route } from '../http/router.js';
import { presentFile } from '../present/repo.js';
import { AccessLevel } from '../types.js';

function fileAt(request: ApiRequest, ref: string) {
  const project = projectFor(request, AccessLevel.reporter);
  const commit = resolveRef(project, ref);
  if (!commit) throw notFound('Commit');
  const path = request.params['file_path'] ?? '';
  const content = commit.tree.get(path);
  if (content === undefined) throw notFound('File');
  return { project, commit, path, content };
}

export const fileRoutes: Route[] = [
  route('GET', '/projects/:id/repository/files/:file_path', (request) => {
    requireParams(request, ['ref']);
    const ref = stringParam(request, 'ref')!;
    const { project, commit, path, content } = fileAt(request, ref);
    return json(200, presentFile(project, commit, ref, path, content));
  }),

  // `ref` is optional here: the default branch.
  route('GET', '/projects/:id/repository/files/:file_path/raw', (request) => {
    const { commit, path, content } = fileAt(request, stringParam(request, 'ref') || 'HEAD');
    return {
      status: 200,
      text: content,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Gitlab-File-Path': path,
        'X-Gitlab-Commit-Id': commit.sha,
      },
    };
  }),
];
