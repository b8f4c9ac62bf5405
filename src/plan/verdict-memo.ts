/**
 * Conflict-check verdicts remembered between passes, by what they were computed from (SPEC §6.2, §10).
 *
 * Only the verdicts that depend on nothing an index can change are kept: "pip installs the file with this update,
 * judged against the pins alone". Such a verdict is a function of the file's lines, the target Pythons, the moved
 * releases, their `Requires-Dist` and that of the pins (immutable once published), and the `requires_python` of
 * the moved and pinned releases. Those are the key (`fileKey`, `updateKey`): content-addressed, so the same file on
 * another project, or in the next pass, finds the verdict; any change to them is another key. Blocked, held,
 * companion-pulling verdicts, and those that needed a package no line pins (whose release list the index may change
 * at any time), are computed in every pass. Per file it also keeps what the pins alone decide: the requirements no
 * line pins, and whether any pin reaches a package no line pins (when none does, the freeze has nothing to add).
 *
 * The resolver's other verdicts, those that read the pages of packages no line pins, and a file's freeze, are kept
 * per file (`kept`) with every page they read (a `Watch` of page revisions, `page-watch.ts`): used only while each
 * of those pages is at the same revision, so a pass whose pages all answered 304 solves nothing again. Kept only
 * when every look-up had an answer, and never a verdict that pulled companions in (those depend on the clock).
 *
 * Pure: the memo's storage is the pass's business (`src/pass/verdict-file.ts`).
 */
import { createHash } from 'node:crypto';
import type { NotPinned } from '../policy/conflict-types.js';
import type { SetVerdict } from '../resolver/types.js';
import type { UpdateType } from '../versioning/pep440.js';
import type { Watch } from './page-watch.js';

/** Changes whenever what a verdict depends on, or what it means, changes: older memos are then ignored. */
export const VERDICT_FORMAT = 2;

export interface FileFacts {
  /** Requirements of the pinned releases that no active line pins. */
  notPinned: NotPinned[];
  /** No pinned release requires a package no line pins: the freeze is complete. */
  closed: boolean;
}

export interface VerdictMemo {
  /** An update of a file, judged before to install with the pins alone. */
  isClean(key: string): boolean;
  addClean(key: string): void;
  file(key: string): FileFacts | undefined;
  setFile(key: string, facts: FileFacts): void;
  /** The targets chosen before for a pin on one revision of its project page (`choice-memo.ts`). */
  choices(key: string): RememberedChoice[] | undefined;
  setChoices(key: string, choices: RememberedChoice[]): void;
  /** Packages no line pins whose pages a file's conflict check read last time (`unpinnedKey`): asked for at once. */
  unpinned(key: string): string[] | undefined;
  setUnpinned(key: string, names: string[]): void;
  /** The resolver's verdicts and freeze of a file (by `fileKey`), kept with the pages they read. */
  kept(key: string): KeptFile | undefined;
  keep(key: string, kept: KeptFile): void;
}

/** A verdict the resolver reached: any but "a look-up is missing", which is never kept. */
export type SettledVerdict = Exclude<SetVerdict, { kind: 'unknown' }>;

/** A file's freeze (SPEC §12): its pins (why each is needed is read again from the requirements), or its problems. */
export interface KeptFreeze {
  pins: { name: string; version: string }[];
  problems: string[];
}

/** What the resolver decided for one file: every page any of it read is in `watch`. */
export interface KeptFile {
  watch: Watch;
  /** By `updateKey`. */
  verdicts: Record<string, SettledVerdict>;
  freeze?: KeptFreeze;
}

/** A pin's target in one bucket, as remembered: the release and the update type it was chosen as. */
export interface RememberedChoice {
  version: string;
  updateType: UpdateType;
}

/** The memo as stored: entries by key, each with the day (since 1970) it was last used. */
export interface SavedVerdicts {
  format: number;
  clean: Record<string, number>;
  files: Record<string, { day: number } & FileFacts>;
  choices?: Record<string, { day: number; list: RememberedChoice[] }>;
  unpinned?: Record<string, { day: number; list: string[] }>;
  kept?: Record<string, { day: number } & KeptFile>;
}

/** Entries unused this many days are dropped when the memo is saved; at most `MAX_ENTRIES` of each kind are kept. */
export const KEEP_DAYS = 14;
export const MAX_ENTRIES = 100_000;

export interface LiveMemo extends VerdictMemo {
  /** Something was added, or an entry's day moved on: worth writing. */
  changed(): boolean;
  /** What to store: entries used within `KEEP_DAYS`, the most recently used first up to `MAX_ENTRIES`. */
  saved(): SavedVerdicts;
}

export function createVerdictMemo(now: Date, from?: SavedVerdicts): LiveMemo {
  const today = Math.floor(now.getTime() / 86_400_000);
  const usable = from?.format === VERDICT_FORMAT ? from : undefined;
  let changed = false;
  const markChanged = () => {
    changed = true;
  };
  const clean = section(usable?.clean, (day) => ({ day, value: true }), today, markChanged);
  const files = section(usable?.files, ({ day, ...facts }) => ({ day, value: facts }), today, markChanged);
  const choices = section(usable?.choices, ({ day, list }) => ({ day, value: list }), today, markChanged);
  const unpinned = section(usable?.unpinned, ({ day, list }) => ({ day, value: list }), today, markChanged);
  const kept = section(usable?.kept, ({ day, ...entry }) => ({ day, value: entry }), today, markChanged);
  return {
    isClean: (key) => clean.get(key) ?? false,
    addClean: (key) => clean.set(key, true),
    file: (key) => files.get(key),
    setFile: (key, facts) => files.set(key, facts),
    choices: (key) => choices.get(key),
    setChoices: (key, list) => choices.set(key, list),
    unpinned: (key) => unpinned.get(key),
    setUnpinned: (key, list) => unpinned.set(key, list),
    kept: (key) => kept.get(key),
    keep: (key, entry) => kept.set(key, entry),
    changed: () => changed,
    saved: () => ({
      format: VERDICT_FORMAT,
      clean: Object.fromEntries(clean.recent().map(([key, { day }]) => [key, day])),
      files: Object.fromEntries(files.recent().map(([key, { day, value }]) => [key, { day, ...value }])),
      choices: Object.fromEntries(
        choices.recent().map(([key, { day, value }]) => [key, { day, list: value }]),
      ),
      unpinned: Object.fromEntries(
        unpinned.recent().map(([key, { day, value }]) => [key, { day, list: value }]),
      ),
      kept: Object.fromEntries(kept.recent().map(([key, { day, value }]) => [key, { day, ...value }])),
    }),
  };
}

interface Dated<T> {
  day: number;
  value: T;
}

/** One kind of entry, from its saved form: reading one marks it used today; `recent` is what is worth keeping. */
function section<S, T>(
  saved: Record<string, S> | undefined,
  read: (entry: S) => Dated<T>,
  today: number,
  markChanged: () => void,
) {
  const map = new Map(
    Object.entries(saved ?? {}).map(([key, entry]): [string, Dated<T>] => [key, read(entry)]),
  );
  return {
    get(key: string): T | undefined {
      const entry = map.get(key);
      if (!entry) return undefined;
      if (entry.day !== today) {
        map.set(key, { day: today, value: entry.value });
        markChanged();
      }
      return entry.value;
    },
    set(key: string, value: T): void {
      map.set(key, { day: today, value });
      markChanged();
    },
    recent(): [string, Dated<T>][] {
      return [...map]
        .filter(([, { day }]) => today - day < KEEP_DAYS)
        .sort((a, b) => b[1].day - a[1].day)
        .slice(0, MAX_ENTRIES);
    },
  };
}

/** What a file's verdicts depend on besides the update itself. */
export interface FileKeyInput {
  /** The lines the resolver judges: `name[extras]==version ; marker`, in file order. */
  pins: readonly {
    name: string;
    normalizedName: string;
    version: string;
    extras: readonly string[];
    markerText?: string;
  }[];
  /** The file's range lines, as written. */
  constraints: readonly string[];
  pythonVersions: readonly string[];
  /** Per pin, what the index says of its pinned release (`releaseFact`), in the order of `pins`. */
  pinnedFacts: readonly string[];
}

export function fileKey(input: FileKeyInput): string {
  const pins = input.pins.map(
    (p, i) =>
      `${p.name} ${p.normalizedName}[${p.extras.join(',')}]==${p.version};${p.markerText ?? ''};${input.pinnedFacts[i]}`,
  );
  return digest([
    `format ${VERDICT_FORMAT}`,
    `pythons ${input.pythonVersions.join(',')}`,
    ...pins,
    '--',
    ...input.constraints,
  ]);
}

/** The key of one update (or group) of a file: the moves and what the index says of each release moved to. */
export function updateKey(
  file: string,
  moves: readonly { normalizedName: string; from: string; to: string; fact: string }[],
): string {
  return digest([file, ...moves.map((m) => `${m.normalizedName} ${m.from} ${m.to} ${m.fact}`)]);
}

/** What a verdict reads of a release on the project page: its `requires_python` and whether it is yanked. */
export function releaseFact(release: { requiresPython?: string; yanked: boolean } | undefined): string {
  return release ? `${release.requiresPython ?? ''}|${release.yanked ? 'y' : ''}` : '-';
}

function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 24);
}

/** A file's key for the pages it needs beyond its pins: its path and the packages it pins (not their versions). */
export function unpinnedKey(file: string, pinned: readonly string[]): string {
  return digest(['unpinned', file, ...[...pinned].sort()]);
}
