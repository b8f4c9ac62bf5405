import type { PassReport } from '../pass/types.js';

/**
 * The table `pingate run` prints after a pass over several projects: one row per project in the order given,
 * then the totals. Plain text, columns padded, so it reads the same in a terminal and in a CI log.
 */
export function summaryTable(reports: readonly PassReport[], footer: readonly string[] = []): string {
  const header = ['project', 'outcome', 'MRs created', 'merged', 'writes', 'errors', 'time'];
  const rows = reports.map((report) => [
    report.project,
    outcomeOf(report),
    String(report.created.length),
    String(report.merged.length),
    String(report.actions.length),
    String(report.errors.length),
    seconds(report.durationMs),
  ]);
  const failed = reports.filter((report) => report.outcome === 'failed').length;
  const total = [
    `${reports.length} project(s)`,
    failed === 0 ? 'all done' : `${failed} FAILED`,
    String(sum(reports, (r) => r.created.length)),
    String(sum(reports, (r) => r.merged.length)),
    String(sum(reports, (r) => r.actions.length)),
    String(sum(reports, (r) => r.errors.length)),
    '',
  ];
  return [...columns([header, ...rows, total]), ...footer].join('\n');
}

function outcomeOf(report: PassReport): string {
  if (report.outcome === 'failed') return report.unreachable ? 'FAILED (GitLab)' : 'FAILED';
  return report.errors.length > 0 ? 'done, with errors' : 'done';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function sum(reports: readonly PassReport[], of: (report: PassReport) => number): number {
  return reports.reduce((total, report) => total + of(report), 0);
}

/** Left-aligned text, right-aligned numbers, a rule under the header and above the totals. */
function columns(table: string[][]): string[] {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const [head, ...rest] = table;
  const totals = rest.pop()!;
  return [line(head!), rule, ...rest.map(line), rule, line(totals)];
}
