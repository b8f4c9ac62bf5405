/**
 * What the freeze box offers (SPEC §12), from the plan's freeze alone: the files whose freeze is computable and adds
 * pins, and why the others that need one cannot get it. Pure, and apart from the freeze MR's decision
 * (freeze-mr.ts) so that `pingate plan`, which only previews the box, loads nothing that writes a commit.
 */
import type { ServedPair } from '../pass/snapshot.js';
import type { FileFreeze } from '../plan/types.js';

export interface FreezeOfferInput {
  pairs: ServedPair[];
  /** The plan's freeze; absent when the plan did not compute it (conflict check off, or nothing unpinned). */
  freeze?: FileFreeze[];
}

/** The box as the dashboard offers it while no freeze MR is open and nothing is ticked. */
export function freezeOffer(input: FreezeOfferInput): { offer: number; problems: string[] } {
  const { ready, problems } = readyFiles(input);
  return { offer: ready.reduce((sum, file) => sum + file.pins.length, 0), problems };
}

/** Files whose freeze is computable and adds pins, and why the others that need one cannot get it. */
export function readyFiles(input: FreezeOfferInput): { ready: FileFreeze[]; problems: string[] } {
  const ready: FileFreeze[] = [];
  const problems: string[] = [];
  for (const freeze of input.freeze ?? []) {
    problems.push(...freeze.problems.map((p) => `${freeze.file}: the freeze cannot be completed: ${p}`));
    if (freeze.problems.length > 0 || freeze.pins.length === 0) continue;
    const pair = input.pairs.find((p) => p.served.constraintsFile === freeze.file);
    if (!pair) continue;
    if (pair.file.entries.some((e) => e.kind === 'pin' && e.hashes.length > 0)) {
      problems.push(
        `${freeze.file}: the freeze is not offered: the file pins with hashes and pingate does not add hashed pins; ` +
          'add the lines `pingate plan --freeze` prints, with their hashes, by hand',
      );
      continue;
    }
    ready.push(freeze);
  }
  return { ready, problems };
}
