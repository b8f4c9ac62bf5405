/**
 * A small client of OSV's API: one `POST /v1/querybatch` per 1,000 pins (queries that OSV pages are asked again
 * with their `page_token`), then `GET /v1/vulns/{id}` for each id whose record is not cached at its `modified`.
 * Retries 429, 5xx, resets and timeouts with back-off (honouring `Retry-After`); any other answer fails at once.
 */
import pLimit from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { type Answer, exchange } from '../http/exchange.js';
import { isRetryableStatus, parseRetryAfter } from '../http/retry-policy.js';
import { redactUrl } from '../pypi/redact.js';
import { advisoryFromOsv } from './advisory.js';
import { createOsvRecordCache } from './cache.js';
import { BatchResponse, type BatchResult, OsvError, OsvRecord } from './schema.js';
import { type Advisory, pinKey } from './types.js';

export const DEFAULT_OSV_URL = 'https://api.osv.dev';

/** OSV takes at most 1,000 queries in one batch. */
export const OSV_BATCH_SIZE = 1000;
/** Pages asked for one batch before giving up on it (OSV pages a query past 1,000 vulnerabilities). */
const MAX_PAGES = 20;

export interface OsvClientOptions {
  baseUrl: string;
  cacheDir?: string;
  /** Per attempt. Default 15 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First back-off delay, doubled per retry. Default 500. */
  backoffMs?: number;
  /** Records fetched at once. Default 8. */
  concurrency?: number;
}

export interface OsvPin {
  normalizedName: string;
  version: string;
}

export interface OsvClient {
  readonly label: string;
  /** The advisories of each pin by `name@version` (pins without any are absent). Throws UpstreamError. */
  query(pins: readonly OsvPin[]): Promise<Map<string, Advisory[]>>;
  stats(): { requests: number };
}

export function createOsvClient(options: OsvClientOptions): OsvClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const label = redactUrl(base);
  const cache = createOsvRecordCache(options.cacheDir);
  const limit = pLimit(options.concurrency ?? 8);
  const counters = { requests: 0 };
  const send = (path: string, call: Call, schema: z.ZodType) =>
    request({ url: `${base}${path}`, label, call, schema, options, counters });

  async function batch(pins: readonly OsvPin[]): Promise<BatchResult[][]> {
    const pages: BatchResult[][] = pins.map(() => []);
    let pending = pins.map((pin, index) => ({ index, pin, token: undefined as string | undefined }));
    for (let page = 0; pending.length > 0; page += 1) {
      if (page >= MAX_PAGES)
        throw new UpstreamError(`${label}: more than ${MAX_PAGES} pages of results`, 'osv');
      const queries = pending.map(({ pin, token }) => ({
        package: { name: pin.normalizedName, ecosystem: 'PyPI' },
        version: pin.version,
        ...(token ? { page_token: token } : {}),
      }));
      const body = (await send('/v1/querybatch', post({ queries }), BatchResponse)) as BatchResponse;
      const results = body.results ?? [];
      if (results.length !== pending.length) {
        throw new UpstreamError(`${label}: ${results.length} results for ${pending.length} queries`, 'osv');
      }
      pending = pending.flatMap((item, i) => {
        pages[item.index]!.push(results[i]!);
        const next = results[i]!.next_page_token;
        return next ? [{ ...item, token: next }] : [];
      });
    }
    return pages;
  }

  async function record(id: string, modified: string): Promise<OsvRecord> {
    const cached = await cache.get(id, modified);
    if (cached) return cached;
    const fetched = (await send(
      `/v1/vulns/${encodeURIComponent(id)}`,
      { method: 'GET' },
      OsvRecord,
    )) as OsvRecord;
    await cache.put(id, fetched.modified ?? modified, fetched);
    return fetched;
  }

  return {
    label,
    stats: () => ({ ...counters }),
    async query(pins) {
      const found = new Map<string, Advisory[]>();
      for (let start = 0; start < pins.length; start += OSV_BATCH_SIZE) {
        const chunk = pins.slice(start, start + OSV_BATCH_SIZE);
        const pages = await batch(chunk);
        await Promise.all(
          chunk.map(async (pin, i) => {
            const vulns = pages[i]!.flatMap((result) => result.vulns ?? []);
            if (vulns.length === 0) return;
            const records = await Promise.all(vulns.map((v) => limit(() => record(v.id, v.modified ?? ''))));
            found.set(
              pinKey(pin.normalizedName, pin.version),
              records.map((r) => advisoryFromOsv(r, pin.normalizedName)),
            );
          }),
        );
      }
      return found;
    },
  };
}

interface Call {
  method: 'GET' | 'POST';
  body?: string;
}

function post(body: unknown): Call {
  return { method: 'POST', body: JSON.stringify(body) };
}

interface RequestParts {
  url: string;
  label: string;
  call: Call;
  schema: z.ZodType;
  options: OsvClientOptions;
  counters: { requests: number };
}

/** One JSON request with retries (over node:http, src/http/exchange.ts); the answer checked against `schema`. */
async function request(parts: RequestParts): Promise<unknown> {
  const { options, call } = parts;
  const what = `${call.method} ${redactUrl(parts.url)}`;
  return pRetry(
    async () => {
      parts.counters.requests += 1;
      let answer: Answer;
      try {
        answer = await exchange({
          method: call.method,
          url: new URL(parts.url),
          headers: {
            accept: 'application/json',
            ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(call.body !== undefined ? { body: call.body } : {}),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new UpstreamError(`${what}: ${reasonOf(error)}`, 'osv', undefined, { cause: error });
      }
      const text = answer.body.toString('utf8');
      if (answer.status >= 200 && answer.status < 300) return parseBody(text, parts.schema, what);
      const failure = new UpstreamError(
        `${what}: HTTP ${answer.status}${osvMessage(text)}`,
        'osv',
        answer.status,
      );
      if (!isRetryableStatus(answer.status)) throw new AbortError(failure);
      const wait = parseRetryAfter(answer.reader.get('retry-after'), Date.now(), 30_000);
      if (wait !== undefined) await new Promise((resolve) => setTimeout(resolve, wait));
      throw failure;
    },
    {
      retries: options.retries ?? 3,
      minTimeout: options.backoffMs ?? 500,
      factor: 2,
      randomize: true,
    },
  );
}

function parseBody(text: string, schema: z.ZodType, what: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AbortError(new UpstreamError(`${what}: the answer is not JSON`, 'osv'));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AbortError(
      new UpstreamError(
        `${what}: unexpected answer (${issue?.path.join('.') || 'top'}: ${issue?.message})`,
        'osv',
      ),
    );
  }
  return parsed.data;
}

/** `: message` from OSV's `{code, message}` error body, when it has one. */
function osvMessage(text: string): string {
  try {
    const parsed = OsvError.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.message ? `: ${parsed.data.message}` : '';
  } catch {
    return '';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause as { name?: string } | undefined;
    if (error.name === 'AbortError' && cause?.name === 'TimeoutError') return 'timed out';
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.message;
  }
  return String(error);
}
