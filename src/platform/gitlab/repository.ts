import type { ProjectPlatform } from '../types.js';
import { enc, orUndefined, type ProjectContext, projectCall } from './project-context.js';
import { PER_PAGE } from './request.js';
import {
  GitLabBranch,
  GitLabCommit,
  GitLabCompare,
  GitLabFile,
  GitLabProject,
  GitLabTreeEntry,
} from './schema.js';
import { changedPaths, decodeFile, filePaths, toBranch, toCommit, toProject } from './to-domain.js';

type RepositoryMethods = Pick<
  ProjectPlatform,
  | 'getProject'
  | 'readFile'
  | 'listFiles'
  | 'getBranch'
  | 'listBranches'
  | 'commitFiles'
  | 'deleteBranch'
  | 'listCommits'
  | 'getCommit'
  | 'compare'
>;

/** The project itself, its files, branches and commits. */
export function repositoryMethods(context: ProjectContext): RepositoryMethods {
  const { api, request, id } = context;
  return {
    async getProject() {
      const project = await request.one(projectCall(context, 'GET'), GitLabProject, () =>
        api.projects.show(id),
      );
      return toProject(project);
    },

    async readFile(path, ref) {
      const call = projectCall(context, 'GET', `repository/files/${enc(path)}`);
      const file = await orUndefined(
        request.one(call, GitLabFile, () => api.repositoryFiles.show(id, path, ref)),
      );
      return file && decodeFile(file);
    },

    // Offset pagination (`page`, followed through `Link`/`X-Next-Page`): the tree's keyset pagination is behind a
    // feature flag before GitLab 17.1, and an older release ignores `pagination=keyset` anyway.
    async listFiles(ref) {
      const call = projectCall(context, 'GET', 'repository/tree');
      const entries = await orUndefined(
        request.all(call, GitLabTreeEntry, (page) =>
          api.repositories.allRepositoryTrees(id, {
            ref,
            recursive: true,
            perPage: PER_PAGE,
            showExpanded: true,
            ...(page === undefined ? {} : { page }),
          } as Parameters<typeof api.repositories.allRepositoryTrees>[1]),
        ),
      );
      // 404 "Tree Not Found": an empty repository, or no such ref.
      return filePaths(entries ?? []);
    },

    async getBranch(name) {
      const call = projectCall(context, 'GET', `repository/branches/${enc(name)}`);
      const branch = await orUndefined(request.one(call, GitLabBranch, () => api.branches.show(id, name)));
      return branch && toBranch(branch);
    },

    async listBranches(prefix) {
      const call = projectCall(context, 'GET', 'repository/branches');
      const branches = await request.all(call, GitLabBranch, (page) =>
        api.branches.all(id, { search: `^${prefix}`, perPage: PER_PAGE, page, showExpanded: true }),
      );
      // GitLab's search ignores case; the prefix is exact.
      return branches.filter((branch) => branch.name.startsWith(prefix)).map(toBranch);
    },

    async commitFiles(input) {
      const call = projectCall(context, 'POST', 'repository/commits');
      const actions = input.actions.map((action) => ({
        action: action.action,
        filePath: action.filePath,
        ...(action.content !== undefined ? { content: action.content } : {}),
      }));
      const commit = await request.one(call, GitLabCommit, () =>
        api.commits.create(id, input.branch, input.message, actions, {
          startSha: input.startSha,
          force: input.force ?? true,
          ...(input.authorEmail ? { authorEmail: input.authorEmail } : {}),
        }),
      );
      return toCommit(commit);
    },

    async deleteBranch(name) {
      const call = projectCall(context, 'DELETE', `repository/branches/${enc(name)}`);
      await orUndefined(request.none(call, () => api.branches.remove(id, name)));
    },

    async listCommits(ref, options = {}) {
      const call = projectCall(context, 'GET', 'repository/commits');
      const commits = await request.all(call, GitLabCommit, (page) =>
        api.commits.all(id, {
          refName: ref,
          ...(options.since ? { since: options.since } : {}),
          perPage: PER_PAGE,
          page,
          showExpanded: true,
        }),
      );
      return commits.map(toCommit);
    },

    async getCommit(sha) {
      const call = projectCall(context, 'GET', `repository/commits/${enc(sha)}`);
      return toCommit(await request.one(call, GitLabCommit, () => api.commits.show(id, sha)));
    },

    async compare(from, to) {
      const call = projectCall(context, 'GET', 'repository/compare');
      const answer = await request.one(call, GitLabCompare, () => api.repositories.compare(id, from, to));
      return changedPaths(answer);
    },
  };
}
