import { createOsvClient, type OsvClient } from './client.js';

/** The OSV client a command's settings describe: `--osv-url` / `PINGATE_OSV_URL`, the shared cache directory. */
export function osvClientFor(settings: { osvUrl: string; cacheDir: string }): OsvClient {
  return createOsvClient({ baseUrl: settings.osvUrl, cacheDir: settings.cacheDir });
}
