/** Reading Simple API project pages (PEP 691 JSON or PEP 503 HTML) into our model. */
import { versionFromFilename } from './filenames.js';
import { parsePayload } from './payload.js';
import { assembleReleases, groupByVersion } from './releases.js';
import type { CachedProject, SimpleJsonFile } from './schema.js';
import { SimpleJsonProject } from './schema.js';
import { listsNoFiles, simpleFormat } from './simple-content.js';
import type { SimpleFile } from './simple-file.js';
import { parseSimpleHtml } from './simple-html.js';

/** What we ask for: JSON (PEP 691), and HTML from indexes that only have that. */
export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, text/html;q=0.1';

export function parseSimpleProject(
  normalizedName: string,
  body: string,
  contentType: string,
  pageUrl: string,
  indexLabel: string,
): CachedProject {
  let files: SimpleFile[];
  let versions: string[] = [];
  const format = simpleFormat(contentType, body, normalizedName, indexLabel);
  if (format === 'json') {
    const payload = parsePayload(SimpleJsonProject, body, normalizedName, indexLabel);
    files = payload.files.map((file) => fromJsonFile(file, pageUrl));
    versions = payload.versions ?? [];
  } else {
    files = parseSimpleHtml(body, pageUrl);
  }
  const located = files.flatMap((file) => {
    const version = versionFromFilename(file.filename, normalizedName);
    return version === undefined ? [] : [{ version, file }];
  });
  if (located.length === 0 && versions.length === 0)
    throw listsNoFiles(normalizedName, indexLabel, format, body);
  const grouped = groupByVersion(located);
  const releases = assembleReleases(grouped, versions);
  return { name: normalizedName, releases, projectUrls: {}, metadataUrls: metadataUrls(grouped) };
}

function fromJsonFile(file: SimpleJsonFile, pageUrl: string): SimpleFile {
  const url = new URL(file.url, pageUrl);
  url.hash = '';
  const yanked = file.yanked === true || typeof file.yanked === 'string';
  const result: SimpleFile = { filename: file.filename, url: url.toString(), yanked };
  if (typeof file.yanked === 'string' && file.yanked !== '') result.yankedReason = file.yanked;
  const sha256 = file.hashes?.['sha256'];
  if (sha256) result.sha256 = sha256;
  if (file['requires-python']) result.requiresPython = file['requires-python'];
  if (file['upload-time']) result.uploadTime = file['upload-time'];
  const metadata = file['core-metadata'] ?? file['dist-info-metadata'] ?? file['data-dist-info-metadata'];
  result.hasMetadata = metadata !== undefined && metadata !== null && metadata !== false;
  return result;
}

/** For each version, the PEP 658 metadata URL of one of its files: a wheel if one has it, else any. */
function metadataUrls(grouped: Map<string, SimpleFile[]>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [version, files] of grouped) {
    const withMetadata = files.filter((file) => file.hasMetadata);
    const chosen = withMetadata.find((file) => file.filename.endsWith('.whl')) ?? withMetadata[0];
    if (chosen) urls[version] = `${chosen.url}.metadata`;
  }
  return urls;
}
