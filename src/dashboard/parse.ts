import { readBodyLines } from './body-lines.js';
import { HEADINGS } from './headings.js';
import { renderedText } from './inline-text.js';
import { normaliseKnownGood, readKnownGood } from './known-good.js';
import { DASHBOARD_HEADER, ITEM_MARKERS, type MarkerKey, markerId, parseMarker } from './markers.js';
import type { KnownGood } from './model.js';

export interface TickedBox {
  marker: MarkerKey;
  /** The branch or SHA; absent for bulk boxes. */
  value?: string;
  /** The item as GitLab's system note quotes it: comment delimiters dropped, its content kept, escapes resolved. */
  text: string;
}

export interface ParsedDashboard {
  /** Every ticked box with a known marker, once per marker, in body order. */
  ticked: TickedBox[];
  /** The Known-good section read back, so the record lives in GitLab (SPEC §9). */
  knownGood: KnownGood[];
  /** The body carries pingate's header: the bot wrote it. */
  isOurs: boolean;
}

const KNOWN_GOOD_SECTION = HEADINGS.knownGood.toLowerCase();

/** Reads an issue body, ours or edited by people; never throws. Boxes with unknown or malformed markers are skipped. */
export function parseDashboard(body: string): ParsedDashboard {
  const { lines, prose, boxes } = readBodyLines(body);
  const ticked: TickedBox[] = [];
  const seen = new Set<string>();
  const knownGood: KnownGood[] = [];
  for (const box of boxes) {
    const marker = parseMarker(box.comment);
    if (!marker) continue;
    const text = renderedText(box.content);
    if (box.section === KNOWN_GOOD_SECTION && marker.marker === ITEM_MARKERS.rollback && marker.value) {
      const afterComment = box.content.slice(box.content.indexOf('-->') + 3);
      const entry = readKnownGood(marker.value, renderedText(afterComment));
      if (entry) knownGood.push(entry);
    }
    if (!box.checked || seen.has(markerId(marker))) continue;
    seen.add(markerId(marker));
    ticked.push({ ...marker, text });
  }
  const isOurs = prose.some((index) => lines[index]?.trim() === DASHBOARD_HEADER);
  return { ticked, knownGood: normaliseKnownGood(knownGood), isOurs };
}
