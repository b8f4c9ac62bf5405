/** Bare URLs and paths on a requirement line (`./dist/pkg-1.0-py3-none-any.whl`, `https://…/pkg.zip`, `-e .`). */
import { isValidName, normalizeName } from '../versioning/normalize.js';

const ARCHIVE = /\.(?:whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;

/** pip's test: a URL, something path-like, or an archive file name is not a `name specifier` requirement. */
export function looksLikeReference(body: string): boolean {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*@/.test(body)) {
    return false; // `name@url`: a PEP 508 direct reference, even with no space around `@`
  }
  const token = /^[^\s;]+/.exec(body)?.[0] ?? '';
  return (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(token) ||
    /^file:/i.test(token) ||
    /^[.~/\\]/.test(token) ||
    /[/\\]/.test(token) ||
    ARCHIVE.test(token)
  );
}

/** The project name a reference names, when it says: `#egg=name`, or a wheel or sdist file name. */
export function referenceName(target: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(target)?.[1];
  if (egg !== undefined && isValidName(egg)) {
    return egg;
  }
  const file =
    target
      .split(/[/\\]/)
      .pop()
      ?.split(/[?#;\s]/)[0] ?? '';
  const wheel = /^([A-Za-z0-9._]+?)-\d[^-]*(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(file)?.[1];
  const sdist = /^([A-Za-z0-9._-]+?)-\d[A-Za-z0-9.!+_-]*\.(?:tar\.gz|zip|tar\.bz2|tgz)$/i.exec(file)?.[1];
  const name = wheel ?? sdist;
  return name !== undefined && isValidName(name) ? name : undefined;
}

export function referenceNames(target: string): { name?: string; normalizedName?: string } {
  const name = referenceName(target);
  return name === undefined ? {} : { name, normalizedName: normalizeName(name) };
}
