import type { ProjectPlatform } from '../types.js';
import { type ProjectContext, projectCall } from './project-context.js';
import { PER_PAGE } from './request.js';
import { GitLabJob, GitLabPipeline } from './schema.js';
import { toJobs, toPipeline } from './to-domain.js';

type PipelineMethods = Pick<ProjectPlatform, 'listPipelines' | 'getPipeline' | 'listPipelineJobs'>;

export function pipelineMethods(context: ProjectContext): PipelineMethods {
  const { api, request, id } = context;
  return {
    async listPipelines({ sha, ref }) {
      const pipelines = await request.all(projectCall(context, 'GET', 'pipelines'), GitLabPipeline, (page) =>
        api.pipelines.all(id, {
          ...(sha ? { sha } : {}),
          ...(ref ? { ref } : {}),
          orderBy: 'id',
          sort: 'desc',
          perPage: PER_PAGE,
          page,
          showExpanded: true,
        }),
      );
      return pipelines.map(toPipeline);
    },

    async getPipeline(pipelineId) {
      const call = projectCall(context, 'GET', `pipelines/${pipelineId}`);
      return toPipeline(await request.one(call, GitLabPipeline, () => api.pipelines.show(id, pipelineId)));
    },

    async listPipelineJobs(pipelineId) {
      const call = projectCall(context, 'GET', `pipelines/${pipelineId}/jobs`);
      const jobs = await request.all(call, GitLabJob, (page) =>
        api.jobs.all(id, { pipelineId, includeRetried: true, perPage: PER_PAGE, page, showExpanded: true }),
      );
      return toJobs(jobs);
    },
  };
}
