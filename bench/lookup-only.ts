/**
 * The index client alone, as `plan` drives it: every pin's project, then Requires-Dist of each pin's newest release
 * and of its current one (the conflict check's forward and reverse reads). Run by `npm run bench -- --lookup-only`
 * in a child process so its memory is measured alone; prints its counters as one JSON line.
 * Usage: node --import tsx bench/lookup-only.ts INDEX_URL CONSTRAINTS_FILE CACHE_DIR [CONCURRENCY]
 */
import { readFileSync } from 'node:fs';
import { createPackageIndex } from '../src/pypi/create-index.js';
import { normalizeName } from '../src/versioning/normalize.js';

const [indexUrl, constraintsPath, cacheDir, concurrency] = process.argv.slice(2);
if (!indexUrl || !constraintsPath || !cacheDir) {
  process.stderr.write('usage: lookup-only.ts INDEX_URL CONSTRAINTS_FILE CACHE_DIR [CONCURRENCY]\n');
  process.exit(2);
}

const pins = readFileSync(constraintsPath, 'utf8')
  .split('\n')
  .map((line) => /^([A-Za-z0-9._-]+)==(\S+)/.exec(line))
  .filter((match) => match !== null)
  .map((match) => ({ name: normalizeName(match[1]!), version: match[2]! }));

const index = createPackageIndex({
  indexUrl,
  cacheDir,
  ...(concurrency ? { concurrency: Number(concurrency) } : {}),
});
let failures = 0;
const projects = await Promise.all(
  pins.map((pin) =>
    index.getProject(pin.name).catch(() => {
      failures++;
      return undefined;
    }),
  ),
);
await Promise.all(
  projects.flatMap((project, position) => {
    const newest = project?.releases.filter((release) => release.files.length > 0).at(-1);
    if (!project || !newest) return [];
    const versions = new Set([newest.version, pins[position]!.version]);
    return [...versions].map((version) =>
      index.getRequiresDist(project.name, version).catch(() => {
        failures++;
      }),
    );
  }),
);
await index.close();
const { heapUsed, rss } = process.memoryUsage();
const mb = (bytes: number) => Math.round(bytes / 1_048_576);
process.stdout.write(
  `${JSON.stringify({ pins: pins.length, failures, ...index.stats(), heapUsedMb: mb(heapUsed), rssMb: mb(rss) })}\n`,
);
