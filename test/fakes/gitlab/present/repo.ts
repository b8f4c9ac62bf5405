import { createHash } from 'node:crypto';
import { lineStats } from '../diff.js';
import { blobId, isAncestor, log, requireCommit, treeChanges } from '../git.js';
import { pipelineStatus } from '../pipelines.js';
import { type State, webUrlOf } from '../store.js';
import type { Commit, Project } from '../types.js';
import { presentPipelineBasic } from './ci.js';

/** Commit times as GitLab writes them: with an offset, not `Z`. */
export function commitTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

export function presentCommit(state: State, project: Project, commit: Commit) {
  return {
    id: commit.sha,
    short_id: commit.sha.slice(0, 8),
    created_at: commitTime(commit.date),
    parent_ids: commit.parents,
    title: commit.message.split('\n')[0] ?? '',
    message: commit.message,
    author_name: commit.authorName,
    author_email: commit.authorEmail,
    authored_date: commitTime(commit.date),
    committer_name: commit.committerName,
    committer_email: commit.committerEmail,
    committed_date: commitTime(commit.date),
    trailers: {},
    extended_trailers: {},
    web_url: webUrlOf(state, project, `/-/commit/${commit.sha}`),
  };
}

export function commitStats(project: Project, commit: Commit) {
  const parentTree = commit.parents[0]
    ? requireCommit(project, commit.parents[0]).tree
    : new Map<string, string>();
  let additions = 0;
  let deletions = 0;
  for (const change of treeChanges(parentTree, commit.tree)) {
    const stats = lineStats(change.oldContent, change.newContent);
    additions += stats.additions;
    deletions += stats.deletions;
  }
  return { additions, deletions, total: additions + deletions };
}

/** GET /repository/commits/:sha and the answer of POST /repository/commits. */
export function presentCommitDetail(state: State, project: Project, commit: Commit) {
  const pipeline = project.pipelines.filter((candidate) => candidate.sha === commit.sha).at(-1);
  return {
    ...presentCommit(state, project, commit),
    stats: commitStats(project, commit),
    status: pipeline ? pipelineStatus(pipeline) : null,
    project_id: project.id,
    last_pipeline: pipeline ? presentPipelineBasic(state, project, pipeline) : null,
  };
}

export function presentBranch(state: State, project: Project, name: string, sha: string) {
  const defaultHead = project.branches.get(project.defaultBranch);
  const isDefault = name === project.defaultBranch;
  const isProtected = isDefault && project.settings.protectDefaultBranch;
  return {
    name,
    merged: !isDefault && defaultHead !== undefined && isAncestor(project, sha, defaultHead),
    protected: isProtected,
    default: isDefault,
    developers_can_push: !isProtected,
    developers_can_merge: true,
    can_push: true,
    web_url: webUrlOf(state, project, `/-/tree/${encodeURIComponent(name)}`),
    commit: presentCommit(state, project, requireCommit(project, sha)),
  };
}

/** GET /repository/files/:path: the file at a commit, base64-encoded, with the last commit that changed it. */
export function presentFile(project: Project, commit: Commit, ref: string, path: string, content: string) {
  const lastCommit = log(project, commit.sha).find((candidate) => {
    const parent = candidate.parents[0] ? requireCommit(project, candidate.parents[0]) : undefined;
    return parent?.tree.get(path) !== candidate.tree.get(path);
  });
  const bytes = Buffer.from(content, 'utf8');
  return {
    file_name: path.split('/').at(-1) ?? path,
    file_path: path,
    size: bytes.length,
    encoding: 'base64',
    content_sha256: createSha256(bytes),
    ref,
    blob_id: blobId(content),
    commit_id: commit.sha,
    last_commit_id: (lastCommit ?? commit).sha,
    execute_filemode: false,
    content: bytes.toString('base64'),
  };
}

function createSha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
