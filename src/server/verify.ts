import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Secret } from '../config/secret.js';

/**
 * GitLab sends the webhook's secret token as `X-Gitlab-Token`, in clear (no signature over the body). The check
 * compares SHA-256 digests, which always have the same length, so neither the length nor the content of the
 * secret leaks through timing.
 */
export function tokenMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined || secret === '') return false;
  return timingSafeEqual(digest(given), digest(secret));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Express middleware that answers 401 unless the token matches. It runs before the body is read, so an
 * unauthenticated sender costs no parsing and nothing it sends is acted on.
 */
export function requireGitLabToken(secret: Secret | string): RequestHandler {
  const expected = typeof secret === 'string' ? secret : secret.reveal();
  return (request, response, next) => {
    const header = request.headers['x-gitlab-token'];
    const given = Array.isArray(header) ? undefined : header;
    if (tokenMatches(given, expected)) {
      next();
      return;
    }
    response.status(401).json({
      error:
        given === undefined
          ? 'missing X-Gitlab-Token header: set the secret token on the GitLab webhook'
          : 'X-Gitlab-Token does not match PINGATE_WEBHOOK_SECRET',
    });
  };
}
