/**
 * Runs the real CLI with a deadline and reports its peak memory: for bad local input, the test asserts that it
 * finished (no hang), within a generous bound, and how much memory it took (no unbounded read).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/pingate.js');
const preload = join(import.meta.dirname, 'report-rss.cjs');

export interface BoundedResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed at the deadline. */
  timedOut: boolean;
  /** Peak resident set size, in MB. */
  peakMb: number;
}

export function runBounded(
  args: string[],
  options: { cwd: string; deadlineMs?: number; env?: Record<string, string> },
): Promise<BoundedResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'pingate-rss-'));
  const rssFile = join(scratch, 'rss');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', preload, bin, ...args], {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: options.cwd,
        PINGATE_TEST_RSS_FILE: rssFile,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.deadlineMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let peakMb = Number.NaN;
      try {
        peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {
        // Killed before it could say: NaN fails any bound.
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, stdout, stderr, timedOut, peakMb });
    });
  });
}
