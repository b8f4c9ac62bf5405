/**
 * The GitLab releases pingate supports. 15.0 has every endpoint and field pingate relies on (commits with
 * `start_sha` and `force`, jobs with `include_retried`, `members/all`, `draft`); what came later has a fallback
 * that is tested: `detailed_merge_status` (15.6) falls back to `merge_status`, `has_conflicts` and
 * `draft`/`work_in_progress`, and checklist system notes are read however the release quotes the item.
 */
export const OLDEST_SUPPORTED = '15.0';

/** `17.2.1-ee` → [17, 2]; undefined for anything else. */
function majorMinor(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The start-up warning for a release (pure); undefined when it is supported. */
export function versionWarning(version: string | undefined): string | undefined {
  if (version === undefined) {
    return `GitLab did not say its version; pingate supports GitLab ${OLDEST_SUPPORTED} and later`;
  }
  const found = majorMinor(version);
  const [major, minor] = majorMinor(OLDEST_SUPPORTED) ?? [0, 0];
  if (!found)
    return `GitLab reports the version "${version}", which pingate cannot read; it supports ${OLDEST_SUPPORTED} and later`;
  if (found[0] > major || (found[0] === major && found[1] >= minor)) return undefined;
  return `GitLab ${version} is older than ${OLDEST_SUPPORTED}, the oldest release pingate supports: merging and ticks may not work; upgrade GitLab`;
}
