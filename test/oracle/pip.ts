/** pip 23.2.1 as the judge: can it install these pins for this Python from this index? */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface PipAnswer {
  installable: boolean;
  detail: string;
  /** What pip would install (`--report`'s `install`), when it can: `name==version`, names normalised, sorted. */
  installs?: string[];
}

export interface Pip {
  /**
   * `pins` are lines `name[extras]==version` (optionally `; marker`); pip's `-c` gets them without extras and each
   * package is asked for by name with its extras. pip runs on the target Python itself: `--python-version` (which
   * needs `--only-binary=:all:` and `--target` in pip 23.2.1) filters files by it but evaluates markers and a
   * wheel's Requires-Python against the running interpreter, so it cannot judge another Python.
   */
  canInstall(indexUrl: string, pins: readonly string[]): Promise<PipAnswer>;
  close(): void;
}

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'pip-driver.py');

/** The interpreters of this machine that the oracle judges on (pyenv); pip 23.2.1 on 3.12, 23.0.1 on 3.8. */
export const PYTHONS: Record<string, string> = {
  '3.8': '/root/.pyenv/versions/3.8.18/bin/python',
  '3.12': '/root/.pyenv/versions/3.12.1/bin/python',
};

/** One python process that runs pip's own `main` per command: pip's start-up is paid once, not per verdict. */
export function startPip(pythonVersion: string): Pip {
  const child = spawn(PYTHONS[pythonVersion]!, [DRIVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  const run = (args: string[]) =>
    new Promise<{ rc: number; stdout: string; stderr: string }>((resolve) => {
      waiting.push((line) => resolve(JSON.parse(line)));
      child.stdin.write(`${JSON.stringify(args)}\n`);
    });
  return {
    async canInstall(indexUrl, pins) {
      const dir = await mkdtemp(join(tmpdir(), 'pingate-oracle-'));
      try {
        const constraints = pins.map((p) => p.replace(/\[[^\]]*\]/, '')).join('\n');
        await writeFile(join(dir, 'constraints.txt'), `${constraints}\n`);
        const requirements = pins.map(
          (p) => p.split('==')[0]!.trim() + (p.includes(';') ? ` ;${p.split(';')[1]}` : ''),
        );
        await writeFile(join(dir, 'requirements.txt'), `${requirements.join('\n')}\n`);
        const answer = await run([
          '--isolated',
          'install',
          '--dry-run',
          '--report',
          '-',
          '--quiet',
          '--no-cache-dir',
          '--disable-pip-version-check',
          '--index-url',
          indexUrl,
          '-c',
          join(dir, 'constraints.txt'),
          '--only-binary=:all:',
          '--ignore-installed',
          '-r',
          join(dir, 'requirements.txt'),
        ]);
        if (answer.rc === 0) {
          return {
            installable: true,
            detail: answer.stdout.slice(0, 2000),
            installs: installsOf(answer.stdout),
          };
        }
        if (
          /ResolutionImpossible|No matching distribution|Cannot install|conflicting dependencies/.test(
            answer.stderr,
          )
        ) {
          return { installable: false, detail: answer.stderr.slice(-2000) };
        }
        throw new Error(`pip failed unexpectedly: ${answer.stderr}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    close: () => child.stdin.end(),
  };
}

function installsOf(report: string): string[] {
  const parsed = JSON.parse(report) as { install: { metadata: { name: string; version: string } }[] };
  return parsed.install
    .map(({ metadata }) => `${metadata.name.toLowerCase().replace(/[-_.]+/g, '-')}==${metadata.version}`)
    .sort();
}
