import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  MERGE_CONFLICT_STATUSES,
  NotFoundError,
  PlatformError,
  platformErrorForFailure,
  platformErrorForStatus,
  RateLimitedError,
  UnavailableError,
} from '../../src/platform/errors.js';
import { redact } from '../../src/platform/gitlab/map-error.js';

const request = { method: 'GET', path: '/projects/1' };

describe('platformErrorForStatus', () => {
  it.each([
    [404, NotFoundError],
    [409, ConflictError],
    [401, ForbiddenError],
    [403, ForbiddenError],
    [429, RateLimitedError],
    [500, UnavailableError],
    [503, UnavailableError],
    [400, PlatformError],
    [422, PlatformError],
  ])('maps %i to %o', (status, kind) => {
    const error = platformErrorForStatus(request, status, 'why');
    expect(error.constructor).toBe(kind);
    expect(error.cause).toEqual({ request, response: { status, message: 'why' } });
  });

  it.each(MERGE_CONFLICT_STATUSES)('maps %i to ConflictError when the call says it is one', (status) => {
    expect(platformErrorForStatus(request, status, undefined, MERGE_CONFLICT_STATUSES)).toBeInstanceOf(
      ConflictError,
    );
  });

  it('names the call and the status in the message', () => {
    expect(platformErrorForStatus(request, 404).message).toBe('GitLab GET /projects/1 answered 404');
  });
});

describe('platformErrorForFailure', () => {
  it('is an UnavailableError with the reason and no status', () => {
    const error = platformErrorForFailure(request, 'getaddrinfo ENOTFOUND gitlab.invalid');
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('GitLab GET /projects/1 failed: getaddrinfo ENOTFOUND gitlab.invalid');
  });
});

describe('redact', () => {
  it('replaces every occurrence of every secret, and ignores empty ones', () => {
    expect(redact('a tok b tok', ['tok', ''])).toBe('a [REDACTED] b [REDACTED]');
  });
});
