import { unifiedDiff } from '../diff.js';
import { notFound, paramError } from '../errors.js';
import { changedPathsOf, log, mergeBase, requireCommit, resolveRef, treeChanges } from '../git.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { boolParam, dateParam, param, requireParams, stringParam } from '../http/params.js';
import { type ApiRequest, json, type Route, route } from '../http/router.js';
import { commitStats, presentCommit, presentCommitDetail } from '../present/repo.js';
import { assertCanPush, commitFiles, type FileActionInput } from '../repository.js';
import { AccessLevel, type Commit, type Project } from '../types.js';

function commitOf(project: Project, ref: string): Commit {
  const commit = resolveRef(project, ref);
  if (!commit) throw notFound('Commit');
  return commit;
}

/** The commits `GET /repository/commits` lists: `ref_name` (or `a..b`), `path`, `since`/`until`, `all`. */
function listedCommits(request: ApiRequest, project: Project): Commit[] {
  const refName = stringParam(request, 'ref_name') || project.defaultBranch;
  const firstParent = boolParam(request, 'first_parent') ?? false;
  let commits: Commit[];
  if (boolParam(request, 'all')) {
    const heads = [...project.branches.values()];
    const seen = new Map<string, Commit>();
    for (const head of heads) for (const commit of log(project, head)) seen.set(commit.sha, commit);
    commits = [...seen.values()].sort((a, b) => b.date.getTime() - a.date.getTime());
  } else if (refName.includes('..')) {
    const [from, to] = refName.split(/\.{2,3}/);
    commits = log(project, commitOf(project, to ?? '').sha, {
      exclude: commitOf(project, from ?? '').sha,
      firstParent,
    });
  } else {
    if (project.branches.size === 0) return [];
    commits = log(project, commitOf(project, refName).sha, { firstParent });
  }
  const path = stringParam(request, 'path');
  const since = dateParam(request, 'since');
  const until = dateParam(request, 'until');
  return commits.filter(
    (commit) =>
      (!path || touches(project, commit, path)) &&
      (!since || commit.date >= since) &&
      (!until || commit.date <= until),
  );
}

/** A commit touches a path when it differs there from every parent (git log's default simplification). */
function touches(project: Project, commit: Commit, path: string): boolean {
  const inside = (changed: string) => changed === path || changed.startsWith(`${path.replace(/\/$/, '')}/`);
  if (commit.parents.length <= 1) return [...changedPathsOf(project, commit)].some(inside);
  return commit.parents.every((parent) => {
    const before = requireCommit(project, parent).tree;
    return treeChanges(before, commit.tree).some((change) => inside(change.newPath));
  });
}

function createCommit(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.developer);
  requireParams(request, ['branch', 'commit_message', 'actions']);
  const actions = param(request, 'actions');
  if (!Array.isArray(actions)) throw paramError('actions is invalid');
  const branch = stringParam(request, 'branch')!;
  assertCanPush(project, request.user.id, branch);
  const commit = commitFiles(request.state, project, {
    branch,
    startBranch: stringParam(request, 'start_branch'),
    startSha: stringParam(request, 'start_sha'),
    message: stringParam(request, 'commit_message')!,
    actions: actions as FileActionInput[],
    force: boolParam(request, 'force') ?? false,
    authorName: stringParam(request, 'author_name'),
    authorEmail: stringParam(request, 'author_email'),
    userId: request.user.id,
  });
  return json(201, presentCommitDetail(request.state, project, commit));
}

function compare(request: ApiRequest) {
  const project = projectFor(request, AccessLevel.reporter);
  requireParams(request, ['from', 'to']);
  const from = resolveRef(project, stringParam(request, 'from')!);
  const to = resolveRef(project, stringParam(request, 'to')!);
  if (!from || !to) throw notFound('Ref');
  const straight = boolParam(request, 'straight') ?? false;
  const baseSha = straight ? from.sha : (mergeBase(project, from.sha, to.sha) ?? from.sha);
  const base = requireCommit(project, baseSha);
  const commits = log(project, to.sha, { exclude: from.sha }).reverse();
  const diffs = treeChanges(base.tree, to.tree).map((change) => ({
    diff: unifiedDiff(change.oldContent, change.newContent),
    collapsed: false,
    too_large: false,
    new_path: change.newPath,
    old_path: change.oldPath,
    a_mode: change.oldContent === undefined ? '0' : '100644',
    b_mode: change.newContent === undefined ? '0' : '100644',
    new_file: change.oldContent === undefined,
    renamed_file: false,
    deleted_file: change.newContent === undefined,
    generated_file: false,
  }));
  return json(200, {
    commit: commits.length > 0 ? presentCommit(request.state, project, to) : null,
    commits: commits.map((commit) => presentCommit(request.state, project, commit)),
    diffs,
    compare_timeout: false,
    compare_same_ref: from.sha === to.sha,
    web_url: `${request.state.baseUrl}/${project.path}/-/compare/${from.sha}...${to.sha}`,
  });
}

export const commitRoutes: Route[] = [
  route('GET', '/projects/:id/repository/commits', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    const withStats = boolParam(request, 'with_stats') ?? false;
    return paginate(request, listedCommits(request, project), (commit) => ({
      ...presentCommit(request.state, project, commit),
      ...(withStats ? { stats: commitStats(project, commit) } : {}),
    }));
  }),

  route('GET', '/projects/:id/repository/commits/:sha', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    return json(200, presentCommitDetail(request.state, project, commitOf(project, request.params['sha']!)));
  }),

  route('POST', '/projects/:id/repository/commits', createCommit),

  route('GET', '/projects/:id/repository/compare', compare),
];
