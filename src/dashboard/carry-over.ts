import { readBodyLines } from './body-lines.js';
import { markerId, parseMarker } from './markers.js';

/** Sets the box of every line carrying one of `ids` to `mark`, leaving every other byte as it was. */
function setBoxes(body: string, ids: ReadonlySet<string>, mark: 'x' | ' '): string {
  const { boxes } = readBodyLines(body);
  const targets = new Set<number>();
  for (const box of boxes) {
    const marker = parseMarker(box.comment);
    if (marker && ids.has(markerId(marker))) targets.add(box.index);
  }
  if (targets.size === 0) return body;
  // Split keeping the separators so CRLF and LF survive untouched.
  const parts = body.split(/(\r\n|\n|\r)/);
  for (const index of targets) {
    const line = parts[index * 2];
    if (line !== undefined) parts[index * 2] = line.replace(/\[[ xX]\]/, `[${mark}]`);
  }
  return parts.join('');
}

/** Ticks every box whose marker id (`approve-branch=pingate/foo-2.x`, or a bulk key) is in `ids`. */
export function tick(body: string, ...ids: string[]): string {
  return setBoxes(body, new Set(ids), 'x');
}

/** Un-ticks every box whose marker id is in `ids`, e.g. a tick by someone without Developer access (SPEC §7). */
export function untick(body: string, ...ids: string[]): string {
  return setBoxes(body, new Set(ids), ' ');
}

/** Marker ids of the ticked boxes of a body. */
export function tickedIds(body: string): Set<string> {
  const ids = new Set<string>();
  for (const box of readBodyLines(body).boxes) {
    const marker = parseMarker(box.comment);
    if (box.checked && marker) ids.add(markerId(marker));
  }
  return ids;
}

/**
 * The race rule of SPEC §7. `newBody` is what the pass is about to write (its boxes un-ticked); `latestBody` is the
 * issue re-read just before writing; `handled` holds the marker ids the pass acted on. A tick in `latestBody` that the
 * pass did not handle is kept when its box is still in `newBody`; a tick on an item that is gone is dropped with it.
 */
export function carryOverTicks(newBody: string, latestBody: string, handled: ReadonlySet<string>): string {
  const pending = [...tickedIds(latestBody)].filter((id) => !handled.has(id));
  return tick(newBody, ...pending);
}
