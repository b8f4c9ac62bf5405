/**
 * The page a person opens to read about a release, on the index pingate looked it up on: an MR that links pypi.org
 * for a package that came from a private index sends the reader to a page that is not the one checked (or to
 * nothing). Warehouse (pypi.org, test.pypi.org, and any index whose JSON API lives at `…/pypi/`) has
 * `/project/NAME/VERSION/`; any other Simple API index has the project's Simple page. Never with credentials.
 */
import { splitCredentials } from './redact.js';

export interface PageLink {
  /** How the link reads: `PyPI`, or the index's host. */
  label: string;
  url: string;
}

export function projectPageLink(indexUrl: string, normalizedName: string, version: string): PageLink {
  return pageLinker(indexUrl)(normalizedName, version);
}

/**
 * `projectPageLink` for one index, its URL read once: a plan links every pin's release, and parsing the index URL
 * for each took a tenth of a warm plan's own time.
 */
export function pageLinker(indexUrl: string): (normalizedName: string, version: string) => PageLink {
  const base = new URL(splitCredentials(indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`).url);
  const label = /^(test\.)?pypi\.org$/.test(base.hostname) ? 'PyPI' : base.host;
  const warehouse =
    /\/pypi\/$/.test(base.pathname) || (label === 'PyPI' && /\/simple\/$/.test(base.pathname));
  // The directory every link is relative to: resolving `NAME/` against `base` appends to its path.
  const prefix = warehouse
    ? `${base.origin}${base.pathname.replace(/(pypi|simple)\/$/, '')}project/`
    : `${base.origin}${base.pathname}`;
  return (normalizedName, version) => {
    const name = encodeURIComponent(normalizedName);
    const url = warehouse ? `${prefix}${name}/${encodeURIComponent(version)}/` : `${prefix}${name}/`;
    return { label, url };
  };
}
