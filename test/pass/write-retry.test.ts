import { describe, expect, it } from 'vitest';
import { type RetryPolicy, WriteOutcomeUnknownError, writeWithRetry } from '../../src/pass/write-retry.js';
import { errors } from '../fakes/memory-platform/index.js';

function policy(waits: number[], attempts = 3): RetryPolicy {
  return { attempts, backoffMs: 100, maxWaitMs: 5_000, sleep: async (ms) => void waits.push(ms) };
}

/** A write that throws the given errors in turn, then answers `done`; counts its calls. */
function scripted(...failures: Error[]) {
  const calls = { write: 0, recheck: 0 };
  return {
    calls,
    write: async () => {
      calls.write += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'done';
    },
  };
}

describe('the write-retry policy', () => {
  it('uses what the re-read finds instead of repeating a write that may have happened', async () => {
    const { write, calls } = scripted(errors.unavailable());
    const result = await writeWithRetry(write, async () => 'found', policy([]));
    expect(result).toBe('found');
    expect(calls.write).toBe(1);
  });

  it('repeats it, after a back-off, when the re-read finds nothing', async () => {
    const waits: number[] = [];
    const { write, calls } = scripted(errors.unavailable(), errors.unavailable());
    expect(await writeWithRetry(write, async () => undefined, policy(waits))).toBe('done');
    expect(calls.write).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('does not re-read what was refused before it was applied (429, no connection)', async () => {
    const waits: number[] = [];
    let rechecks = 0;
    const { write } = scripted(errors.rateLimited(1500), errors.refused());
    const recheck = async () => {
      rechecks += 1;
      return undefined;
    };
    expect(await writeWithRetry(write, recheck, policy(waits))).toBe('done');
    expect(rechecks).toBe(0);
    expect(waits).toEqual([1500, 200]);
  });

  it('never retries a 4xx or a conflict', async () => {
    const { write, calls } = scripted(errors.conflict());
    await expect(writeWithRetry(write, undefined, policy([]))).rejects.toThrow('409');
    expect(calls.write).toBe(1);
  });

  it('stops after the bounded tries, and says so when the last one may have happened', async () => {
    const { write, calls } = scripted(errors.unavailable(), errors.unavailable(), errors.unavailable());
    await expect(writeWithRetry(write, undefined, policy([]))).rejects.toBeInstanceOf(
      WriteOutcomeUnknownError,
    );
    expect(calls.write).toBe(3);
  });

  it('reports the outcome as unknown when the re-read fails', async () => {
    const { write } = scripted(errors.unavailable());
    const recheck = async () => {
      throw errors.refused();
    };
    await expect(writeWithRetry(write, recheck, policy([]))).rejects.toThrow(
      /re-reading failed.*may have been applied/,
    );
  });

  it('does not wait out a Retry-After longer than it allows: the next pass writes', async () => {
    const waits: number[] = [];
    const { write, calls } = scripted(errors.rateLimited(60_000));
    await expect(writeWithRetry(write, undefined, policy(waits))).rejects.toThrow('429');
    expect(calls.write).toBe(1);
    expect(waits).toEqual([]);
  });

  it('treats an error that does not say whether it was applied as maybe applied (fail closed)', async () => {
    const { write, calls } = scripted(errors.unavailable({ maybeApplied: undefined }));
    expect(await writeWithRetry(write, async () => 'found', policy([]))).toBe('found');
    expect(calls.write).toBe(1);
  });
});
