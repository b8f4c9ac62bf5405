import { accessLevelOf, type State, webUrlOf } from '../store.js';
import type { Project } from '../types.js';

export function presentProject(state: State, project: Project, userId: number) {
  const slash = project.path.lastIndexOf('/');
  const namespacePath = slash >= 0 ? project.path.slice(0, slash) : '';
  const name = project.path.slice(slash + 1);
  return {
    id: project.id,
    name,
    path: name,
    name_with_namespace: project.path.split('/').join(' / '),
    path_with_namespace: project.path,
    description: null,
    default_branch: project.defaultBranch,
    visibility: 'private',
    web_url: webUrlOf(state, project),
    http_url_to_repo: `${webUrlOf(state, project)}.git`,
    created_at: project.createdAt.toISOString(),
    last_activity_at: project.createdAt.toISOString(),
    archived: false,
    empty_repo: project.branches.size === 0,
    namespace: {
      id: project.id,
      name: namespacePath,
      path: namespacePath,
      kind: 'group',
      full_path: namespacePath,
    },
    merge_method: 'merge',
    only_allow_merge_if_pipeline_succeeds: project.settings.onlyAllowMergeIfPipelineSucceeds,
    remove_source_branch_after_merge: true,
    issues_enabled: true,
    merge_requests_enabled: true,
    jobs_enabled: true,
    permissions: {
      project_access: { access_level: accessLevelOf(project, userId), notification_level: 3 },
      group_access: null,
    },
  };
}
