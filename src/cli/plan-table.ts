import { describeDisposition } from '../plan/describe-disposition.js';
import type { Disposition, Plan, PlannedBranch, PlanRow } from '../plan/types.js';

const rowText: Record<Exclude<PlanRow['status'], 'update'>, string> = {
  'up-to-date': 'up to date',
  ignored: 'ignored',
  'not-pinned': 'not pinned',
  errored: 'errored',
  'pending-age': 'pending',
  disabled: 'disabled',
};

/** One table line per pin and target: package, current, proposed, type, release date, what happens now. */
export function planTableLines(plan: Plan, timezone: string): string[][] {
  const byBranch = new Map(plan.branches.map((b) => [b.branch, b]));
  const lines: string[][] = [['PACKAGE', 'CURRENT', 'PROPOSED', 'TYPE', 'RELEASED', 'WHAT HAPPENS NOW']];
  for (const row of plan.rows) {
    const vulnerable = vulnerableLine(plan, row);
    if (row.status !== 'update') {
      const text = row.detail ? `${rowText[row.status]}: ${row.detail}` : rowText[row.status];
      lines.push([row.name, row.current, '', '', '', vulnerable ?? text]);
      continue;
    }
    if (vulnerable) lines.push([row.name, row.current, '', '', '', vulnerable]);
    for (const branch of row.branches.map((name) => byBranch.get(name)).filter(isBranch)) {
      const update = branch.updates.find(
        (u) => u.normalizedName === row.normalizedName && u.file === row.file,
      );
      lines.push([
        row.name,
        row.current,
        update?.to ?? '',
        update?.updateType ?? '',
        update?.releaseDate?.slice(0, 10) ?? '',
        `${branch.vulnerabilities ? `SECURITY (${(row.advisories ?? []).join(', ')}): ` : ''}${describeDisposition(branch.disposition, timezone)}`,
      ]);
    }
  }
  for (const file of plan.freeze ?? []) {
    for (const pin of file.pins)
      lines.push([
        pin.name,
        '',
        pin.version,
        'freeze',
        '',
        'freeze: no line pins it (pingate plan --freeze)',
      ]);
  }
  return lines;
}

/** `VULNERABLE PYSEC-…: blocked: …` for a vulnerable pin that gets no security MR; undefined otherwise. */
function vulnerableLine(plan: Plan, row: PlanRow): string | undefined {
  if (!row.advisories) return undefined;
  const pin = plan.vulnerabilities?.find(
    (v) => v.file === row.file && v.normalizedName === row.normalizedName && v.version === row.current,
  );
  if (!pin || pin.outcome.kind === 'update') return undefined;
  const ids = row.advisories.join(', ');
  const why =
    pin.outcome.kind === 'blocked' ? `blocked: ${pin.outcome.reason}` : 'no fixed release named: no MR';
  return `VULNERABLE (${ids}): ${why}`;
}

function isBranch(branch: PlannedBranch | undefined): branch is PlannedBranch {
  return branch !== undefined;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatColumns(lines: string[][]): string {
  const widths: number[] = [];
  for (const line of lines) {
    line.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return lines
    .map((line) =>
      line
        .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const summaryWords: Record<Disposition['kind'], string> = {
  'open-mr': 'would open MR',
  'awaiting-schedule': 'awaiting schedule',
  'pending-approval': 'pending approval',
  'pending-age': 'pending',
  'rate-limited': 'rate-limited',
  blocked: 'blocked',
  disabled: 'disabled',
};

/** `12 pins: 3 updates (1 would open MR, 2 awaiting schedule), 8 up to date, 1 errored`. */
export function planSummary(plan: Plan): string {
  const count = (status: PlanRow['status']) => plan.rows.filter((r) => r.status === status).length;
  const kinds = new Map<string, number>();
  for (const branch of plan.branches) {
    const key = summaryWords[branch.disposition.kind];
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  const detail = [...kinds.entries()].map(([kind, n]) => `${n} ${kind}`).join(', ');
  const parts = [
    `${plan.branches.length} MR${plan.branches.length === 1 ? '' : 's'} planned${detail ? ` (${detail})` : ''}`,
    `${count('up-to-date')} up to date`,
  ];
  for (const status of ['errored', 'not-pinned', 'ignored', 'disabled'] as const) {
    const n = count(status);
    if (n > 0) parts.push(`${n} ${rowText[status]}`);
  }
  const pins = plan.rows.filter((r) => r.status !== 'not-pinned').length;
  return `${pins} pins: ${parts.join(', ')}`;
}
