import { createRateLimiters, getMatchingRateLimiter } from '@gitbeaker/requester-utils';
import { Projects } from '@gitbeaker/rest';
import { describe, expect, it } from 'vitest';
import { type RateLimiters, rateLimiterFor } from '../../../src/platform/gitlab/rate-limit.js';

/** gitbeaker's default limits, as a resource hands them to its requester. */
function defaultLimiters(): RateLimiters {
  let limits: unknown;
  new Projects({
    host: 'https://gitlab.example.com',
    token: 't',
    requesterFn: (options: { rateLimits?: unknown }) => {
      limits = options.rateLimits;
      return {} as never;
    },
  });
  return createRateLimiters(limits as never) as RateLimiters;
}

const endpoints = [
  'projects/42',
  'projects/42/merge_requests',
  'projects/42/merge_requests/7/notes',
  'projects/42/issues/3/notes',
  'projects/group%2Fapp/repository/files/pipeline%2Fconstraints.yml/raw',
  'projects/42/repository/archive.zip',
  'projects/42/jobs',
  'projects/42/pipelines/9/jobs',
  'projects/42/members',
  'projects/import',
  'projects/42/export',
  'groups/7/members',
  'user',
  'version',
];

describe("gitbeaker's rate limits, each glob compiled once", () => {
  it('picks the limiter gitbeaker picks, for every method', () => {
    const limiters = defaultLimiters();
    expect(Object.keys(limiters).length).toBeGreaterThan(5);
    const known = new Set(
      Object.values(limiters).map((config) => (typeof config === 'function' ? config : config.limit)),
    );
    for (const endpoint of endpoints) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const theirs = getMatchingRateLimiter(endpoint, limiters as never, method);
        const ours = rateLimiterFor(endpoint, limiters, method);
        // Where gitbeaker matched no limit for the method, it makes a fresh limiter: nothing is held back.
        if (known.has(theirs as never))
          expect({ endpoint, method, same: ours === theirs }).toEqual({ endpoint, method, same: true });
        else expect(known.has(ours)).toBe(false);
      }
    }
  });

  it('limits a note only when it is posted, and the import more than the default', () => {
    const limiters = defaultLimiters();
    const fallback = rateLimiterFor('projects/42', limiters, 'GET');
    expect(rateLimiterFor('projects/42/issues/3/notes', limiters, 'POST')).not.toBe(fallback);
    expect(rateLimiterFor('projects/import', limiters, 'POST')).not.toBe(fallback);
    expect(rateLimiterFor('projects/42/merge_requests', limiters, 'POST')).toBe(fallback);
  });
});
