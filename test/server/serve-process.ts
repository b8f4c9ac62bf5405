/** The real `pingate serve` as a child process, for the end-to-end tests of the webhook server. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/pingate.js');

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Its URL once it listens; rejected, with what it wrote to stderr, if it exits first. */
  listening: Promise<string>;
  exited: Promise<number | null>;
  stderr: () => string;
}

export function spawnServe(env: NodeJS.ProcessEnv, args: string[] = []): ServeProcess {
  const child = spawn(process.execPath, [bin, 'serve', '--host', '127.0.0.1', ...args], { env });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /listening on (\S+),/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  // A test that does not wait for the URL must not see an unhandled rejection when the server stops.
  listening.catch(() => {});
  return { child, listening, exited, stderr: () => stderr };
}
