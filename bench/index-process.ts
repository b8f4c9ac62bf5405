/**
 * Starts the fake index (test/fakes/index-server/main.ts) as a child process, so its CPU is not counted against the
 * process being measured, and reads its counters over HTTP.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface IndexProcess {
  url: string;
  simpleUrl: string;
  stats(): Promise<{ requests: number; notModified: number; bytes: number; maxInFlight: number }>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('../test/fakes/index-server/main.ts', import.meta.url));

export async function startIndexProcess(options: {
  count: number;
  seed: number;
  delayMs: number;
}): Promise<IndexProcess> {
  const args = [
    '--import',
    import.meta.resolve('tsx'),
    MAIN,
    '--count',
    String(options.count),
    '--seed',
    String(options.seed),
  ];
  const child = spawn(process.execPath, [...args, '--delay', String(options.delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the index server exited early (${code})`)));
  });
  const { url, simpleUrl } = JSON.parse(firstLine) as { url: string; simpleUrl: string };
  const statsUrl = url.replace(/\/pypi\/$/, '/_fake/stats');
  return {
    url,
    simpleUrl,
    stats: async () => (await (await fetch(statsUrl)).json()) as Awaited<ReturnType<IndexProcess['stats']>>,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
