/**
 * Shards: `--shard I/N` serves slice I (1-based, as GitLab's `CI_NODE_INDEX`) of N. A project's slice is decided
 * by its numeric GitLab id, never by its path (a renamed or moved project stays where it was), through a hash so
 * that ids that share a pattern (every project of a group created in a row) still spread evenly:
 * `1 + (first 32 bits of sha256(decimal id)) mod N`. The same id always lands in the same slice, every id lands
 * in exactly one: N jobs with the same N serve every project once.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** The slice (1-based) of `total` that serves project `id`. */
export function shardOf(id: number, total: number): number {
  const digest = createHash('sha256').update(String(id)).digest();
  return 1 + (digest.readUInt32BE(0) % total);
}

/**
 * The slice of a project that could not be resolved to an id (it does not exist, or the bot cannot see it): by
 * the lower-cased path, so that exactly one shard reports it.
 */
export function shardOfUnresolved(ref: string, total: number): number {
  const digest = createHash('sha256').update(`path:${ref.toLowerCase()}`).digest();
  return 1 + (digest.readUInt32BE(0) % total);
}

export function inShard(shard: Shard | undefined, id: number): boolean {
  return shard === undefined || shardOf(id, shard.total) === shard.index;
}

const SHARD_TEXT = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** `I/N` with 1 ≤ I ≤ N; undefined with the reason when it is not. */
export function parseShard(text: string): Shard | { error: string } {
  const match = SHARD_TEXT.exec(text);
  if (!match) return { error: 'I/N, the slice I (from 1) of N, such as 2/4' };
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > 10_000) return { error: 'I/N with N from 1 to 10000' };
  if (index < 1 || index > total) return { error: `I/N with I from 1 to N (${total})` };
  return { index, total };
}

/** `2/4`, for messages and the summary. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}
