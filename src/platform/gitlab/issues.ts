import type { ProjectPlatform } from '../types.js';
import { type ProjectContext, projectCall } from './project-context.js';
import { PER_PAGE } from './request.js';
import { GitLabIssue, GitLabNote } from './schema.js';
import { toIssue, toNote } from './to-domain.js';

type IssueMethods = Pick<
  ProjectPlatform,
  'findIssues' | 'createIssue' | 'getIssue' | 'updateIssue' | 'listIssueNotes' | 'createIssueNote'
>;

export function issueMethods(context: ProjectContext): IssueMethods {
  const { api, request, id } = context;
  const issueCall = (method: string, iid: number, rest = '') =>
    projectCall(context, method, `issues/${iid}${rest}`);
  return {
    async findIssues({ authorId, title }) {
      const issues = await request.all(projectCall(context, 'GET', 'issues'), GitLabIssue, (page) =>
        api.issues.all({
          projectId: id,
          authorId,
          search: title,
          in: 'title',
          state: 'all',
          perPage: PER_PAGE,
          page,
          showExpanded: true,
        }),
      );
      // The search matches words anywhere in the title; only the exact title is ours.
      return issues.filter((issue) => issue.title === title).map(toIssue);
    },

    async createIssue(input) {
      const issue = await request.one(projectCall(context, 'POST', 'issues'), GitLabIssue, () =>
        api.issues.create(id, input.title, {
          description: input.description,
          ...(input.labels?.length ? { labels: input.labels.join(',') } : {}),
        }),
      );
      return toIssue(issue);
    },

    async getIssue(iid) {
      return toIssue(
        await request.one(issueCall('GET', iid), GitLabIssue, () => api.issues.show(iid, { projectId: id })),
      );
    },

    async updateIssue(iid, input) {
      const issue = await request.one(issueCall('PUT', iid), GitLabIssue, () =>
        api.issues.edit(id, iid, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.labels !== undefined ? { labels: input.labels.join(',') } : {}),
          ...(input.stateEvent !== undefined ? { stateEvent: input.stateEvent } : {}),
        }),
      );
      return toIssue(issue);
    },

    async listIssueNotes(iid) {
      const notes = await request.all(issueCall('GET', iid, '/notes'), GitLabNote, (page) =>
        api.issueNotes.all(id, iid, { perPage: PER_PAGE, page, showExpanded: true }),
      );
      return notes.map(toNote);
    },

    async createIssueNote(iid, body) {
      return toNote(
        await request.one(issueCall('POST', iid, '/notes'), GitLabNote, () =>
          api.issueNotes.create(id, iid, body),
        ),
      );
    },
  };
}
