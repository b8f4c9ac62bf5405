/** The fake index's model: projects as a test describes them, and the requests it saw. */

export interface FakeFile {
  filename: string;
  /** Hex digest; derived from the file name when absent. */
  sha256?: string;
  /** Overrides the release's `yanked`. */
  yanked?: boolean | string;
  requiresPython?: string;
  uploadTime?: string;
  /** A PEP 658 `.metadata` file is served for it. Default: true for wheels, false for source archives. */
  metadata?: boolean;
}

export interface FakeRelease {
  version: string;
  /** ISO-8601; default 2024-01-01T00:00:00Z. */
  uploadTime?: string;
  /** `true`, or the reason string PEP 592 allows. */
  yanked?: boolean | string;
  requiresPython?: string;
  requiresDist?: string[];
  /** Default: one wheel and one source archive. `[]` = a release with no files. */
  files?: FakeFile[];
  /** PyPI's advisories of this release, as the JSON API lists them (`vulnerabilities[]`). */
  vulnerabilities?: FakeVulnerability[];
}

/** One entry of the JSON API's `vulnerabilities` (warehouse `docs/user/api/json.md`). */
export interface FakeVulnerability {
  id: string;
  aliases: string[];
  summary: string | null;
  details: string;
  fixed_in: string[];
  link: string;
  source: string;
  withdrawn: string | null;
}

export interface FakeProject {
  /** Display name, as PyPI spells it (`Django`); URLs use its PEP 503 normal form. */
  name: string;
  releases: FakeRelease[];
  projectUrls?: Record<string, string>;
}

export interface RequestRecord {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  accept?: string;
  ifNoneMatch?: string;
  authorization?: string;
}

export interface FailureSpec {
  /** The HTTP status to answer with; ignored when `reset` is set. */
  status?: number;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** `Retry-After` header value (seconds or HTTP date). */
  retryAfter?: string;
  /** Drop the connection instead of answering. */
  reset?: boolean;
}
