/**
 * A pass killed outright (SIGKILL, no clean-up) at several writes: the write in flight still reaches GitLab, the
 * CLI never learns of it. Clean passes afterwards must end where passes that were never killed end.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  duplicateNotes,
  endState,
  type FaultWorld,
  mergedWithoutPassedGate,
  NOW,
  startFaultWorld,
} from './faults/fault-world.js';

const bin = join(import.meta.dirname, '../../bin/pingate.js');

let reference: ReturnType<typeof endState>;

beforeAll(async () => {
  const clean = await startFaultWorld();
  try {
    await clean.settle();
    reference = endState(clean.world);
  } finally {
    await clean.close();
  }
}, 60_000);

/** Runs `pingate run` and SIGKILLs it when GitLab receives its `nth` write; answers whether it was killed. */
async function runKilledAt(w: FaultWorld, nth: number): Promise<boolean> {
  const { world } = w;
  const child = spawn(process.execPath, [bin, 'run', '--now', NOW], {
    env: { ...world.env, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let writes = 0;
  const remove = world.gitlab.beforeRequest(async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    writes += 1;
    if (writes !== nth) return;
    child.kill('SIGKILL');
    await exited;
  });
  try {
    return (await exited) === 'SIGKILL';
  } finally {
    remove();
  }
}

describe('a pass killed by SIGKILL, then clean passes, ends as if it was never killed', () => {
  it.for([
    { pass: 'creating', nth: 1, what: 'its first commit' },
    { pass: 'creating', nth: 2, what: 'its first MR' },
    { pass: 'creating', nth: 5, what: 'the dashboard' },
    { pass: 'merging', nth: 2, what: 'the merge' },
  ])('$pass pass, killed at write $nth ($what)', { timeout: 60_000 }, async ({ pass, nth }) => {
    const w = await startFaultWorld();
    try {
      if (pass === 'merging') await w.pass();
      expect(await runKilledAt(w, nth)).toBe(true);
      await w.settle();
      expect(endState(w.world)).toEqual(reference);
      expect(mergedWithoutPassedGate(w.world)).toEqual([]);
      expect(duplicateNotes(w.world)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
