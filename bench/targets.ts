/** SPEC §10 targets and the report of one benchmark, as pure functions. */

export interface RunFigures {
  label: string;
  pins: number;
  /** Pins whose look-up failed: a fast run that looked nothing up proves nothing. */
  errored: number;
  requests: number;
  notModified: number;
  bytes: number;
  wallMs: number;
  peakRssMb: number | undefined;
  cpuMs: number | undefined;
}

export const TARGETS = { coldMs: 3000, warmMs: 1200, rssMb: 200 };

/**
 * Several runs of one kind as one: the median run's wall and CPU time (a shared two-core machine varies by a
 * fifth from run to run), the highest peak RSS and the most failed look-ups of any run.
 */
export function summarize(runs: readonly RunFigures[]): RunFigures {
  if (runs.length === 0) throw new Error('summarize: no runs');
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const median = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const peaks = runs.map((run) => run.peakRssMb);
  return {
    ...median,
    errored: Math.max(...runs.map((run) => run.errored)),
    peakRssMb: peaks.some((peak) => peak === undefined) ? undefined : Math.max(...(peaks as number[])),
  };
}

/** The targets a cold and a warm run missed, as sentences; empty when all are met. */
export function missedTargets(cold: RunFigures, warm: RunFigures): string[] {
  const missed: string[] = [];
  for (const run of [cold, warm]) {
    if (run.errored > 0) missed.push(`${run.label} run: ${run.errored} of ${run.pins} look-ups failed`);
  }
  for (const [run, target] of [
    [cold, TARGETS.coldMs],
    [warm, TARGETS.warmMs],
  ] as const) {
    if (run.wallMs > target)
      missed.push(`${run.label} run took ${seconds(run.wallMs)} (target ≤ ${seconds(target)})`);
  }
  for (const run of [cold, warm]) {
    if (run.peakRssMb === undefined) missed.push(`${run.label} run: peak RSS could not be measured`);
    else if (run.peakRssMb > TARGETS.rssMb)
      missed.push(`${run.label} run peaked at ${run.peakRssMb.toFixed(0)} MB (target ≤ 200 MB)`);
  }
  if (warm.requests > 0 && warm.notModified < warm.requests * 0.5) {
    missed.push(`warm run: only ${warm.notModified} of ${warm.requests} answers were 304`);
  }
  return missed;
}

export function formatTable(runs: RunFigures[]): string {
  const header = ['run', 'pins', 'requests', '304s', 'bytes', 'wall', 'CPU', 'CPU per pin', 'peak RSS'];
  const rows = runs.map((run) => [
    run.label,
    String(run.pins),
    String(run.requests),
    String(run.notModified),
    megabytes(run.bytes),
    seconds(run.wallMs),
    run.cpuMs === undefined ? '?' : seconds(run.cpuMs),
    run.cpuMs === undefined ? '?' : `${(run.cpuMs / run.pins).toFixed(2)} ms`,
    run.peakRssMb === undefined ? '?' : `${run.peakRssMb.toFixed(0)} MB`,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  return [header, ...rows]
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
    .join('\n');
}

/** The targets as one line, for the report. */
export function targetsLine(): string {
  return `cold ≤ ${seconds(TARGETS.coldMs)}, warm ≤ ${seconds(TARGETS.warmMs)}, peak RSS ≤ ${TARGETS.rssMb} MB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(0)} kB`;
}
