import { z } from 'zod';

/**
 * What a bot MR carries about itself, hidden in its description, so that a later pass (with no memory of its
 * own) knows which versions the MR moves and on which default-branch commit it was built.
 */
export const MrMetadata = z.object({
  updates: z.array(z.object({ file: z.string(), name: z.string(), from: z.string(), to: z.string() })),
  /** The default-branch commit the branch's single commit sits on. */
  base: z.string(),
  /**
   * A digest of the served constraints and yaml files on `base`: a default branch that moved on only in other
   * files leaves the MR as it was built (SPEC §6.3). Absent on MRs written before it was kept.
   */
  served: z.string().optional(),
  /** Set on rollback MRs: the commit whose constraints files they restore. */
  rollbackTo: z.string().optional(),
  /** Set on the freeze MR (SPEC §12): the pins it appends, per file. */
  freeze: z.array(z.object({ file: z.string(), name: z.string(), version: z.string() })).optional(),
  /** The title pingate last wrote: a title that no longer reads so was rewritten by a person, and is kept. */
  title: z.string().optional(),
});
export type MrMetadata = z.infer<typeof MrMetadata>;

const markerPattern = /<!-- pingate-mr (\{.*?\}) -->/s;

export function metadataComment(metadata: MrMetadata): string {
  return `<!-- pingate-mr ${JSON.stringify(metadata)} -->`;
}

/** The metadata of a bot MR's description, or undefined when it is missing or was edited into nonsense. */
export function readMetadata(description: string): MrMetadata | undefined {
  const match = markerPattern.exec(description);
  if (!match) return undefined;
  try {
    const parsed = MrMetadata.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `name@to` of every update, sorted: two MRs with the same key move the same packages to the same versions. */
export function updatesKey(updates: readonly { name: string; to: string }[]): string {
  return [...new Set(updates.map((u) => `${u.name.toLowerCase()}@${u.to}`))].sort().join(',');
}
