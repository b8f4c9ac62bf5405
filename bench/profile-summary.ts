/**
 * Where a run's CPU went: reads the V8 CPU profiles (`.cpuprofile`) in a directory, as `npm run bench -- --cpu-prof
 * DIR` writes them, and prints the self time per source file, the functions with the most self time, and the time
 * each of this program's functions was on the stack.
 *
 *   node --import tsx bench/profile-summary.ts DIR/warm [--top 25]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const Profile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      children: z.array(z.number()).optional(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const maps = new Map<string, SourceMap | undefined>();

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const dir = positionals[0];
if (!dir) {
  process.stderr.write('usage: profile-summary.ts DIR [--top N]\n');
  process.exit(2);
}

const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
// Time with the function on the stack (its callees' included), for this program's own functions only.
const inclusive = new Map<string, number>();
let total = 0;
const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
for (const name of files) {
  const profile = Profile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    total += micros;
    const { file, line } = origin(frame);
    const where = file || `(${frame.functionName || 'anonymous'})`;
    add(byFile, where, micros);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${where}:${line}`, micros);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const caller = frames.get(at);
      if (!caller) break;
      const place = origin(caller);
      if (place.file.startsWith('src/')) onStack.add(`${caller.functionName || '(anonymous)'} ${place.file}`);
    }
    for (const key of onStack) add(inclusive, key, micros);
  });
}

const top = Number(values.top);
const runs = Math.max(1, files.length);
process.stdout.write(
  `${files.length} profile(s), ${(total / 1000 / runs).toFixed(0)} ms sampled per run\n\n`,
);
print('self time per file', byFile);
print('self time per function', byFunction);
print("time on the stack, this program's functions (callees included)", inclusive);

function print(title: string, table: Map<string, number>): void {
  process.stdout.write(`${title} (ms per run, share)\n`);
  for (const [key, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const ms = (micros / 1000 / runs).toFixed(1).padStart(7);
    const share = ((100 * micros) / total).toFixed(1).padStart(5);
    process.stdout.write(`${ms}  ${share} %  ${key}\n`);
  }
  process.stdout.write('\n');
}

function add(table: Map<string, number>, key: string, micros: number): void {
  table.set(key, (table.get(key) ?? 0) + micros);
}

/**
 * Where a frame's code came from: through dist's source maps back to `src/plan/build-plan.ts` or
 * `node_modules/zod/...`; Node's own as `node:internal/...`.
 */
function origin(frame: { url: string; lineNumber: number; columnNumber: number }): {
  file: string;
  line: number;
} {
  const unmapped = { file: frame.url.replace(/^file:\/\//, ''), line: frame.lineNumber + 1 };
  if (!frame.url.startsWith('file://') || !frame.url.endsWith('.js')) return unmapped;
  const path = fileURLToPath(frame.url);
  if (!maps.has(path)) maps.set(path, loadMap(`${path}.map`));
  const entry = maps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return { ...unmapped, file: relative(ROOT, path) };
  const source = entry.originalSource.replace(/^file:\/\//, '');
  const file = relative(ROOT, source.startsWith('/') ? source : join(path, '..', source));
  return { file, line: entry.originalLine + 1 };
}

function loadMap(path: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}
