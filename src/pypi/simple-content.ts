/**
 * Whether a Simple API answer is a project page at all. A captive portal's login page, an index that serves PEP 691
 * JSON as `text/html`, or JSON as `text/plain` would otherwise read as "a project with no releases", and every pin
 * on it as up to date. Like pip, only PEP 691 JSON and HTML count, and an answer that lists no file of the project
 * is not its page: both are errors for that package, naming what came back.
 */
import { UpstreamError } from '../errors.js';

export type SimpleFormat = 'json' | 'html';

/** The form to read `body` in, from its content type; an UpstreamError for any other type. */
export function simpleFormat(
  contentType: string,
  body: string,
  what: string,
  indexLabel: string,
): SimpleFormat {
  const type = mediaType(contentType);
  if (type === 'application/vnd.pypi.simple.v1+json' || type === 'application/json') return 'json';
  if (type === 'text/html' || type === 'application/vnd.pypi.simple.v1+html') return 'html';
  throw notAProjectPage(
    what,
    indexLabel,
    `it answered with content type ${type || '(none)'}${looksLikeJson(body) ? ' and a JSON body' : ''}`,
  );
}

/** The error for a page that parsed but lists no file of the project. */
export function listsNoFiles(
  what: string,
  indexLabel: string,
  format: SimpleFormat,
  body: string,
): UpstreamError {
  const hint =
    format === 'html' && looksLikeJson(body)
      ? 'the body is JSON but was served as HTML (PEP 691 JSON must be served as application/vnd.pypi.simple.v1+json)'
      : `the ${format === 'html' ? 'HTML' : 'JSON'} page lists no file of ${what}`;
  return notAProjectPage(what, indexLabel, hint);
}

function notAProjectPage(what: string, indexLabel: string, why: string): UpstreamError {
  return new UpstreamError(
    `${indexLabel} did not answer with a Simple API project page for ${what}: ${why} (is the index URL right, or is a proxy or login page in the way?)`,
    'index',
  );
}

function mediaType(contentType: string): string {
  return (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
}

function looksLikeJson(body: string): boolean {
  return /^\s*[{[]/.test(body);
}
