import { MERGE_CONFLICT_STATUSES } from '../errors.js';
import type { ProjectPlatform } from '../types.js';
import { type ProjectContext, projectCall } from './project-context.js';
import { PER_PAGE } from './request.js';
import { GitLabCommit, GitLabMergeRequest, GitLabNote } from './schema.js';
import { toCommit, toMergeRequest, toNote } from './to-domain.js';

type MergeRequestMethods = Pick<
  ProjectPlatform,
  | 'listMergeRequests'
  | 'getMergeRequest'
  | 'createMergeRequest'
  | 'updateMergeRequest'
  | 'mergeMergeRequest'
  | 'listMergeRequestCommits'
  | 'listMergeRequestNotes'
  | 'createMergeRequestNote'
>;

// GitLab documents `state=all` (also its default); gitbeaker's types leave it out.
const ALL_STATES = { state: 'all' } as unknown as { state?: 'opened' };

export function mergeRequestMethods(context: ProjectContext): MergeRequestMethods {
  const { api, request, id } = context;
  const mrCall = (method: string, iid: number, rest = '') =>
    projectCall(context, method, `merge_requests/${iid}${rest}`);
  return {
    async listMergeRequests({ authorId }) {
      const call = projectCall(context, 'GET', 'merge_requests');
      const mrs = await request.all(call, GitLabMergeRequest, (page) =>
        api.mergeRequests.all({
          projectId: id,
          ...ALL_STATES,
          authorId,
          // GitLab re-checks whether each branch still merges cleanly (it does not after its target moved).
          withMergeStatusRecheck: true,
          perPage: PER_PAGE,
          page,
          showExpanded: true,
        }),
      );
      return mrs.map(toMergeRequest);
    },

    async getMergeRequest(iid) {
      return toMergeRequest(
        await request.one(mrCall('GET', iid), GitLabMergeRequest, () => api.mergeRequests.show(id, iid)),
      );
    },

    async createMergeRequest(input) {
      const call = projectCall(context, 'POST', 'merge_requests');
      const mr = await request.one(call, GitLabMergeRequest, () =>
        api.mergeRequests.create(id, input.sourceBranch, input.targetBranch, input.title, {
          description: input.description,
          removeSourceBranch: input.removeSourceBranch ?? true,
          ...(input.labels?.length ? { labels: input.labels.join(',') } : {}),
          ...(input.assigneeIds?.length ? { assigneeIds: input.assigneeIds } : {}),
          ...(input.reviewerIds?.length ? { reviewerIds: input.reviewerIds } : {}),
        }),
      );
      return toMergeRequest(mr);
    },

    async updateMergeRequest(iid, input) {
      const mr = await request.one(mrCall('PUT', iid), GitLabMergeRequest, () =>
        api.mergeRequests.edit(id, iid, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          // '' removes every label, as GitLab documents.
          ...(input.labels !== undefined ? { labels: input.labels.join(',') } : {}),
          ...(input.stateEvent !== undefined ? { stateEvent: input.stateEvent } : {}),
        }),
      );
      return toMergeRequest(mr);
    },

    async mergeMergeRequest(iid, { sha }) {
      // `sha` makes GitLab refuse (409) if the head moved after the gate checked it.
      const mr = await request.one(
        mrCall('PUT', iid, '/merge'),
        GitLabMergeRequest,
        () => api.mergeRequests.merge(id, iid, { sha, shouldRemoveSourceBranch: true }),
        { conflictStatuses: MERGE_CONFLICT_STATUSES },
      );
      return toMergeRequest(mr);
    },

    async listMergeRequestCommits(iid) {
      const commits = await request.all(mrCall('GET', iid, '/commits'), GitLabCommit, (page) =>
        api.mergeRequests.allCommits(id, iid, { perPage: PER_PAGE, page, showExpanded: true }),
      );
      return commits.map(toCommit);
    },

    async listMergeRequestNotes(iid) {
      const notes = await request.all(mrCall('GET', iid, '/notes'), GitLabNote, (page) =>
        api.mergeRequestNotes.all(id, iid, { perPage: PER_PAGE, page, showExpanded: true }),
      );
      return notes.map(toNote);
    },

    async createMergeRequestNote(iid, body) {
      return toNote(
        await request.one(mrCall('POST', iid, '/notes'), GitLabNote, () =>
          api.mergeRequestNotes.create(id, iid, body),
        ),
      );
    },
  };
}
