import type { PageLink } from './page-link.js';
import type { JsonApiVulnerability } from './schema.js';

/** One distribution file of a release, as the index lists it: read from a page, then folded into its release. */
export interface IndexFile {
  filename: string;
  sha256?: string;
  yanked: boolean;
  /** Why it was yanked, when the index says (PEP 592 reason). */
  yankedReason?: string;
  requiresPython?: string;
  /** ISO-8601 upload time, when the index tells it. */
  uploadTime?: string;
}

/**
 * What a release keeps of each of its files: the digest, for `--hash` lines. Names, times and per-file yanks are
 * folded into the release; a page of 1,000 projects has 77,000 files, and keeping them whole cost 40 MB. A project
 * read from the cache has a placeholder `{}` for each file until its digests are asked for (`PackageIndex.digests`):
 * the number of files is right, their digests absent.
 */
export interface ReleaseFile {
  sha256?: string;
}

export interface Release {
  /** As the index writes it. */
  version: string;
  files: ReleaseFile[];
  /** True when every file of the release is yanked (a release with no files is not yanked, it is empty). */
  yanked: boolean;
  /** Why, when the release is yanked and the index says (the first reason among its files). */
  yankedReason?: string;
  /** `requires_python` of the release (first non-empty among its files). */
  requiresPython?: string;
  /** Earliest upload time of its files. */
  uploadTime?: string;
}

export interface Project {
  /** PEP 503 normal form. */
  name: string;
  releases: Release[];
  /** `info.project_urls` when the index gives it (JSON API only). */
  projectUrls: Record<string, string>;
  /**
   * Names this exact page: its URL and the validators it was answered with. Absent when the index sent none; what is
   * remembered of a page (`src/plan/choice-memo.ts`) is remembered only by revision.
   */
  revision?: string;
}

/** What the planner needs from a package index. Implemented over PyPI's JSON API and the Simple API. */
export interface PackageIndex {
  /** Throws `UpstreamError` when the project cannot be had after retries; `NotFound` as UpstreamError with status 404. */
  getProject(normalizedName: string): Promise<Project>;
  /**
   * The project as `getProject` last read it (read now if it has not been), every file of every release with its
   * sha256 when the index gives one: what a `--hash` pin needs. Without this call, a project from the cache has
   * placeholders for its files (ReleaseFile); the releases are changed in place, so an earlier result has them too.
   */
  digests(normalizedName: string): Promise<Project>;
  /** `Requires-Dist` of one release (JSON API `info.requires_dist`, or PEP 658 metadata). Immutable: cached for good. */
  getRequiresDist(normalizedName: string, version: string): Promise<string[]>;
  /**
   * PyPI's advisories of one release (JSON API `vulnerabilities`), read again when what is held is older than a day;
   * absent on an index that does not publish them (the Simple API).
   */
  getVulnerabilities?(normalizedName: string, version: string): Promise<PypiVulnerability[]>;
  /** `Requires-Dist` of one release if already known (asked this run or read from the cache), else undefined. */
  knownRequiresDist(normalizedName: string, version: string): string[] | undefined;
  /**
   * The caller is done with the project for now: what the client holds of it goes to its cache in the background,
   * not all together at `close`. Asking about it again later is fine; anything new is written at `close`.
   */
  persist(normalizedName: string): void;
  /**
   * Resolves once the client's first request has a connection to the index (the requests waiting for it then go
   * out) or has ended without one; never before a look-up is asked for. (Optional: a caller that waits for it
   * goes on at once without it.)
   */
  reached?(): Promise<void>;
  /** Where a person reads about a release on this index (for MR and dashboard links). */
  projectPage(normalizedName: string, version: string): PageLink;
  stats(): IndexStats;
  close(): Promise<void>;
}

/** One advisory as PyPI's JSON API lists it. */
export type PypiVulnerability = JsonApiVulnerability;

export interface IndexStats {
  requests: number;
  notModified: number;
  bytes: number;
  retries: number;
}
