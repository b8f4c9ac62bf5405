/**
 * What a file's resolver read, so that a verdict it reached can be kept for the next pass (SPEC §6.2, §10): the
 * project pages (by name, each at its revision: URL and validators) and whether every read had an answer. Release
 * requirements are not watched: a published release's `Requires-Dist` does not change (`verdict-memo.ts`). A verdict
 * is kept only from a watch that is not spoiled, and used only while every page it names is at the same revision;
 * a page that changed, or was not read in this pass, means the verdict is made again.
 *
 * Pure: the look-ups are the planner's.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Fetched } from '../resolver/types.js';
import type { LookupResult } from './collect-updates.js';
import type { MetadataLookup } from './resolver-source.js';

/** The pages a verdict was made from, and a digest of their revisions. */
export interface Watch {
  names: string[];
  digest: string;
}

export interface PageWatcher {
  /** The file's page look-up, noting each page read. */
  lookup: (normalizedName: string) => LookupResult | undefined;
  /** The file's metadata look-up, noting a look-up without an answer. */
  metadata: MetadataLookup;
  /** What was read so far; undefined when something had no answer (missing, failed, or a page with no revision). */
  watch(): Watch | undefined;
  /** Whether every page `watch` names is at the revision it was then. */
  holds(watch: Watch): boolean;
  /**
   * Counts the pages of a watch that holds as read: what is kept from it, with what is made now, is kept with both
   * (a kept verdict is not solved again, so its pages are not read again).
   */
  adopt(watch: Watch): void;
}

export function pageWatcher(
  lookup: (normalizedName: string) => LookupResult | undefined,
  metadata: MetadataLookup,
): PageWatcher {
  // Pages in the order first read, and a running digest of them in that order: a file's verdicts ask for the
  // watch after each one, so it costs a copy of the digest, not a pass over every page read.
  const read = new Map<string, string>();
  const running = createHash('sha256');
  let spoiled = false;
  const held = new Map<string, boolean>();
  let last: { size: number; watch: Watch } | undefined;
  const note = (name: string, project: LookupResult | undefined) => {
    const revision = project && !(project instanceof Error) ? project.revision : undefined;
    if (revision === undefined) spoiled = true;
    else if (!read.has(name)) {
      read.set(name, revision);
      running.update(line(name, revision));
    }
  };
  return {
    lookup(name) {
      const project = lookup(name);
      note(name, project);
      return project;
    },
    metadata(name, version) {
      const lines: Fetched<string[]> = metadata(name, version);
      if (lines === undefined || lines instanceof Error) spoiled = true;
      return lines;
    },
    watch() {
      if (spoiled) return undefined;
      if (last?.size !== read.size) {
        last = { size: read.size, watch: { names: [...read.keys()], digest: finish(running.copy()) } };
      }
      return last.watch;
    },
    holds(watch) {
      const known = held.get(watch.digest);
      if (known !== undefined) return known;
      const hash = createHash('sha256');
      let holds = true;
      for (const name of watch.names) {
        const project = lookup(name);
        const revision = project && !(project instanceof Error) ? project.revision : undefined;
        if (revision === undefined) holds = false;
        else hash.update(line(name, revision));
      }
      holds &&= finish(hash) === watch.digest;
      held.set(watch.digest, holds);
      return holds;
    },
    adopt(watch) {
      for (const name of watch.names) note(name, lookup(name));
    },
  };
}

function line(name: string, revision: string): string {
  return `${name}\n${revision}\n`;
}

function finish(hash: Hash): string {
  return hash.digest('base64url').slice(0, 24);
}
