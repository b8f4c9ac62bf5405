/**
 * `npm run bench` (SPEC §10): a local index with generated projects and a set delay, then the real CLI
 * (`node bin/pingate.js plan --json`) over one pin per project: cold (empty cache), then warm (every answer 304).
 * Prints pins, requests, bytes, wall time, CPU time and peak RSS; exits 1 when a target is missed or a look-up
 * failed. Requests, 304s and bytes are counted by the index server.
 *
 * The fake index renders each answer the first time it is asked and keeps it; on two cores that rendering would
 * compete with the client for CPU. So a first pass, with a cache directory of its own and not measured, warms the
 * fake; the measured cold pass then starts from an empty pingate cache as before.
 *
 * Each kind of pass runs `--runs` times (cold ones each with an empty cache of their own); the report takes the
 * median run's times and the highest peak RSS of any.
 *
 * The index is HTTPS offering HTTP/2 and HTTP/1.1 by ALPN, as PyPI is, with a self-signed certificate that the
 * CLI is told to trust (NODE_EXTRA_CA_CERTS: the machine's own extra certificates and this one); `--http1` serves
 * plain HTTP/1.1 instead. pingate runs at its defaults: no `--concurrency` unless given here.
 *
 * Flags: --pins 1000; --delay 50 (ms per answer); --seed 1; --runs 3; --keep (leave the temporary directory);
 * --lookup-only (time the index client alone, bench/lookup-only.ts, instead of plan); --http1; --concurrency N
 * (passed to plan; default: none, the product's choice); --cpu-prof DIR (each measured CLI run writes a V8 CPU
 * profile into DIR, for `node bench/profile-summary.ts DIR`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { constraintsFor, generateProjects } from '../test/fakes/index-server/generate.js';
import { startFakeOsv } from '../test/fakes/osv/server.js';
import { selfSignedCert } from '../test/helpers/tls-cert.js';
import { startIndexProcess } from './index-process.js';
import { measure } from './measure.js';
import { formatTable, missedTargets, type RunFigures, summarize, targetsLine } from './targets.js';

const { values } = parseArgs({
  options: {
    pins: { type: 'string', default: '1000' },
    delay: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
    http1: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'lookup-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const count = Number(values.pins);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const work = mkdtempSync(join(tmpdir(), 'pingate-bench-'));
const cacheDir = join(work, 'cache');
const constraintsPath = join(work, 'constraints.txt');
writeFileSync(constraintsPath, constraintsFor(generateProjects(count, Number(values.seed))));
writeFileSync(join(work, 'renovate.json'), `${JSON.stringify({ schedule: ['at any time'] }, null, 2)}\n`);

const tls = values.http1 ? undefined : trustedCert();
const index = await startIndexProcess({
  count,
  seed: Number(values.seed),
  delayMs: Number(values.delay),
  ...(tls ? { tls: { keyFile: tls.keyFile, certFile: tls.certFile } } : {}),
});
// Vulnerability look-ups are on, as by default: every plan asks a local fake OSV (SPEC §13: one batch per 1,000 pins).
const osv = await startFakeOsv();
try {
  const mode = values['lookup-only'] ? 'index client alone (bench/lookup-only.ts)' : 'pingate plan --json';
  const protocol = tls ? 'HTTPS offering HTTP/2 (ALPN)' : 'plain HTTP/1.1';
  const limit = values.concurrency ? `--concurrency ${values.concurrency}` : 'default concurrency';
  process.stdout.write(
    `pingate bench: ${count} pins, ${values.delay} ms per answer, index ${protocol}, ${limit}, ${mode}\n`,
  );
  await timedRun('priming', join(work, 'priming-cache'));
  const runs = Math.max(1, Number(values.runs));
  const colds: RunFigures[] = [];
  for (let run = 0; run < runs; run++) {
    // Every cold pass starts from an empty cache; the last one's is what the warm passes revalidate.
    rmSync(cacheDir, { recursive: true, force: true });
    colds.push(await timedRun('cold'));
  }
  const warms: RunFigures[] = [];
  for (let run = 0; run < runs; run++) warms.push(await timedRun('warm'));
  const cold = summarize(colds);
  const warm = summarize(warms);
  process.stdout.write(`\n${formatTable([cold, warm])}\n`);
  if (runs > 1)
    process.stdout.write(`(times: the median of ${runs} runs each; peak RSS: the highest of any)\n`);
  process.stdout.write('\n');
  const batches = osv.requests.filter((r) => r.path === '/v1/querybatch').length;
  const passes = 1 + 2 * runs;
  process.stdout.write(`OSV: ${batches} batch request(s) over ${passes} passes\n`);
  const missed = missedTargets(cold, warm);
  if (!values['lookup-only'] && batches !== passes * Math.ceil(count / 1000)) {
    missed.push(
      `OSV batches: ${batches} for ${passes} passes of ${count} pins (one per 1,000 pins expected)`,
    );
  }
  for (const line of missed) process.stdout.write(`MISSED: ${line}\n`);
  if (missed.length === 0) process.stdout.write(`all targets met (${targetsLine()})\n`);
  process.exitCode = missed.length === 0 ? 0 : 1;
} finally {
  await index.stop();
  await osv.close();
  if (values.keep) process.stdout.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

async function timedRun(label: string, cache = cacheDir): Promise<RunFigures> {
  const before = await index.stats();
  const [command, args] = values['lookup-only']
    ? [
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          join(ROOT, 'bench/lookup-only.ts'),
          index.url,
          constraintsPath,
          cache,
          ...(values.concurrency ? [values.concurrency] : []),
        ],
      ]
    : [
        process.execPath,
        [
          ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(values['cpu-prof'], label)] : []),
          join(ROOT, 'bin/pingate.js'),
          'plan',
          '--json',
          ...(values.concurrency ? ['--concurrency', values.concurrency] : []),
        ],
      ];
  const env = {
    ...process.env,
    PIP_INDEX_URL: index.url,
    PINGATE_OSV_URL: osv.url,
    PINGATE_CACHE_DIR: cache,
    NO_COLOR: '1',
    ...(tls ? { NODE_EXTRA_CA_CERTS: tls.bundleFile } : {}),
  };
  const result = await measure(command, args, { cwd: work, env });
  const after = await index.stats();
  if (result.exitCode !== 0) {
    process.stderr.write(result.stderr.slice(-4000));
    throw new Error(`the ${label} run exited with ${result.exitCode}`);
  }
  return {
    label,
    pins: count,
    errored: erroredIn(result.stdout),
    requests: after.requests - before.requests,
    notModified: after.notModified - before.notModified,
    bytes: after.bytes - before.bytes,
    wallMs: result.wallMs,
    peakRssMb: result.peakRssMb,
    cpuMs: result.cpuMs,
  };
}

/**
 * The index's certificate and key in the work directory, and a bundle for NODE_EXTRA_CA_CERTS: the certificates
 * this machine already adds (so start-up costs what it would) and the index's.
 */
function trustedCert(): { keyFile: string; certFile: string; bundleFile: string } {
  const { key, cert } = selfSignedCert();
  const keyFile = join(work, 'index-key.pem');
  const certFile = join(work, 'index-cert.pem');
  const bundleFile = join(work, 'trusted.pem');
  writeFileSync(keyFile, key);
  writeFileSync(certFile, cert);
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const inherited = extra && existsSync(extra) ? readFileSync(extra, 'utf8') : '';
  writeFileSync(bundleFile, `${inherited}${inherited.endsWith('\n') || !inherited ? '' : '\n'}${cert}`);
  return { keyFile, certFile, bundleFile };
}

/** Failed look-ups in a run's output: `plan --json` rows "errored", or lookup-only's `failures`. */
function erroredIn(stdout: string): number {
  try {
    if (values['lookup-only']) {
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      return (JSON.parse(lastLine) as { failures: number }).failures;
    }
    const plan = JSON.parse(stdout) as { rows: { status: string }[] };
    return plan.rows.filter((row) => row.status === 'errored').length;
  } catch {
    // Output we cannot read: count every pin as failed rather than report a meaningless time.
    return count;
  }
}
