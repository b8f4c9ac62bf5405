/**
 * What the fake index answers, shaped like PyPI's documented payloads (see test/fixtures/pypi/): JSON API project
 * and release pages, Simple API pages in PEP 691 JSON and PEP 503 HTML, and PEP 658 metadata files. Pure: the
 * server decides when to send what. Releases are listed oldest first; "latest" is the newest final release.
 */
import { createHash } from 'node:crypto';
import { normalizeName } from '../../../src/versioning/normalize.js';
import type { FakeFile, FakeProject, FakeRelease } from './types.js';

const DEFAULT_UPLOAD = '2024-01-01T00:00:00Z';

/** A file with every default filled in. */
export interface ResolvedFile {
  filename: string;
  sha256: string;
  yanked: boolean | string;
  requiresPython: string | undefined;
  uploadTime: string;
  metadata: boolean;
  size: number;
}

export function resolveFiles(project: FakeProject, release: FakeRelease): ResolvedFile[] {
  const stem = `${normalizeName(project.name).replace(/-/g, '_')}-${release.version}`;
  const files: FakeFile[] = release.files ?? [
    { filename: `${stem}-py3-none-any.whl` },
    { filename: `${stem}.tar.gz` },
  ];
  return files.map((file) => ({
    filename: file.filename,
    sha256: file.sha256 ?? hex(file.filename),
    yanked: file.yanked ?? release.yanked ?? false,
    requiresPython: file.requiresPython ?? release.requiresPython,
    uploadTime: file.uploadTime ?? release.uploadTime ?? DEFAULT_UPLOAD,
    metadata: file.metadata ?? file.filename.endsWith('.whl'),
    size: 2000 + (Number.parseInt(hex(file.filename).slice(0, 4), 16) % 50_000),
  }));
}

export function fileUrl(baseUrl: string, project: FakeProject, filename: string): string {
  return `${baseUrl}/packages/${normalizeName(project.name)}/${filename}`;
}

export function latestRelease(project: FakeProject): FakeRelease | undefined {
  const finals = project.releases.filter((release) => !isPreRelease(release.version) && !release.yanked);
  return finals.at(-1) ?? project.releases.at(-1);
}

export function isPreRelease(version: string): boolean {
  const release = version.replace(/^\d+!/, '').replace(/\+.*$/, '');
  return /(a|b|c|rc|alpha|beta|pre|preview|dev)\d*/i.test(release);
}

function jsonFile(baseUrl: string, project: FakeProject, file: ResolvedFile): Record<string, unknown> {
  const metadata = file.metadata ? { sha256: hex(`${file.filename}.metadata`) } : false;
  return {
    comment_text: '',
    'core-metadata': metadata,
    digests: {
      blake2b_256: hex(`b2${file.filename}`),
      md5: hex(`md5${file.filename}`).slice(0, 32),
      sha256: file.sha256,
    },
    downloads: -1,
    filename: file.filename,
    has_sig: false,
    md5_digest: hex(`md5${file.filename}`).slice(0, 32),
    packagetype: file.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    python_version: file.filename.endsWith('.whl') ? 'py3' : 'source',
    requires_python: file.requiresPython ?? null,
    size: file.size,
    upload_time: file.uploadTime.replace(/(\.\d+)?Z$/, ''),
    upload_time_iso_8601: file.uploadTime,
    url: fileUrl(baseUrl, project, file.filename),
    yanked: file.yanked !== false,
    yanked_reason: typeof file.yanked === 'string' ? file.yanked : null,
  };
}

function info(
  baseUrl: string,
  project: FakeProject,
  release: FakeRelease | undefined,
): Record<string, unknown> {
  return {
    author: '',
    author_email: '"A. Random Developer" <author@example.com>',
    bugtrack_url: null,
    classifiers: ['Programming Language :: Python :: 3'],
    description: '...',
    description_content_type: 'text/markdown',
    docs_url: null,
    download_url: '',
    downloads: { last_day: -1, last_month: -1, last_week: -1 },
    dynamic: [],
    home_page: '',
    keywords: '',
    license: null,
    license_expression: 'MIT',
    license_files: null,
    maintainer: '',
    maintainer_email: '',
    name: project.name,
    package_url: `${baseUrl}/project/${project.name}/`,
    platform: null,
    project_url: `${baseUrl}/project/${project.name}/`,
    project_urls: project.projectUrls ?? null,
    provides_extra: [],
    release_url: `${baseUrl}/project/${project.name}/${release?.version ?? ''}/`,
    requires_dist: release?.requiresDist?.length ? release.requiresDist : null,
    requires_python: release?.requiresPython ?? '',
    summary: `The ${project.name} project`,
    version: release?.version ?? '',
    yanked: Boolean(release?.yanked),
    yanked_reason: typeof release?.yanked === 'string' ? release.yanked : null,
  };
}

/** `GET /pypi/{name}/json`. */
export function renderJsonProject(baseUrl: string, project: FakeProject, serial: number): string {
  const latest = latestRelease(project);
  const releases: Record<string, unknown[]> = {};
  for (const release of project.releases) {
    releases[release.version] = resolveFiles(project, release).map((file) =>
      jsonFile(baseUrl, project, file),
    );
  }
  const urls = latest ? resolveFiles(project, latest).map((file) => jsonFile(baseUrl, project, file)) : [];
  return JSON.stringify({
    info: info(baseUrl, project, latest),
    last_serial: serial,
    releases,
    urls,
    // PyPI's project page lists the advisories of its newest release.
    vulnerabilities: latest?.vulnerabilities ?? [],
  });
}

/** `GET /pypi/{name}/{version}/json`. */
export function renderJsonRelease(
  baseUrl: string,
  project: FakeProject,
  release: FakeRelease,
  serial: number,
): string {
  const urls = resolveFiles(project, release).map((file) => jsonFile(baseUrl, project, file));
  return JSON.stringify({
    info: info(baseUrl, project, release),
    last_serial: serial,
    urls,
    vulnerabilities: release.vulnerabilities ?? [],
  });
}

/** `GET /simple/{name}/` as PEP 691 JSON, with the PEP 700 fields (`versions`, `upload-time`, `size`). */
export function renderSimpleJson(baseUrl: string, project: FakeProject, serial: number): string {
  const files = project.releases.flatMap((release) =>
    resolveFiles(project, release).map((file) => {
      const metadata = file.metadata ? { sha256: hex(`${file.filename}.metadata`) } : false;
      return {
        'core-metadata': metadata,
        'data-dist-info-metadata': metadata,
        filename: file.filename,
        hashes: { sha256: file.sha256 },
        'requires-python': file.requiresPython ?? null,
        size: file.size,
        'upload-time': file.uploadTime,
        url: fileUrl(baseUrl, project, file.filename),
        yanked: file.yanked,
      };
    }),
  );
  return JSON.stringify({
    files,
    meta: { '_last-serial': serial, 'api-version': '1.1' },
    name: normalizeName(project.name),
    versions: project.releases.map((release) => release.version),
  });
}

/** `GET /simple/{name}/` as PEP 503 HTML with `data-requires-python`, `data-yanked` and PEP 714 metadata attributes. */
export function renderSimpleHtml(baseUrl: string, project: FakeProject, serial: number): string {
  const anchors = project.releases.flatMap((release) =>
    resolveFiles(project, release).map((file) => {
      const attributes = [`href="${fileUrl(baseUrl, project, file.filename)}#sha256=${file.sha256}"`];
      if (file.requiresPython) attributes.push(`data-requires-python="${escapeHtml(file.requiresPython)}"`);
      if (file.yanked !== false) {
        attributes.push(
          typeof file.yanked === 'string' ? `data-yanked="${escapeHtml(file.yanked)}"` : 'data-yanked',
        );
      }
      if (file.metadata) {
        const digest = `sha256=${hex(`${file.filename}.metadata`)}`;
        attributes.push(`data-dist-info-metadata="${digest}"`, `data-core-metadata="${digest}"`);
      }
      return `    <a ${attributes.join(' ')}>${escapeHtml(file.filename)}</a><br />`;
    }),
  );
  const name = normalizeName(project.name);
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.1">',
    `    <title>Links for ${name}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${name}</h1>`,
    ...anchors,
    '  </body>',
    '</html>',
    `<!--SERIAL ${serial}-->`,
    '',
  ].join('\n');
}

/** `GET /simple/` as PEP 691 JSON. */
export function renderSimpleIndex(projects: Iterable<FakeProject>, serial: number): string {
  const list = [...projects].map((project) => ({ '_last-serial': serial, name: project.name }));
  return JSON.stringify({ meta: { '_last-serial': serial, 'api-version': '1.1' }, projects: list });
}

/** A PEP 658 `.metadata` file: RFC 822 headers, one folded across two lines, then a description. */
export function renderMetadata(project: FakeProject, release: FakeRelease): string {
  const lines = [
    'Metadata-Version: 2.1',
    `Name: ${project.name}`,
    `Version: ${release.version}`,
    `Summary: The ${project.name} project, as generated for pingate's tests, with a summary long enough`,
    '  to be folded onto a continuation line',
  ];
  if (release.requiresPython) lines.push(`Requires-Python: ${release.requiresPython}`);
  for (const requirement of release.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  lines.push(
    'Description-Content-Type: text/markdown',
    '',
    `# ${project.name}`,
    '',
    'Requires-Dist: not-a-header',
    '',
  );
  return lines.join('\n');
}

export function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
