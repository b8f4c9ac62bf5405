/**
 * Index URLs may carry credentials (`https://user:token@host/simple/`). They are sent as Basic auth and must never
 * reach a message, a log line or a cache key: everything that prints or stores a URL goes through here.
 */

/** The URL with any user name and password replaced by `***`. Safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') {
      return url;
    }
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // Not a URL we can parse: still strip anything that looks like `//userinfo@`.
    return url.replace(/\/\/[^/@\s]*@/g, '//***@');
  }
}

export interface SplitUrl {
  /** The URL without credentials: what is requested and what cache keys are made of. */
  url: string;
  /** `Basic …` when the URL had credentials. */
  authorization?: string;
}

/** Separates credentials from a URL, so `fetch` (which refuses URLs with credentials) can send them as a header. */
export function splitCredentials(url: string): SplitUrl {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') {
    return { url };
  }
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return { url: parsed.toString(), authorization: `Basic ${token}` };
}
