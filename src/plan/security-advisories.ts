/**
 * Advisories of one pin (pure): PyPI's read as ranges, withdrawn ones dropped, the same advisory told by both sources
 * (or under several ids) merged by id and aliases, and which releases are still affected.
 */
import type { Advisory, AdvisoryRange, AdvisorySource } from '../osv/types.js';
import { compareVersions, isValidVersion } from '../versioning/pep440.js';

/** One advisory of a pin as pingate reports it: every source's word on it merged. */
export interface PinAdvisory {
  id: string;
  /** Every other id it goes by (CVE, GHSA, PYSEC), sorted. */
  aliases: string[];
  summary?: string;
  link?: string;
  sources: AdvisorySource[];
  /** Versions some source names as fixing it, in PEP 440 order. */
  fixed: string[];
  /** e.g. `<2.2.18; >=3.0,<3.0.12`, or `every release` when no source names a fix. */
  affectedRange: string;
  /** The sources' own records: a release fixes the advisory when every source that names a fix agrees. */
  members: Advisory[];
}

/** OSV's range evaluation: events in version order, `introduced` opens, `fixed`/`limit` close before, `last_affected` after. */
export function inRange(range: AdvisoryRange, version: string): boolean {
  // Where `version` stands against an event's version: every release is at or above "0".
  const at = (v: string) => (v === '0' ? 1 : compareVersions(version, v));
  const events = range.events
    .map((event) => ({ event, value: Object.values(event)[0] as string }))
    .filter(({ value }) => value === '0' || isValidVersion(value))
    .sort((a, b) => (a.value === '0' ? -1 : b.value === '0' ? 1 : compareVersions(a.value, b.value)));
  let affected = false;
  for (const { event, value } of events) {
    const position = at(value);
    if ('introduced' in event && position >= 0) affected = true;
    else if (('fixed' in event || 'limit' in event) && position >= 0) affected = false;
    else if ('last_affected' in event && position > 0) affected = false;
  }
  return affected;
}

/** Whether one source's record says `version` is affected. */
export function affects(advisory: Advisory, version: string): boolean {
  if (!isValidVersion(version)) return true;
  return advisory.versions.includes(version) || advisory.ranges.some((range) => inRange(range, version));
}

/** True when some source names a fixed version for it: only those advisories open an MR. */
export function hasFix(advisory: PinAdvisory): boolean {
  return advisory.fixed.length > 0;
}

/** A release fixes an advisory when every source that names a fix says the release is not affected. */
export function fixes(advisory: PinAdvisory, version: string): boolean {
  const deciding = advisory.members.filter((m) => m.fixed.length > 0);
  return deciding.length > 0 && deciding.every((m) => !affects(m, version));
}

/** Drops withdrawn advisories and merges those that share an id or alias; OSV's record leads where both have one. */
export function mergeAdvisories(advisories: readonly Advisory[]): PinAdvisory[] {
  const groups: Advisory[][] = [];
  for (const advisory of advisories.filter((a) => !a.withdrawn)) {
    const names = new Set([advisory.id, ...advisory.aliases]);
    const joined = groups.filter((group) =>
      group.some((m) => [m.id, ...m.aliases].some((n) => names.has(n))),
    );
    const merged = [...joined.flat(), advisory];
    for (const group of joined) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  // An advisory withdrawn by one source is withdrawn: drop groups that a withdrawn record names.
  const withdrawn = new Set(advisories.filter((a) => a.withdrawn).flatMap((a) => [a.id, ...a.aliases]));
  return groups
    .filter((group) => !group.some((m) => [m.id, ...m.aliases].some((n) => withdrawn.has(n))))
    .map(toPinAdvisory)
    .sort((a, b) => a.id.localeCompare(b.id));
}

function toPinAdvisory(members: Advisory[]): PinAdvisory {
  const ordered = [...members].sort((a, b) => (a.source === b.source ? 0 : a.source === 'osv' ? -1 : 1));
  const lead = ordered[0]!;
  const ids = new Set(ordered.flatMap((m) => [m.id, ...m.aliases]));
  ids.delete(lead.id);
  const fixed = [...new Set(ordered.flatMap((m) => m.fixed))].sort(compareVersions);
  const summary = ordered.find((m) => m.summary)?.summary;
  const link = ordered.find((m) => m.link)?.link;
  return {
    id: lead.id,
    aliases: [...ids].sort(),
    ...(summary ? { summary } : {}),
    ...(link ? { link } : {}),
    sources: [...new Set(ordered.map((m) => m.source))],
    fixed,
    affectedRange: rangeText(ordered.find((m) => m.fixed.length > 0) ?? lead),
    members: ordered,
  };
}

function rangeText(advisory: Advisory): string {
  const parts = advisory.ranges.map((range) =>
    range.events
      .map((event) => {
        if ('introduced' in event) return event.introduced === '0' ? '' : `>=${event.introduced}`;
        if ('fixed' in event) return `<${event.fixed}`;
        if ('last_affected' in event) return `<=${event.last_affected}`;
        return `<${event.limit}`;
      })
      .filter(Boolean)
      .join(','),
  );
  const text = parts.filter(Boolean).join('; ');
  if (text && advisory.fixed.length > 0) return text;
  if (advisory.versions.length > 0) return advisory.versions.join(', ');
  return text ? `${text} (no fixed release named)` : 'every release (no fixed release named)';
}
