import type { PypiVulnerability } from '../pypi/types.js';
import { normalizeName } from '../versioning/normalize.js';
import { compareVersions, isValidVersion } from '../versioning/pep440.js';
import type { OsvRecord } from './schema.js';
import type { Advisory, AdvisoryEvent, AdvisoryRange } from './types.js';

/** The part of an OSV record about one PyPI package, as an Advisory (pure). */
export function advisoryFromOsv(record: OsvRecord, normalizedName: string): Advisory {
  const mine = (record.affected ?? []).filter(
    (a) => a.package?.ecosystem === 'PyPI' && normalizeName(a.package.name ?? '') === normalizedName,
  );
  const ranges: AdvisoryRange[] = mine.flatMap((a) =>
    (a.ranges ?? [])
      .filter((r) => r.type === 'ECOSYSTEM')
      .map((r) => ({ events: (r.events ?? []).flatMap(eventOf) })),
  );
  const fixed = ranges.flatMap((r) => r.events.flatMap((e) => ('fixed' in e ? [e.fixed] : [])));
  const advisoryRef = (record.references ?? []).find((r) => r.type === 'ADVISORY' && r.url)?.url;
  return {
    id: record.id,
    aliases: [...new Set(record.aliases ?? [])].filter((a) => a !== record.id),
    ...(record.summary ? { summary: record.summary } : {}),
    ...(record.details ? { details: record.details } : {}),
    link: advisoryRef ?? `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
    source: 'osv',
    ranges,
    versions: [...new Set(mine.flatMap((a) => a.versions ?? []))],
    fixed: [...new Set(fixed)],
    withdrawn: Boolean(record.withdrawn),
  };
}

function eventOf(event: {
  introduced?: string | null;
  fixed?: string | null;
  last_affected?: string | null;
  limit?: string | null;
}): AdvisoryEvent[] {
  if (event.introduced) return [{ introduced: event.introduced }];
  if (event.fixed) return [{ fixed: event.fixed }];
  if (event.last_affected) return [{ last_affected: event.last_affected }];
  if (event.limit) return [{ limit: event.limit }];
  return [];
}

/**
 * PyPI's `fixed_in` as ranges: sorted, each fix closes the series it belongs to (`3.0.12` closes `>=3.0`), the lowest
 * closes everything below it. So `["2.2.18", "3.0.12"]` reads `<2.2.18` and `>=3.0,<3.0.12`; 2.2.20 is fixed.
 */
export function advisoryFromPypi(vulnerability: PypiVulnerability): Advisory {
  const fixed = [...new Set(vulnerability.fixed_in ?? [])].filter(isValidVersion).sort(compareVersions);
  const ranges: AdvisoryRange[] = fixed.map((version, index) => ({
    events: [{ introduced: index === 0 ? '0' : seriesOf(version) }, { fixed: version }],
  }));
  return {
    id: vulnerability.id,
    aliases: (vulnerability.aliases ?? []).filter((a) => a !== vulnerability.id),
    ...(vulnerability.summary ? { summary: vulnerability.summary } : {}),
    ...(vulnerability.details ? { details: vulnerability.details } : {}),
    ...(vulnerability.link ? { link: vulnerability.link } : {}),
    source: 'pypi',
    ranges: ranges.length > 0 ? ranges : [{ events: [{ introduced: '0' }] }],
    versions: [],
    fixed,
    withdrawn: Boolean(vulnerability.withdrawn),
  };
}

/** `3.0.12` → `3.0`; `4` → `4`. */
function seriesOf(version: string): string {
  const release = version
    .split(/[^\d.]/)[0]!
    .split('.')
    .filter(Boolean);
  return release.slice(0, Math.max(1, release.length - 1)).join('.');
}
