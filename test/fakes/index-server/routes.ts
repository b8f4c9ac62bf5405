/**
 * Routing of the fake index: which document a path asks for. Pure: returns what to send; the server sends it.
 * Paths: `/pypi/{name}/json`, `/pypi/{name}/{version}/json`, `/simple/`, `/simple/{name}/`,
 * `/packages/{name}/{file}` and `/packages/{name}/{file}.metadata`.
 */
import { normalizeName } from '../../../src/versioning/normalize.js';
import {
  renderJsonProject,
  renderJsonRelease,
  renderMetadata,
  renderSimpleHtml,
  renderSimpleIndex,
  renderSimpleJson,
  resolveFiles,
} from './render.js';
import type { FakeProject } from './types.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Project pages get an ETag and answer `If-None-Match`. */
  revalidate?: boolean;
  /** Filled in by the server the first time it sends the reply. */
  etag?: string;
  /** `body` as bytes, likewise kept after the first time. */
  encoded?: Buffer;
}

export interface RouteContext {
  baseUrl: string;
  projects: ReadonlyMap<string, FakeProject>;
  serial: number;
  accept: string | undefined;
}

const JSON_TYPE = 'application/json; charset="UTF-8"';
const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

export function route(path: string, context: RouteContext): Reply {
  const segments = path.split('?')[0]!.split('/').map(safeDecode);
  const [, area, name, ...rest] = segments;
  if (area === 'pypi' && name !== undefined) return pypiRoute(name, rest, context);
  if (area === 'simple') return simpleRoute(name, rest, context);
  if (area === 'packages' && name !== undefined && rest.length === 1)
    return fileRoute(name, rest[0]!, context);
  return notFoundHtml();
}

function pypiRoute(name: string, rest: string[], context: RouteContext): Reply {
  const project = context.projects.get(normalizeName(name));
  const tail = rest.join('/');
  if (!project || !(tail === 'json' || /^[^/]+\/json$/.test(tail))) return notFoundJson();
  if (project.name !== name) {
    // PyPI redirects to the project's own spelling of its name.
    return redirect(`/pypi/${encodeURIComponent(project.name)}/${tail}`);
  }
  if (tail === 'json') {
    return json(renderJsonProject(context.baseUrl, project, context.serial), true);
  }
  const release = project.releases.find((candidate) => candidate.version === rest[0]);
  if (!release) return notFoundJson();
  return json(renderJsonRelease(context.baseUrl, project, release, context.serial), false);
}

function simpleRoute(name: string | undefined, rest: string[], context: RouteContext): Reply {
  const type = negotiate(context.accept);
  if (!type) return { status: 406, headers: { 'content-type': 'text/plain' }, body: 'Not Acceptable' };
  if (name === undefined || name === '') {
    return {
      status: 200,
      headers: { 'content-type': SIMPLE_JSON },
      body: renderSimpleIndex(context.projects.values(), context.serial),
    };
  }
  const normalized = normalizeName(name);
  if (name !== normalized || rest.length !== 1 || rest[0] !== '') {
    // PEP 503: a non-normalised name (or a missing slash) is redirected to the normalised URL.
    return redirect(`/simple/${normalized}/`);
  }
  const project = context.projects.get(normalized);
  if (!project) return notFoundHtml();
  const body =
    type === SIMPLE_JSON
      ? renderSimpleJson(context.baseUrl, project, context.serial)
      : renderSimpleHtml(context.baseUrl, project, context.serial);
  return { status: 200, headers: { 'content-type': type, vary: 'Accept' }, body, revalidate: true };
}

function fileRoute(name: string, filename: string, context: RouteContext): Reply {
  const project = context.projects.get(normalizeName(name));
  const wanted = filename.endsWith('.metadata') ? filename.slice(0, -'.metadata'.length) : filename;
  for (const release of project?.releases ?? []) {
    const file = resolveFiles(project!, release).find((candidate) => candidate.filename === wanted);
    if (!file) continue;
    if (wanted === filename) {
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: `fake ${filename}`,
      };
    }
    if (file.metadata) {
      return {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: renderMetadata(project!, release),
      };
    }
  }
  return notFoundHtml();
}

/** The Simple API content type to answer with for an `Accept` header, by q-value; undefined when none fits. */
export function negotiate(accept: string | undefined): string | undefined {
  const offers: Record<string, string> = {
    'application/vnd.pypi.simple.v1+json': SIMPLE_JSON,
    'application/vnd.pypi.simple.latest+json': SIMPLE_JSON,
    'application/vnd.pypi.simple.v1+html': 'application/vnd.pypi.simple.v1+html',
    'application/vnd.pypi.simple.latest+html': 'application/vnd.pypi.simple.v1+html',
    'text/html': 'text/html',
    '*/*': 'text/html',
  };
  if (!accept) return 'text/html';
  let best: { type: string; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((param) => param.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const type = offers[media?.trim().toLowerCase() ?? ''];
    if (type && q > 0 && (!best || q > best.q)) best = { type, q };
  }
  return best?.type;
}

function json(body: string, revalidate: boolean): Reply {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body, revalidate };
}

function redirect(location: string): Reply {
  return { status: 301, headers: { location, 'content-type': 'text/plain' }, body: '' };
}

function notFoundJson(): Reply {
  return {
    status: 404,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify({ message: 'Not Found' }),
  };
}

function notFoundHtml(): Reply {
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>404 Not Found</h1>' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
