import { paramError } from '../errors.js';
import type { ApiRequest, ApiResponse } from './router.js';

const defaultPerPage = 20;
const maxPerPage = 100;

function positive(request: ApiRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw paramError(`${name} is invalid`);
  return value < 1 ? fallback : value;
}

function pageLink(request: ApiRequest, page: number, perPage: number): string {
  const url = new URL(request.url.toString());
  url.searchParams.set('page', String(page));
  url.searchParams.set('per_page', String(perPage));
  return url.toString();
}

/** One page of a list with GitLab's offset-pagination headers (`X-Total`, `X-Next-Page`, `Link`, …). */
export function paginate<T>(request: ApiRequest, items: T[], present: (item: T) => unknown): ApiResponse {
  const perPage = Math.min(positive(request, 'per_page', defaultPerPage), maxPerPage);
  const page = positive(request, 'page', 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const next = page < totalPages ? page + 1 : null;
  const prev = page > 1 ? page - 1 : null;
  const links = [
    ...(prev ? [`<${pageLink(request, prev, perPage)}>; rel="prev"`] : []),
    ...(next ? [`<${pageLink(request, next, perPage)}>; rel="next"`] : []),
    `<${pageLink(request, 1, perPage)}>; rel="first"`,
    `<${pageLink(request, totalPages, perPage)}>; rel="last"`,
  ];
  return {
    status: 200,
    body: slice.map(present),
    headers: {
      'X-Total': String(items.length),
      'X-Total-Pages': String(totalPages),
      'X-Page': String(page),
      'X-Per-Page': String(perPage),
      'X-Next-Page': next ? String(next) : '',
      'X-Prev-Page': prev ? String(prev) : '',
      Link: links.join(', '),
    },
  };
}
