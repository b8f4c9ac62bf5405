import type { KnownGood } from './model.js';

/** How many known-good sets the dashboard keeps (SPEC §7). */
export const KNOWN_GOOD_LIMIT = 5;

function newestFirst(entries: readonly KnownGood[]): KnownGood[] {
  const time = (entry: KnownGood): number => {
    const parsed = Date.parse(entry.date);
    return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
  };
  // Array.prototype.sort is stable, so equal or unreadable dates keep their given order.
  return [...entries].sort((a, b) => time(b) - time(a));
}

/** The list as the dashboard shows it: newest first, one entry per commit, at most five. */
export function normaliseKnownGood(entries: readonly KnownGood[]): KnownGood[] {
  const seen = new Set<string>();
  const kept: KnownGood[] = [];
  for (const entry of newestFirst(entries)) {
    if (seen.has(entry.sha)) continue;
    seen.add(entry.sha);
    kept.push(entry);
  }
  return kept.slice(0, KNOWN_GOOD_LIMIT);
}

/** Adds a newly passed merge to the list read back from the dashboard. */
export function recordKnownGood(entries: readonly KnownGood[], entry: KnownGood): KnownGood[] {
  return normaliseKnownGood([entry, ...entries.filter((existing) => existing.sha !== entry.sha)]);
}

/** `Roll back to 1a2b3c4 (2026-05-02T08:00:00Z, !12)` */
export function knownGoodText(entry: KnownGood): string {
  return `Roll back to ${entry.sha.slice(0, 7)} (${entry.date}, !${entry.mrIid})`;
}

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * Reads an entry back from its box: the SHA from the marker, date and MR from the text's trailing parentheses.
 * Undefined when a person edited the text beyond recognition; the entry is then lost rather than guessed.
 */
export function readKnownGood(sha: string, text: string): KnownGood | undefined {
  const match = /\(\s*([^,()]+?)\s*,\s*!(\d+)\s*\)\s*$/.exec(text);
  if (!match || !SHA.test(sha)) return undefined;
  const [, date = '', iid = ''] = match;
  if (Number.isNaN(Date.parse(date))) return undefined;
  return { sha, date, mrIid: Number(iid) };
}
