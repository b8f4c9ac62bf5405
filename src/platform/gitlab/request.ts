import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformError, type PlatformRequest } from '../errors.js';
import { mapGitbeakerError } from './map-error.js';
import { DEFAULT_READ_RETRY, type ReadRetryPolicy, retryRead } from './read-retry.js';

/** Items per page for every list: GitLab's maximum. */
export const PER_PAGE = 100;
/** A server that keeps announcing a next page past this is broken, not big. */
const MAX_PAGES = 1000;

export interface RequesterOptions {
  secrets: readonly string[];
  timeoutMs: number;
  logger?: Logger;
  /** Default `DEFAULT_READ_RETRY`. */
  readRetry?: ReadRetryPolicy;
}

/** One gitbeaker call that fetches a page; `page` is undefined for the first. */
export type PageSender = (page: number | undefined) => Promise<unknown>;

/**
 * Runs gitbeaker calls: maps their errors to `PlatformError`s naming `request` (method and path, for
 * messages and logs), retries reads (read-retry.ts; never a write), validates what comes back, and reads lists
 * to the end.
 */
export interface Requester {
  one<T extends z.ZodType>(
    request: PlatformRequest,
    schema: T,
    send: () => Promise<unknown>,
    options?: { conflictStatuses?: readonly number[] },
  ): Promise<z.output<T>>;
  all<T extends z.ZodType>(request: PlatformRequest, schema: T, send: PageSender): Promise<z.output<T>[]>;
  none(request: PlatformRequest, send: () => Promise<unknown>): Promise<void>;
}

/** What gitbeaker answers for a list called with `showExpanded: true`. */
const ExpandedPage = z.object({
  data: z.array(z.unknown()),
  paginationInfo: z.object({ next: z.number().nullish() }).partial().optional(),
});

export function createRequester(options: RequesterOptions): Requester {
  async function send<R>(
    request: PlatformRequest,
    run: () => Promise<R>,
    conflictStatuses?: readonly number[],
  ): Promise<R> {
    const once = () => attempt(request, run, conflictStatuses);
    if (request.method !== 'GET') return once();
    return retryRead(once, options.readRetry ?? DEFAULT_READ_RETRY, {
      logger: options.logger,
      fields: { ...request },
    });
  }

  async function attempt<R>(
    request: PlatformRequest,
    run: () => Promise<R>,
    conflictStatuses?: readonly number[],
  ): Promise<R> {
    const started = performance.now();
    try {
      const result = await run();
      options.logger?.debug({ ...request, ms: elapsed(started) }, 'gitlab request');
      return result;
    } catch (error) {
      const mapped = mapGitbeakerError(error, request, { ...options, conflictStatuses });
      const status = mapped instanceof PlatformError ? mapped.status : undefined;
      options.logger?.debug({ ...request, ms: elapsed(started), status }, 'gitlab request failed');
      throw mapped;
    }
  }

  return {
    async one(request, schema, run, callOptions) {
      const body = await send(request, run, callOptions?.conflictStatuses);
      return validate(request, schema, body);
    },

    async all(request, schema, sendPage) {
      // Called without `page`, gitbeaker follows `Link: rel="next"` to the end by itself and reports the
      // last page's `X-Next-Page`; that is only set when a server sends no `Link`, and then we go on by number.
      const items: unknown[] = [];
      let page: number | undefined;
      for (let pages = 0; pages === 0 || page !== undefined; pages += 1) {
        if (pages === MAX_PAGES) {
          throw new PlatformError(`GitLab ${request.method} ${request.path} has over ${MAX_PAGES} pages`, {
            request,
          });
        }
        const answer = validate(request, ExpandedPage, await send(request, () => sendPage(page)));
        items.push(...answer.data);
        page = answer.paginationInfo?.next ?? undefined;
      }
      return validate(request, z.array(schema), items);
    },

    async none(request, run) {
      await send(request, run);
    },
  };
}

function validate<T extends z.ZodType>(request: PlatformRequest, schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new PlatformError(
    `GitLab ${request.method} ${request.path} answered something unexpected: ${z.prettifyError(parsed.error)}`,
    { request },
  );
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
