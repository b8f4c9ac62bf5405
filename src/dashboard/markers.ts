/**
 * The hidden markers of the dashboard's boxes (SPEC §7). A box is `- [ ] <!-- KEY=VALUE -->text` for one item, or
 * `- [ ] <!-- KEY -->text` for a bulk box or a plain one (the freeze's). The marker, not the text, identifies the box:
 * people may edit the text and the bot rewrites details (gate state, dates) from pass to pass.
 */

/** Markers that carry a branch (or, for `rollback-to`, a commit SHA). */
export const ITEM_MARKERS = {
  approve: 'approve-branch',
  unschedule: 'unschedule-branch',
  unlimit: 'unlimit-branch',
  retry: 'retry-branch',
  rebase: 'rebase-branch',
  recreate: 'recreate-branch',
  rollback: 'rollback-to',
} as const;

/** Markers of the boxes that act on a whole section. */
export const BULK_MARKERS = {
  approveAll: 'approve-all-pending-prs',
  createAllAwaitingSchedule: 'create-all-awaiting-schedule-prs',
  createAllRateLimited: 'create-all-rate-limited-prs',
  rebaseAllOpen: 'rebase-all-open-prs',
} as const;

/** Markers of boxes that stand alone and carry no value: the freeze's (SPEC §12). */
export const PLAIN_MARKERS = {
  pinUnpinned: 'pin-unpinned',
} as const;

export type ItemMarkerKey = (typeof ITEM_MARKERS)[keyof typeof ITEM_MARKERS];
export type BulkMarkerKey = (typeof BULK_MARKERS)[keyof typeof BULK_MARKERS];
export type PlainMarkerKey = (typeof PLAIN_MARKERS)[keyof typeof PLAIN_MARKERS];
export type MarkerKey = ItemMarkerKey | BulkMarkerKey | PlainMarkerKey;

/** First line of every body pingate writes, so it recognises its own issue. */
export const DASHBOARD_HEADER = '<!-- pingate-dashboard -->';

/** A marker read from or written into a box. `value` is present exactly for item markers. */
export interface Marker {
  marker: MarkerKey;
  value?: string;
}

const itemKeys: ReadonlySet<string> = new Set(Object.values(ITEM_MARKERS));
const bulkKeys: ReadonlySet<string> = new Set(Object.values(BULK_MARKERS));
const plainKeys: ReadonlySet<string> = new Set(Object.values(PLAIN_MARKERS));

export function isItemMarkerKey(key: string): key is ItemMarkerKey {
  return itemKeys.has(key);
}

export function isBulkMarkerKey(key: string): key is BulkMarkerKey {
  return bulkKeys.has(key);
}

/** A marker written without a value: a bulk box or a plain one. */
function isValuelessKey(key: string): key is BulkMarkerKey | PlainMarkerKey {
  return bulkKeys.has(key) || plainKeys.has(key);
}

/** A value must survive inside an HTML comment on one line: no whitespace, no `-->`. Branch names and SHAs qualify. */
function isValidValue(value: string): boolean {
  return value.length > 0 && !/\s/.test(value) && !value.includes('-->') && !value.includes('--');
}

/** `<!-- approve-branch=pingate/foo-2.x -->`. Throws on a value that would break the comment: that is our bug. */
export function markerComment(marker: Marker): string {
  if (isValuelessKey(marker.marker)) {
    if (marker.value !== undefined) throw new Error(`marker ${marker.marker} takes no value`);
    return `<!-- ${marker.marker} -->`;
  }
  if (marker.value === undefined || !isValidValue(marker.value)) {
    throw new Error(
      `marker ${marker.marker} needs a value without spaces or "--", got ${JSON.stringify(marker.value)}`,
    );
  }
  return `<!-- ${marker.marker}=${marker.value} -->`;
}

/**
 * Reads the inside of a comment (`approve-branch=x`, with or without the surrounding spaces) as a known marker;
 * undefined for anything else, including an item marker without a value or a bulk marker with one.
 */
export function parseMarker(inside: string): Marker | undefined {
  const match = /^\s*([a-z-]+)\s*(?:=\s*(\S+))?\s*$/.exec(inside);
  if (!match) return undefined;
  const [, key = '', value] = match;
  if (isValuelessKey(key)) return value === undefined ? { marker: key } : undefined;
  if (isItemMarkerKey(key) && value !== undefined && isValidValue(value)) return { marker: key, value };
  return undefined;
}

/** The identity of a box, as `handled` sets hold it: `approve-branch=pingate/foo-2.x`, or a valueless key alone. */
export function markerId(marker: Marker): string {
  return marker.value === undefined ? marker.marker : `${marker.marker}=${marker.value}`;
}
