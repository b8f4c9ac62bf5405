/**
 * OSV API payloads (https://google.github.io/osv.dev/api/): `POST /v1/querybatch` answers ids and `modified` per
 * query, paged per query with `next_page_token`; `GET /v1/vulns/{id}` answers one OSV record. Lenient with what OSV
 * sends (fields pingate does not read are dropped, absent lists are empty); errors are `{code, message}`.
 */
import { z } from 'zod';

export const BatchResult = z.object({
  vulns: z.array(z.object({ id: z.string(), modified: z.string().nullish() })).nullish(),
  next_page_token: z.string().nullish(),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const BatchResponse = z.object({ results: z.array(BatchResult).nullish() });
export type BatchResponse = z.infer<typeof BatchResponse>;

const Event = z.object({
  introduced: z.string().nullish(),
  fixed: z.string().nullish(),
  last_affected: z.string().nullish(),
  limit: z.string().nullish(),
});

export const OsvAffected = z.object({
  package: z.object({ name: z.string().nullish(), ecosystem: z.string().nullish() }).nullish(),
  ranges: z.array(z.object({ type: z.string().nullish(), events: z.array(Event).nullish() })).nullish(),
  versions: z.array(z.string()).nullish(),
});

export const OsvRecord = z.object({
  id: z.string(),
  modified: z.string().nullish(),
  withdrawn: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  affected: z.array(OsvAffected).nullish(),
  references: z.array(z.object({ type: z.string().nullish(), url: z.string().nullish() })).nullish(),
});
export type OsvRecord = z.infer<typeof OsvRecord>;

/** What OSV's API says when it refuses (google.rpc.Status). */
export const OsvError = z.object({ code: z.number().nullish(), message: z.string().nullish() });

/** An OSV record as pingate keeps it in its cache: the record and the `modified` it was fetched for. */
export const CachedOsvRecord = z.object({ modified: z.string(), record: OsvRecord });
export type CachedOsvRecord = z.infer<typeof CachedOsvRecord>;
