import { NotFoundError, type PlatformRequest } from '../errors.js';
import type { ProjectRef } from '../types.js';
import type { GitLabApi } from './api.js';
import type { Requester } from './request.js';

/** What every project-scoped method needs: the gitbeaker resources, the requester, and the project. */
export interface ProjectContext {
  api: GitLabApi;
  request: Requester;
  /** As gitbeaker takes it (it encodes paths itself). */
  id: ProjectRef;
}

/** Method and path of a call under the project, for error messages and logs; encode values in `suffix`. */
export function projectCall(
  context: ProjectContext,
  method: PlatformRequest['method'],
  suffix = '',
): PlatformRequest {
  const base = `/projects/${encodeURIComponent(String(context.id))}`;
  return { method, path: suffix ? `${base}/${suffix}` : base };
}

export const enc = encodeURIComponent;

/** `undefined` instead of `NotFoundError`, for reads where absence is an answer. */
export async function orUndefined<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
