/**
 * Starts the fake index (test/fakes/index-server/main.ts) as a child process, so its CPU is not counted against the
 * process being measured, and reads its counters over HTTP.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
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
  /** Serve HTTPS (HTTP/2 and HTTP/1.1 by ALPN) with this key and certificate. */
  tls?: { keyFile: string; certFile: string };
}): Promise<IndexProcess> {
  const args = [
    '--import',
    import.meta.resolve('tsx'),
    MAIN,
    '--count',
    String(options.count),
    '--seed',
    String(options.seed),
    ...(options.tls ? ['--tls-key', options.tls.keyFile, '--tls-cert', options.tls.certFile] : []),
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
  const ca = options.tls ? readFileSync(options.tls.certFile, 'utf8') : undefined;
  return {
    url,
    simpleUrl,
    stats: async () => JSON.parse(await getText(statsUrl, ca)) as Awaited<ReturnType<IndexProcess['stats']>>,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A GET's body; over HTTPS trusting `ca` (fetch has no per-request trust). */
function getText(url: string, ca: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (response: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    };
    const request = url.startsWith('https:') ? httpsGet(url, { ca }, done) : httpGet(url, done);
    request.on('error', reject);
  });
}
