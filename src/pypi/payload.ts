import type { z } from 'zod';
import { UpstreamError } from '../errors.js';

/** JSON-decodes and validates an index payload; what fails is an UpstreamError naming what and the first issue. */
export function parsePayload<T>(schema: z.ZodType<T>, body: string, what: string, indexLabel: string): T {
  return validatePayload(schema, decodePayload(body, what, indexLabel), what, indexLabel);
}

/** JSON-decodes an index payload; invalid JSON is an UpstreamError naming what. */
export function decodePayload(body: string, what: string, indexLabel: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new UpstreamError(`${indexLabel} sent invalid JSON for ${what}`, 'index', undefined, {
      cause: error,
    });
  }
}

/** Validates a decoded index payload; what fails is an UpstreamError naming what and the first issue. */
export function validatePayload<T>(schema: z.ZodType<T>, raw: unknown, what: string, indexLabel: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new UpstreamError(
      `${indexLabel} sent an unexpected payload for ${what}: ${path}: ${issue?.message ?? 'invalid'}`,
      'index',
      undefined,
      { cause: result.error },
    );
  }
  return result.data;
}
