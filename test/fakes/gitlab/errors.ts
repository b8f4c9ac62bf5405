/** An answer GitLab gives instead of the resource: a status and its JSON body, thrown by the domain rules. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

/** `404 Project Not Found` style, or GitLab's generic `404 Not found` for records without a name. */
export function notFound(what?: string): ApiError {
  return new ApiError(404, { message: what ? `404 ${what} Not Found` : '404 Not found' });
}

/** A parameter that Grape rejects: `{"error": "branch is missing"}`. */
export function paramError(error: string): ApiError {
  return new ApiError(400, { error });
}

export function badRequest(message: unknown): ApiError {
  return new ApiError(400, { message });
}

export function unauthorized(): ApiError {
  return new ApiError(401, { message: '401 Unauthorized' });
}

export function forbidden(detail?: string): ApiError {
  return new ApiError(403, { message: detail ? `403 Forbidden - ${detail}` : '403 Forbidden' });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, { message: '405 Method Not Allowed' });
}

export function conflict(message: unknown): ApiError {
  return new ApiError(409, { message });
}

export function unprocessable(message: unknown): ApiError {
  return new ApiError(422, { message });
}
