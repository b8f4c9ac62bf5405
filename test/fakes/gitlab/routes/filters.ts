import { dateParam, enumParam, intListParam, intParam, listParam, stringParam } from '../http/params.js';
import type { ApiRequest } from '../http/router.js';
import { userByUsername } from '../store.js';

/** What issues and MRs share for the list filters. */
interface Listed {
  id: number;
  iid: number;
  title: string;
  description: string;
  authorId: number;
  assigneeIds: number[];
  labels: string[];
  createdAt: Date;
  updatedAt: Date;
}

function matchesLabels(labels: string[], wanted: string[] | undefined): boolean {
  if (wanted === undefined || wanted.length === 0) return true;
  if (wanted.length === 1 && wanted[0]!.toLowerCase() === 'none') return labels.length === 0;
  if (wanted.length === 1 && wanted[0]!.toLowerCase() === 'any') return labels.length > 0;
  return wanted.every((label) => labels.includes(label));
}

function matchesSearch(record: Listed, search: string | undefined, fields: string[]): boolean {
  if (!search) return true;
  const term = search.toLowerCase();
  return (
    (fields.includes('title') && record.title.toLowerCase().includes(term)) ||
    (fields.includes('description') && record.description.toLowerCase().includes(term))
  );
}

/** author_id, author_username, assignee_id, labels, search + in, iids[], created/updated_after/before. */
export function filterByCommonParams<T extends Listed>(request: ApiRequest, records: T[]): T[] {
  const authorId = intParam(request, 'author_id');
  const authorName = stringParam(request, 'author_username');
  const author = authorName === undefined ? authorId : (userByUsername(request.state, authorName)?.id ?? -1);
  const assignee = intParam(request, 'assignee_id');
  const labels = listParam(request, 'labels');
  const search = stringParam(request, 'search');
  const fields = listParam(request, 'in') ?? ['title', 'description'];
  const iids = intListParam(request, 'iids');
  const bounds = {
    createdAfter: dateParam(request, 'created_after'),
    createdBefore: dateParam(request, 'created_before'),
    updatedAfter: dateParam(request, 'updated_after'),
    updatedBefore: dateParam(request, 'updated_before'),
  };
  return records.filter(
    (record) =>
      (author === undefined || record.authorId === author) &&
      (assignee === undefined || record.assigneeIds.includes(assignee)) &&
      matchesLabels(record.labels, labels) &&
      matchesSearch(record, search, fields) &&
      (iids === undefined || iids.includes(record.iid)) &&
      (!bounds.createdAfter || record.createdAt >= bounds.createdAfter) &&
      (!bounds.createdBefore || record.createdAt <= bounds.createdBefore) &&
      (!bounds.updatedAfter || record.updatedAt >= bounds.updatedAfter) &&
      (!bounds.updatedBefore || record.updatedAt <= bounds.updatedBefore),
  );
}

/** order_by created_at (default) | updated_at | title, sort desc (default) | asc; ties by id. */
export function sortRecords<T extends Listed>(request: ApiRequest, records: T[]): T[] {
  const orderBy =
    enumParam(request, 'order_by', ['created_at', 'updated_at', 'title'] as const) ?? 'created_at';
  const direction = (enumParam(request, 'sort', ['asc', 'desc'] as const) ?? 'desc') === 'asc' ? 1 : -1;
  const key = (record: T): number | string =>
    orderBy === 'title'
      ? record.title
      : (orderBy === 'updated_at' ? record.updatedAt : record.createdAt).getTime();
  return [...records].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return order * direction;
  });
}
