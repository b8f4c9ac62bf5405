/** What the projects bench reports about one `pingate run`, from the fakes' own records. Pure. */

export interface PassFigures {
  label: string;
  wallMs: number;
  cpuMs: number | undefined;
  peakRssMb: number | undefined;
  exitCode: number;
  projects: number;
  /** GitLab reads about one project (under `/projects/:id/`), per project: mean and most. */
  readsPerProject: number;
  maxReadsPerProject: number;
  /** Reads of the whole instance: `/user`, `/version`, the `/projects` listing. */
  instanceReads: number;
  writes: number;
  /** Sequential GitLab round trips of one project's pass, mean: the time its requests kept it waiting ÷ the delay. */
  roundTrips: number;
  indexRequests: number;
  /** Project pages asked for, and how many distinct ones. */
  pageRequests: number;
  pagesAsked: number;
  uniquePackages: number;
  /** round trips × delay × projects ÷ passes in flight: the wall a pass cannot beat at that concurrency. */
  floorMs: number;
}

export interface GitLabRecord {
  method: string;
  project: number;
}

export function gitlabCounts(records: readonly GitLabRecord[], projects: number) {
  const reads = new Map<number, number>();
  let instanceReads = 0;
  let writes = 0;
  for (const record of records) {
    if (record.method !== 'GET' && record.method !== 'HEAD') writes += 1;
    else if (record.project === 0) instanceReads += 1;
    else reads.set(record.project, (reads.get(record.project) ?? 0) + 1);
  }
  const total = [...reads.values()].reduce((sum, n) => sum + n, 0);
  return {
    readsPerProject: total / projects,
    maxReadsPerProject: Math.max(0, ...reads.values()),
    instanceReads,
    writes,
  };
}

/** Mean over projects of the union of [arrival, arrival + delay] intervals, in delays. */
export function meanRoundTrips(arrivals: Map<number, number[]>, delayMs: number): number {
  const perProject = [...arrivals.entries()]
    .filter(([project]) => project !== 0)
    .map(([, times]) => busyMs(times, delayMs) / delayMs);
  return perProject.length === 0 ? 0 : perProject.reduce((a, b) => a + b, 0) / perProject.length;
}

function busyMs(times: readonly number[], delayMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busy = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const start of sorted) {
    const stop = start + delayMs;
    if (start >= end) busy += delayMs;
    else if (stop > end) busy += stop - end;
    end = Math.max(end, stop);
  }
  return busy;
}

export function missedTargets(figures: PassFigures, warm: boolean): string[] {
  const missed: string[] = [];
  if (figures.exitCode !== 0) missed.push(`${figures.label}: pingate exited ${figures.exitCode}`);
  if (figures.pageRequests !== figures.pagesAsked || figures.pagesAsked !== figures.uniquePackages) {
    missed.push(
      `${figures.label}: ${figures.pageRequests} page requests for ${figures.pagesAsked} pages and ` +
        `${figures.uniquePackages} unique packages (each must be asked once)`,
    );
  }
  if (!warm) return missed;
  if (figures.writes !== 0) missed.push(`warm: ${figures.writes} GitLab writes (target 0)`);
  if (figures.wallMs > 4000) missed.push(`warm: wall ${seconds(figures.wallMs)} (target ≤ 4 s)`);
  if (figures.wallMs > 2 * figures.floorMs) {
    missed.push(`warm: wall ${seconds(figures.wallMs)} is over 2× the floor of ${seconds(figures.floorMs)}`);
  }
  return missed;
}

export function formatFigures(rows: readonly PassFigures[]): string {
  const header = [
    'pass',
    'wall',
    'CPU',
    'peak RSS',
    'GitLab reads/project (max)',
    'instance reads',
    'writes',
    'round trips/project',
    'floor',
    'index requests',
    'pages (distinct)',
    'unique packages',
  ];
  const lines = rows.map((f) => [
    f.label,
    seconds(f.wallMs),
    f.cpuMs === undefined ? '?' : seconds(f.cpuMs),
    f.peakRssMb === undefined ? '?' : `${f.peakRssMb.toFixed(0)} MB`,
    `${f.readsPerProject.toFixed(1)} (${f.maxReadsPerProject})`,
    String(f.instanceReads),
    String(f.writes),
    f.roundTrips.toFixed(1),
    seconds(f.floorMs),
    String(f.indexRequests),
    `${f.pageRequests} (${f.pagesAsked})`,
    String(f.uniquePackages),
  ]);
  return [header, ...lines].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
