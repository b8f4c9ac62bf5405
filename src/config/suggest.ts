/**
 * "Did you mean …": the known key nearest to a typo (same letters in another case, or at most 2 edits away;
 * 1 for short keys). Bounded work per candidate, so thousands of unknown keys stay linear.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const limit = key.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) > limit) continue;
    const distance = other === lower ? 0 : boundedDistance(lower, other, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. Keys are short (≤ 100 chars used). */
function boundedDistance(a: string, b: string, limit: number): number {
  const left = a.slice(0, 100);
  const right = b.slice(0, 100);
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[right.length] ?? 0;
}
