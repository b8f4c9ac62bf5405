/**
 * Applies version updates to a parsed file by splicing spans: only the version text of the updated pins changes,
 * and for pins with `--hash` options the run of hashes, rewritten in the file's own layout.
 */
import { normalizeName } from '../versioning/normalize.js';
import { compareVersions, isValidVersion, localOf } from '../versioning/pep440.js';
import { LINE_BREAK } from './lines.js';
import type { ConstraintsFile, PinEntry, PinUpdate } from './types.js';

export interface UpdateResult {
  text: string;
  skipped: { update: PinUpdate; reason: string }[];
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export function applyUpdates(file: ConstraintsFile, updates: PinUpdate[]): UpdateResult {
  const edits: Edit[] = [];
  const skipped: UpdateResult['skipped'] = [];
  const claimed = new Set<PinEntry>();
  for (const update of updates) {
    const planned = planUpdate(file, update, claimed);
    if (typeof planned === 'string') {
      skipped.push({ update, reason: planned });
      continue;
    }
    for (const pin of planned.pins) {
      claimed.add(pin);
    }
    edits.push(...planned.edits);
  }
  return { text: splice(file.text, edits), skipped };
}

/** The edits for one update, or the reason it cannot be made. An update is all or nothing across its lines. */
function planUpdate(
  file: ConstraintsFile,
  update: PinUpdate,
  claimed: Set<PinEntry>,
): { pins: PinEntry[]; edits: Edit[] } | string {
  const name = normalizeName(update.normalizedName);
  const atFrom = file.entries.filter(
    (entry): entry is PinEntry =>
      entry.kind === 'pin' && entry.normalizedName === name && sameVersion(entry.version, update.from),
  );
  const pins = atFrom.filter((pin) => !pin.ignored);
  if (pins.length === 0) {
    return atFrom.length > 0
      ? `${name} ${update.from} is marked "# pingate: ignore" in ${file.path}`
      : `${file.path} has no pin of ${name} at ${update.from}`;
  }
  const problem = problemOf(pins, update, claimed);
  if (problem !== undefined) {
    return problem;
  }
  const edits = pins.flatMap((pin) => [
    { start: pin.versionSpan.start, end: pin.versionSpan.end, replacement: update.to },
    ...hashEdits(file.text, pin, update.sha256 ?? []),
  ]);
  return { pins, edits };
}

function problemOf(pins: PinEntry[], update: PinUpdate, claimed: Set<PinEntry>): string | undefined {
  const pin = pins[0]!;
  if (pins.some((candidate) => claimed.has(candidate))) {
    return `another update in the same batch already changes ${pin.normalizedName} ${update.from}`;
  }
  if (!isValidVersion(update.to)) {
    return `${JSON.stringify(update.to)} is not a PEP 440 version`;
  }
  const local = pins.map((candidate) => localOf(candidate.version)).find((label) => label !== undefined);
  if (local !== undefined && localOf(update.to) === undefined) {
    return `${pin.normalizedName} ${update.from} has the local version label +${local}; ${update.to} has none`;
  }
  if (pins.some((candidate) => candidate.hashes.length > 0)) {
    const digests = update.sha256 ?? [];
    if (digests.length === 0) {
      return `${pin.normalizedName} ${update.from} is pinned with --hash options, but no sha256 digests of ${update.to} were given`;
    }
    const bad = digests.find((digest) => !/^[0-9a-f]{64}$/i.test(digest));
    if (bad !== undefined) {
      return `${JSON.stringify(bad)} is not a sha256 hex digest`;
    }
  }
  return undefined;
}

function sameVersion(a: string, b: string): boolean {
  return a === b || (isValidVersion(a) && isValidVersion(b) && compareVersions(a, b) === 0);
}

/** Replaces the run of hash options with one `--hash=sha256:…` per digest, spaced like the original run. */
function hashEdits(text: string, pin: PinEntry, sha256: string[]): Edit[] {
  const first = pin.hashes[0];
  const last = pin.hashes[pin.hashes.length - 1];
  if (!first || !last) {
    return [];
  }
  const written = text.slice(first.span.start, first.span.end);
  const prefix = /^--hash[=\s]+/.exec(written)?.[0] ?? '--hash=';
  const second = pin.hashes[1];
  const separator = second
    ? text.slice(first.span.end, second.span.start)
    : separatorBefore(text, first.span.start);
  const digests = [...new Set(sha256.map((digest) => digest.toLowerCase()))].sort();
  const replacement = digests.map((digest) => `${prefix}sha256:${digest}`).join(separator);
  return [{ start: first.span.start, end: last.span.end, replacement }];
}

/**
 * With a single hash there is no gap between hashes to copy: when the hash opens its own continuation line, copy
 * the ` \` + line ending + indentation that leads to it; otherwise hashes share the line, one space apart.
 */
function separatorBefore(text: string, start: number): string {
  const lineBreak = lastLineBreakBefore(text, start);
  const lineStart = lineBreak ? lineBreak.end : 0;
  const indentation = text.slice(lineStart, start);
  if (!lineBreak || indentation.trim() !== '') {
    return ' ';
  }
  let from = lineBreak.start;
  if (text[from - 1] !== '\\') {
    return ' ';
  }
  from -= 1;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) {
    from -= 1;
  }
  return text.slice(from, start);
}

/** The last line break (as pip splits lines: `LINE_BREAK`) that ends before `offset`. */
function lastLineBreakBefore(text: string, offset: number): { start: number; end: number } | undefined {
  for (let i = offset - 1; i >= 0; i -= 1) {
    if (LINE_BREAK.test(text[i]!)) {
      return { start: text[i] === '\n' && text[i - 1] === '\r' ? i - 1 : i, end: i + 1 };
    }
  }
  return undefined;
}

function splice(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }
  return result;
}
