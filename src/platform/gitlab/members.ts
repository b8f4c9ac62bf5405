import type { ProjectPlatform } from '../types.js';
import { type ProjectContext, projectCall } from './project-context.js';
import { PER_PAGE } from './request.js';
import { GitLabMember } from './schema.js';
import { toMember } from './to-domain.js';

export function memberMethods(context: ProjectContext): Pick<ProjectPlatform, 'listMembers'> {
  const { api, request, id } = context;
  return {
    async listMembers() {
      // members/all: inherited members (from the group) may tick dashboard boxes too.
      const members = await request.all(projectCall(context, 'GET', 'members/all'), GitLabMember, (page) =>
        api.projectMembers.all(id, { includeInherited: true, perPage: PER_PAGE, page, showExpanded: true }),
      );
      return members.map(toMember);
    },
  };
}
