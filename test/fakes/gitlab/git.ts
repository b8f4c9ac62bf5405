import { createHash } from 'node:crypto';
import type { Commit, Project, Tree } from './types.js';

/** Git's blob id for a text. */
export function blobId(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface NewCommit {
  parents: string[];
  tree: Tree;
  message: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  date: Date;
}

/** Stores a commit; its sha is a hash of everything it holds, so equal input gives the equal commit git would. */
export function writeCommit(project: Project, input: NewCommit): Commit {
  const entries = [...input.tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha1');
  hash.update(JSON.stringify(entries.map(([path, content]) => [path, blobId(content)])));
  hash.update(
    JSON.stringify([
      input.parents,
      input.message,
      input.authorName,
      input.authorEmail,
      input.committerEmail,
      input.date.toISOString(),
    ]),
  );
  const sha = hash.digest('hex');
  const existing = project.commits.get(sha);
  if (existing) return existing;
  const commit: Commit = { ...input, sha, tree: new Map(entries) };
  project.commits.set(sha, commit);
  return commit;
}

/** A branch name, a full or abbreviated (≥ 7) sha, or `HEAD`. */
export function resolveRef(project: Project, ref: string): Commit | undefined {
  const name = ref === 'HEAD' ? project.defaultBranch : ref;
  const branchHead = project.branches.get(name);
  if (branchHead) return project.commits.get(branchHead);
  if (!/^[0-9a-f]{7,40}$/.test(ref)) return undefined;
  const exact = project.commits.get(ref);
  if (exact) return exact;
  const matches = [...project.commits.keys()].filter((sha) => sha.startsWith(ref));
  return matches.length === 1 ? project.commits.get(matches[0]!) : undefined;
}

export function requireCommit(project: Project, sha: string): Commit {
  const commit = project.commits.get(sha);
  if (!commit) throw new Error(`fake GitLab: no commit ${sha} in ${project.path}`);
  return commit;
}

/** Every commit reachable from `sha`, itself included. */
export function ancestors(project: Project, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...requireCommit(project, next).parents);
  }
  return seen;
}

export function isAncestor(project: Project, maybeAncestor: string, of: string): boolean {
  return ancestors(project, of).has(maybeAncestor);
}

/** The best common ancestor: a common one that no other common one descends from. */
export function mergeBase(project: Project, a: string, b: string): string | undefined {
  const fromA = ancestors(project, a);
  const common = [...ancestors(project, b)].filter((sha) => fromA.has(sha));
  const best = common.filter(
    (candidate) => !common.some((other) => other !== candidate && isAncestor(project, candidate, other)),
  );
  best.sort((x, y) => requireCommit(project, y).date.getTime() - requireCommit(project, x).date.getTime());
  return best[0];
}

/** Commits reachable from `head` but not from `exclude`, newest first (git log order by date). */
export function log(
  project: Project,
  head: string,
  options: { exclude?: string; firstParent?: boolean } = {},
) {
  const hidden = options.exclude ? ancestors(project, options.exclude) : new Set<string>();
  const order: Commit[] = [];
  const seen = new Set<string>();
  const queue = [head];
  while (queue.length > 0) {
    const sha = queue.shift()!;
    if (seen.has(sha) || hidden.has(sha)) continue;
    seen.add(sha);
    const commit = requireCommit(project, sha);
    order.push(commit);
    queue.push(...(options.firstParent ? commit.parents.slice(0, 1) : commit.parents));
  }
  return dateOrder(order, options.firstParent ?? false);
}

/** Newest first, but never a parent before its children (git log --date-order), whatever the clock did. */
function dateOrder(commits: Commit[], firstParent: boolean): Commit[] {
  const parentsOf = (commit: Commit) => (firstParent ? commit.parents.slice(0, 1) : commit.parents);
  const pendingChildren = new Map(commits.map((commit) => [commit.sha, 0]));
  for (const commit of commits) {
    for (const parent of parentsOf(commit)) {
      if (pendingChildren.has(parent)) pendingChildren.set(parent, pendingChildren.get(parent)! + 1);
    }
  }
  const walkIndex = new Map(commits.map((commit, index) => [commit.sha, index]));
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const ready = commits.filter((commit) => pendingChildren.get(commit.sha) === 0);
  const result: Commit[] = [];
  while (ready.length > 0) {
    ready.sort(
      (x, y) => y.date.getTime() - x.date.getTime() || walkIndex.get(x.sha)! - walkIndex.get(y.sha)!,
    );
    const next = ready.shift()!;
    result.push(next);
    for (const parent of parentsOf(next)) {
      const left = pendingChildren.get(parent);
      if (left === undefined) continue;
      pendingChildren.set(parent, left - 1);
      if (left === 1) ready.push(bySha.get(parent)!);
    }
  }
  return result;
}

export interface PathChange {
  oldPath: string;
  newPath: string;
  oldContent: string | undefined;
  newContent: string | undefined;
}

/** The files that differ between two trees, by path. */
export function treeChanges(before: Tree, after: Tree): PathChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths
    .filter((path) => before.get(path) !== after.get(path))
    .map((path) => ({
      oldPath: path,
      newPath: path,
      oldContent: before.get(path),
      newContent: after.get(path),
    }));
}

export function changedPathsOf(project: Project, commit: Commit): Set<string> {
  const parentTree = commit.parents[0] ? requireCommit(project, commit.parents[0]).tree : new Map();
  return new Set(treeChanges(parentTree, commit.tree).map((change) => change.newPath));
}

export interface MergeResult {
  tree: Map<string, string>;
  conflicts: string[];
}

/** A file-level three-way merge: a path both sides changed differently is a conflict. */
export function mergeTrees(base: Tree, ours: Tree, theirs: Tree): MergeResult {
  const tree = new Map(ours);
  const conflicts: string[] = [];
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of [...paths].sort()) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    if (t === b || t === o) continue;
    if (o !== b) {
      conflicts.push(path);
      continue;
    }
    if (t === undefined) tree.delete(path);
    else tree.set(path, t);
  }
  return { tree, conflicts };
}

/** Would merging `source` into `target` conflict? Paths in conflict, empty when clean. */
export function conflictsBetween(project: Project, targetSha: string, sourceSha: string): string[] {
  const base = mergeBase(project, targetSha, sourceSha);
  const baseTree = base ? requireCommit(project, base).tree : new Map<string, string>();
  const ours = requireCommit(project, targetSha).tree;
  const theirs = requireCommit(project, sourceSha).tree;
  return mergeTrees(baseTree, ours, theirs).conflicts;
}
