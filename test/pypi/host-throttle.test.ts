import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostThrottle } from '../../src/pypi/host-throttle.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task that stays open until `finish` is called. */
function openTask() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { task: () => done, finish: () => finish() };
}

describe('a host throttle', () => {
  it('runs no more than its ceiling at once', async () => {
    const throttle = createHostThrottle(2);
    let started = 0;
    const tasks = Array.from({ length: 5 }, () => openTask());
    const runs = tasks.map((t) =>
      throttle.run(() => {
        started++;
        return t.task();
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(2);
    tasks[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(3);
    for (const t of tasks) t.finish();
    await Promise.all(runs);
    expect(started).toBe(5);
  });

  it('starts nothing while paused, then half as many, growing back by one per answer', async () => {
    const throttle = createHostThrottle(8);
    throttle.slowDown(1_000);
    expect(throttle.inFlightLimit()).toBe(4);
    let started = 0;
    const runs = Array.from({ length: 3 }, () =>
      throttle.run(async () => {
        started++;
      }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toBe(0);
    // A second 429 while paused pushes the pause further.
    throttle.slowDown(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(started).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(runs);
    expect(started).toBe(3);
    expect(throttle.inFlightLimit()).toBe(2);
    for (let i = 0; i < 10; i++) throttle.answered();
    expect(throttle.inFlightLimit()).toBe(8);
  });

  it('never goes below one in flight', () => {
    const throttle = createHostThrottle(1);
    throttle.slowDown(0);
    expect(throttle.inFlightLimit()).toBe(1);
  });
});
