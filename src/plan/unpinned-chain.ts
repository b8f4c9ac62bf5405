/**
 * A guess at where the conflict check's search will go through packages no line pins, so that their pages and
 * metadata can be asked for as soon as the one before is in, rather than one level per round of planning. The
 * search decides; a wrong guess costs a request, never a verdict (what it needs and was not fetched is still
 * fetched in the next round).
 */
import type { Project } from '../pypi/types.js';
import { compareVersions, isPrerelease, isValidVersion } from '../versioning/pep440.js';
import { parseRequirement } from '../versioning/requirement.js';

const choices = new WeakMap<Project, string | undefined>();

/** The release the search tries first when nothing narrows it: the newest final release that is not yanked. */
export function firstChoice(project: Project): string | undefined {
  if (choices.has(project)) return choices.get(project);
  let best: string | undefined;
  for (const release of project.releases) {
    const { version } = release;
    if (release.yanked || !isValidVersion(version) || isPrerelease(version)) continue;
    if (best === undefined || compareVersions(version, best) > 0) best = version;
  }
  choices.set(project, best);
  return best;
}

const names = new WeakMap<readonly string[], string[]>();

/**
 * The packages a release's `Requires-Dist` names outside its extras, in normal form. A line that does not parse is
 * left out (the conflict check reports it).
 */
export function requiredNames(lines: readonly string[]): string[] {
  const known = names.get(lines);
  if (known) return known;
  const found = new Set<string>();
  for (const line of lines) {
    try {
      const requirement = parseRequirement(line);
      if (!requirement.markerText?.includes('extra')) found.add(requirement.normalizedName);
    } catch {
      // Not ours to reject here.
    }
  }
  const list = [...found];
  names.set(lines, list);
  return list;
}
