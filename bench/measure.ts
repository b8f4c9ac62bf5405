/**
 * Runs a command as a child process and measures its wall time and peak resident memory. Peak RSS comes from GNU
 * time (`/usr/bin/time -f %M`, in KiB) when the machine has it; otherwise from polling VmHWM in /proc/PID/status
 * every 20 ms (Linux only; may miss a peak shorter than that). GNU time also gives the CPU time used.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  exitCode: number;
  wallMs: number;
  /** Undefined when it could not be measured. */
  peakRssMb: number | undefined;
  /** User + system CPU time; undefined without GNU time. On a shared machine a truer figure than wall time. */
  cpuMs: number | undefined;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export async function measure(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const rssFile = join(tmpdir(), `pingate-bench-rss-${process.pid}-${Date.now()}`);
  const [file, argv] = useTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
    : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let polledKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(async () => {
        polledKb = Math.max(polledKb, await highWaterKb(child.pid));
      }, 20);
  const exitCode = await new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? 1)));
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  let peakKb: number | undefined = polledKb || undefined;
  let cpuMs: number | undefined;
  if (useTime) {
    // The last line is ours; GNU time writes "Command exited with non-zero status" above it.
    const [kb, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '')
      .split(' ')
      .map(Number);
    peakKb = kb;
    cpuMs = user !== undefined && system !== undefined ? (user + system) * 1000 : undefined;
    rmSync(rssFile, { force: true });
  }
  return {
    exitCode,
    wallMs,
    peakRssMb: peakKb && Number.isFinite(peakKb) ? peakKb / 1024 : undefined,
    cpuMs: cpuMs !== undefined && Number.isFinite(cpuMs) ? cpuMs : undefined,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}

async function highWaterKb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
