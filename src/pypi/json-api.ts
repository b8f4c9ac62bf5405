/** Reading PyPI's JSON API payloads (`{index}{name}/json`, `{index}{name}/{version}/json`) into our model. */
import { decodePayload, parsePayload, validatePayload } from './payload.js';
import { assembleReleases } from './releases.js';
import { isWellFormedReleases } from './releases-shape.js';
import { type JsonApiFile, JsonApiProject, JsonApiProjectHead, JsonApiRelease } from './schema.js';
import type { IndexFile, Project, PypiVulnerability } from './types.js';

export interface JsonApiProjectPage {
  project: Project;
  /** `info` of the project page is the newest release's, `requires_dist` and `vulnerabilities` included. */
  latest?: { version: string; requiresDist: string[]; vulnerabilities: PypiVulnerability[] };
}

export function parseJsonApiProject(
  normalizedName: string,
  body: string,
  indexLabel: string,
): JsonApiProjectPage {
  const payload = validateProject(
    decodePayload(body, normalizedName, indexLabel),
    normalizedName,
    indexLabel,
  );
  const project = toProject(normalizedName, payload);
  const { version, requires_dist: requiresDist } = payload.info;
  const vulnerabilities = payload.vulnerabilities ?? [];
  return version
    ? { project, latest: { version, requiresDist: requiresDist ?? [], vulnerabilities } }
    : { project };
}

/**
 * The page's small part through zod, its releases' files (nearly all of it) through a quick shape check, and the
 * whole page through zod when that check does not pass, so that zod names the first issue (releases-shape.ts).
 */
function validateProject(raw: unknown, what: string, indexLabel: string): JsonApiProject {
  const releases = (raw as { releases?: unknown } | null)?.releases;
  if (!isWellFormedReleases(releases)) return validatePayload(JsonApiProject, raw, what, indexLabel);
  return { ...validatePayload(JsonApiProjectHead, raw, what, indexLabel), releases };
}

function toProject(normalizedName: string, payload: JsonApiProject): Project {
  const releases = payload.releases ?? {};
  const filesByVersion = new Map<string, IndexFile[]>();
  for (const [version, files] of Object.entries(releases)) {
    filesByVersion.set(version, (files ?? []).map(toIndexFile));
  }
  return {
    name: normalizedName,
    releases: assembleReleases(filesByVersion, Object.keys(releases)),
    projectUrls: definedValues(payload.info.project_urls ?? {}),
  };
}

/** A release's page: its requirements and PyPI's advisories of it. */
export function parseJsonApiRelease(
  normalizedName: string,
  version: string,
  body: string,
  indexLabel: string,
): { requiresDist: string[]; vulnerabilities: PypiVulnerability[] } {
  const payload = parsePayload(JsonApiRelease, body, `${normalizedName} ${version}`, indexLabel);
  return { requiresDist: payload.info.requires_dist ?? [], vulnerabilities: payload.vulnerabilities ?? [] };
}

function toIndexFile(file: JsonApiFile): IndexFile {
  const yanked = file.yanked === true || typeof file.yanked === 'string';
  const result: IndexFile = { filename: file.filename, yanked };
  const reason = typeof file.yanked === 'string' ? file.yanked : file.yanked_reason;
  if (yanked && reason) result.yankedReason = reason;
  if (file.digests?.sha256) result.sha256 = file.digests.sha256;
  if (file.requires_python) result.requiresPython = file.requires_python;
  const uploadTime = file.upload_time_iso_8601 ?? utcTime(file.upload_time);
  if (uploadTime) result.uploadTime = uploadTime;
  return result;
}

/** `upload_time` is UTC without a zone (`2015-06-14T14:38:05`): say so, or Date.parse reads it as local time. */
function utcTime(time: string | null | undefined): string | undefined {
  if (!time) return undefined;
  return /(Z|[+-]\d\d:?\d\d)$/.test(time) ? time : `${time}Z`;
}

function definedValues(record: Record<string, string | null>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}
