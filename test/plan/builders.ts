import { expect } from 'vitest';
import { parseRepoConfig } from '../../src/config/load.js';
import type { RepoConfig, RepoConfigInput } from '../../src/config/schema.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import type { ConstraintsFile } from '../../src/constraints/types.js';
import type { PackageUpdate, PlannedBranch } from '../../src/plan/types.js';
import type { Project, Release } from '../../src/pypi/types.js';

/** renovate.json as the loader reads it; fails the test on a config error. */
export function config(input: RepoConfigInput = {}): RepoConfig {
  const result = parseRepoConfig(JSON.stringify(input), 'renovate.json');
  expect(result.errors).toEqual([]);
  return result.config;
}

export function file(text: string, path = 'constraints.txt'): ConstraintsFile {
  return parseConstraints(text, path);
}

export interface ReleaseOptions {
  uploadTime?: string;
  requiresPython?: string;
  yanked?: boolean;
  /** Number of files (default 1). */
  files?: number;
  /** Digests of the files; `null` for a file without one. Default: `sha-VERSION-N`. */
  sha256?: (string | null)[];
}

/** A release as the index client hands it over; old enough for any minimumReleaseAge unless told otherwise. */
export function release(version: string, options: ReleaseOptions = {}): Release {
  const count = options.files ?? options.sha256?.length ?? 1;
  const digests = options.sha256 ?? Array.from({ length: count }, (_, i) => `sha-${version}-${i}`);
  const uploadTime = 'uploadTime' in options ? options.uploadTime : '2020-01-01T00:00:00Z';
  return {
    version,
    files: digests.slice(0, count).map((digest) => (digest === null ? {} : { sha256: digest })),
    yanked: (options.yanked ?? false) && count > 0,
    ...(options.requiresPython ? { requiresPython: options.requiresPython } : {}),
    ...(uploadTime ? { uploadTime } : {}),
  };
}

export function project(
  name: string,
  releases: (string | Release)[],
  projectUrls: Record<string, string> = {},
): Project {
  return {
    name,
    releases: releases.map((r) => (typeof r === 'string' ? release(r) : r)),
    projectUrls,
  };
}

export function update(
  overrides: Partial<PackageUpdate> & { name: string; from: string; to: string },
): PackageUpdate {
  return {
    file: 'constraints.txt',
    normalizedName: overrides.name.toLowerCase(),
    updateType: 'minor',
    projectUrls: {},
    ...overrides,
  };
}

/** A planned branch with the defaults a plan gives; override what a test is about. */
export function branch(overrides: Partial<PlannedBranch> & { updates: PackageUpdate[] }): PlannedBranch {
  const first = overrides.updates[0]!;
  return {
    branch: `pingate/${first.normalizedName}-${first.to.split('.')[0]}.x`,
    title: `Update dependency ${first.name} to v${first.to}`,
    updateType: first.updateType,
    disposition: { kind: 'open-mr' },
    automerge: true,
    automergeSchedule: ['at any time'],
    schedule: ['at any time'],
    needsApproval: false,
    labels: [],
    conflictSummary: 'not checked',
    ...overrides,
  };
}
