/**
 * A bounded set of recently seen ids, oldest evicted first. GitLab repeats a delivery (its own retries, "Resend
 * request", a project and a group hook for the same event) with the same `X-Gitlab-Event-UUID`; remembering the
 * last few thousand is enough, and the bound keeps memory flat however long the server runs.
 */
export interface RecentIds {
  /** True when the id was seen before; records it either way (and refreshes its place). */
  seen(id: string): boolean;
  readonly size: number;
}

export function createRecentIds(capacity: number): RecentIds {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer`);
  // A Map iterates in insertion order: the first key is the least recently seen.
  const ids = new Map<string, true>();
  return {
    seen(id) {
      const known = ids.delete(id);
      ids.set(id, true);
      if (ids.size > capacity) {
        const oldest = ids.keys().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return known;
    },
    get size() {
      return ids.size;
    },
  };
}
