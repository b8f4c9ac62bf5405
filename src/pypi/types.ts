/** One distribution file of a release, as the index lists it. */
export interface ReleaseFile {
  filename: string;
  sha256?: string;
  yanked: boolean;
  /** Why it was yanked, when the index says (PEP 592 reason). */
  yankedReason?: string;
  requiresPython?: string;
  /** ISO-8601 upload time, when the index tells it. */
  uploadTime?: string;
}

export interface Release {
  /** As the index writes it. */
  version: string;
  files: ReleaseFile[];
  /** True when every file of the release is yanked (a release with no files is not yanked, it is empty). */
  yanked: boolean;
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
}

/** What the planner needs from a package index. Implemented over PyPI's JSON API and the Simple API. */
export interface PackageIndex {
  /** Throws `UpstreamError` when the project cannot be had after retries; `NotFound` as UpstreamError with status 404. */
  getProject(normalizedName: string): Promise<Project>;
  /** `Requires-Dist` of one release (JSON API `info.requires_dist`, or PEP 658 metadata). Immutable: cached for good. */
  getRequiresDist(normalizedName: string, version: string): Promise<string[]>;
  /** `Requires-Dist` of one release if already known (asked this run or read from the cache), else undefined. */
  knownRequiresDist(normalizedName: string, version: string): string[] | undefined;
  stats(): IndexStats;
  close(): Promise<void>;
}

export interface IndexStats {
  requests: number;
  notModified: number;
  bytes: number;
  retries: number;
}
