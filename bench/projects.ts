/**
 * `npm run bench:projects` (SPEC §10, issue 15): one `pingate run --autodiscover` over 100 projects × 30 pins drawn
 * from 300 shared packages, at the product's defaults, with 20 ms per GitLab answer and 50 ms per index answer;
 * cold (empty cache, a GitLab with nothing of pingate's yet: it opens MRs and dashboards), then warm (the same
 * again with nothing changed). Prints wall, CPU, GitLab reads per project, writes, round trips, index requests and
 * unique packages; exits 1 when a target is missed (each unique package asked for once per pass; warm: no writes,
 * wall ≤ 4 s and within 2× of round trips × 20 ms × projects ÷ projects in flight).
 *
 * Flags: --projects 100; --pins 30; --universe 300; --gitlab-delay 20; --index-delay 50; --seed 1;
 * --runs 1 (warm passes; the report takes the median); --keep (leave the cache directory); --cpu-prof DIR (each
 * pass writes a V8 CPU profile into DIR/cold or DIR/warm, for `bench/profile-summary.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_FLEET_CONCURRENCY } from '../src/fleet/run-fleet.js';
import { normalizeName } from '../src/versioning/normalize.js';
import { measure } from './measure.js';
import {
  formatFigures,
  gitlabCounts,
  meanRoundTrips,
  missedTargets,
  type PassFigures,
} from './projects-figures.js';
import { type ProjectsWorld, projectOf, startProjectsWorld } from './projects-world.js';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '100' },
    pins: { type: 'string', default: '30' },
    universe: { type: 'string', default: '300' },
    'gitlab-delay': { type: 'string', default: '20' },
    'index-delay': { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const options = {
  projects: Number(values.projects),
  pins: Number(values.pins),
  universe: Number(values.universe),
  gitlabDelayMs: Number(values['gitlab-delay']),
  indexDelayMs: Number(values['index-delay']),
  seed: Number(values.seed),
};
const BIN = fileURLToPath(new URL('../bin/pingate.js', import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), 'pingate-bench-projects-'));

const world = await startProjectsWorld(options);
try {
  process.stdout.write(
    `pingate projects bench: ${options.projects} projects × ${options.pins} pins from ${options.universe} ` +
      `packages (${world.uniquePackages.size} pinned somewhere), ${options.gitlabDelayMs} ms per GitLab answer, ` +
      `${options.indexDelayMs} ms per index answer, pingate run --autodiscover at its defaults ` +
      `(${DEFAULT_FLEET_CONCURRENCY} projects in flight)\n\n`,
  );
  const cold = await timedPass('cold', world);
  const warms: PassFigures[] = [];
  for (let run = 0; run < Math.max(1, Number(values.runs)); run += 1)
    warms.push(await timedPass('warm', world));
  const warm = [...warms].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(warms.length / 2)]!;
  process.stdout.write(`${formatFigures([cold, warm])}\n`);
  const missed = [...missedTargets(cold, false), ...warms.flatMap((w) => missedTargets(w, true))];
  if (missed.length > 0) {
    process.stdout.write(`\nmissed:\n  ${missed.join('\n  ')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('\nall targets met\n');
  }
} finally {
  await world.close();
  if (!values.keep) rmSync(cacheDir, { recursive: true, force: true });
}

async function timedPass(label: string, world: ProjectsWorld): Promise<PassFigures> {
  world.gitlab.resetRequests();
  world.index.clearRequests();
  world.arrivals.clear();
  const indexBefore = world.index.stats().requests;
  const fakesBefore = process.cpuUsage();
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(values['cpu-prof'], label)] : [];
  const run = await measure(process.execPath, [...profile, BIN, 'run', '--autodiscover'], {
    cwd: cacheDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      GITLAB_URL: world.gitlab.url,
      GITLAB_TOKEN: world.bot.token,
      PIP_INDEX_URL: world.index.url,
      PINGATE_OSV_URL: world.osv.url,
      PINGATE_CACHE_DIR: cacheDir,
      LOG_LEVEL: 'warn',
    },
  });
  const fakes = process.cpuUsage(fakesBefore);
  process.stdout.write(
    `${label}: the fakes used ${((fakes.user + fakes.system) / 1e6).toFixed(2)} s of CPU\n`,
  );
  if (run.exitCode !== 0) process.stderr.write(`${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}\n`);
  const records = world.gitlab
    .requests()
    .map((r) => ({ method: r.method, project: projectOf(r.path, world.ids) }));
  // A redirect (the JSON API sends `pyyaml` to `PyYAML`) is the same look-up as the answer it leads to.
  const pages = world.index
    .requests()
    .filter(
      (r) => /^\/pypi\/[^/]+\/json$/.test(r.path.split('?')[0]!) && !(r.status >= 300 && r.status < 304),
    );
  const roundTrips = meanRoundTrips(world.arrivals, options.gitlabDelayMs);
  return {
    label,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    peakRssMb: run.peakRssMb,
    exitCode: run.exitCode,
    projects: options.projects,
    ...gitlabCounts(records, options.projects),
    roundTrips,
    indexRequests: world.index.stats().requests - indexBefore,
    pageRequests: pages.length,
    pagesAsked: new Set(pages.map((r) => normalizeName(decodeURIComponent(r.path.split('/')[2]!)))).size,
    uniquePackages: world.uniquePackages.size,
    floorMs: (roundTrips * options.gitlabDelayMs * options.projects) / DEFAULT_FLEET_CONCURRENCY,
  };
}
