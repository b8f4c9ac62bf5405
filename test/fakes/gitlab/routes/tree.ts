import { createHash } from 'node:crypto';
import { notFound } from '../errors.js';
import { blobId, resolveRef } from '../git.js';
import { projectFor } from '../http/access.js';
import { paginate } from '../http/pagination.js';
import { boolParam, stringParam } from '../http/params.js';
import { type Route, route } from '../http/router.js';
import { AccessLevel } from '../types.js';

interface TreeEntry {
  id: string;
  name: string;
  type: 'tree' | 'blob';
  path: string;
  mode: string;
}

/** Directories first at each level is the web view; the API lists `git ls-tree -r -t` order: by path, depth-first. */
function byGitOrder(a: TreeEntry, b: TreeEntry): number {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}

/** Every file and directory of `tree` under `base` ('' for the root); only its direct children unless `recursive`. */
export function treeEntries(
  tree: ReadonlyMap<string, string>,
  base: string,
  recursive: boolean,
): TreeEntry[] {
  const prefix = base === '' ? '' : `${base.replace(/\/+$/, '')}/`;
  const entries = new Map<string, TreeEntry>();
  for (const [path, content] of tree) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split('/');
    const depth = recursive ? parts.length : 1;
    for (let i = 1; i <= depth; i += 1) {
      const at = prefix + parts.slice(0, i).join('/');
      if (entries.has(at)) continue;
      const isFile = i === parts.length;
      entries.set(at, {
        id: isFile ? blobId(content) : createHash('sha1').update(`tree ${at}`).digest('hex'),
        name: parts[i - 1]!,
        type: isFile ? 'blob' : 'tree',
        path: at,
        mode: isFile ? '100644' : '040000',
      });
    }
  }
  return [...entries.values()].sort(byGitOrder);
}

export const treeRoutes: Route[] = [
  // `ref` defaults to the default branch; a ref with no commit (an empty repository has none) is 404 Tree Not Found;
  // a path that is not in the tree is an empty list. Offset pagination (`pagination=keyset` is not modelled).
  route('GET', '/projects/:id/repository/tree', (request) => {
    const project = projectFor(request, AccessLevel.reporter);
    const commit = resolveRef(project, stringParam(request, 'ref') || 'HEAD');
    if (!commit) throw notFound('Tree');
    const entries = treeEntries(
      commit.tree,
      stringParam(request, 'path') ?? '',
      boolParam(request, 'recursive') ?? false,
    );
    return paginate(request, entries, (entry) => entry);
  }),
];
