import type { Freshness } from './model.js';

const SLICES: readonly (readonly [keyof Freshness, string])[] = [
  ['upToDate', 'up to date'],
  ['minorBehind', 'minor behind'],
  ['majorBehind', 'major behind'],
  ['blocked', 'blocked'],
];

/**
 * A mermaid pie chart, which GitLab draws as a picture; `showData` prints the counts beside the legend.
 * Zero slices are left out (mermaid draws them as empty labels); undefined when there is nothing to draw.
 */
export function renderFreshnessChart(freshness: Freshness): string | undefined {
  const slices = SLICES.filter(([key]) => freshness[key] > 0);
  if (slices.length === 0) return undefined;
  const lines = slices.map(([key, label]) => `    "${label}" : ${freshness[key]}`);
  return ['```mermaid', 'pie showData title Freshness', ...lines, '```'].join('\n');
}
