/** A plain-fetch client for testing the fake GitLab itself. */
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read GitLab's JSON loosely.
  body: any;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export function apiClient(apiUrl: string, defaultToken?: string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const token = options.token ?? defaultToken;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== undefined) headers['PRIVATE-TOKEN'] = token;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      headers: response.headers,
      body: isJson && text ? JSON.parse(text) : text,
    };
  };
}

export const enc = encodeURIComponent;
