/**
 * `pingate.requiredJobs` entries: an exact job name, or `/regex/flags` tested against the job name
 * (the same `/…/` convention as Renovate's package-name matchers).
 */

/** Whether `entry` matches the job called `name`. An entry whose regex does not compile matches nothing. */
export function jobPatternMatches(entry: string, name: string): boolean {
  const regex = toRegExp(entry);
  if (regex === undefined) return entry === name;
  if (regex === null) return false;
  return regex.test(name);
}

/** `undefined`: not a regex entry; `null`: a regex entry that does not compile (config validation reports it). */
function toRegExp(entry: string): RegExp | null | undefined {
  const parts = /^\/(.+)\/([a-z]*)$/.exec(entry);
  if (!parts) return undefined;
  // `g` and `y` make `test` stateful across calls; they mean nothing for a name match.
  const flags = parts[2]!.replace(/[gy]/g, '');
  try {
    return new RegExp(parts[1]!, flags);
  } catch {
    return null;
  }
}
