import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createPassQueue } from '../../src/server/queue.js';
import { fakeRunner, flush } from './helpers.js';

describe('pass queue', () => {
  it('runs one pass per project at a time and folds everything that arrives meanwhile into one follow-up', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run });
    runner.hold();
    const outcomes = Array.from({ length: 10 }, (_, i) =>
      queue.enqueue('acme/inventory', { reason: 'issue', editorId: 31, requestId: `r${i}` }),
    );
    expect(outcomes).toEqual(['started', 'queued', ...Array(8).fill('coalesced')]);
    expect(queue.running()).toBe(1);
    expect(queue.depth()).toBe(1);
    runner.release();
    await queue.idle();
    expect(runner.calls.map((call) => call.trigger)).toEqual([
      { reason: 'issue', editorId: 31, requestId: 'r0' },
      { reason: 'issue', editorId: 31, requestId: 'r1' },
    ]);
    expect(runner.maxPerProject).toBe(1);
    expect(queue.depth()).toBe(0);
  });

  it('runs different projects in parallel up to the limit and starts waiting ones as slots free up', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run, concurrency: 2 });
    runner.hold();
    expect(queue.enqueue('a', { reason: 'push' })).toBe('started');
    expect(queue.enqueue('b', { reason: 'push' })).toBe('started');
    expect(queue.enqueue('c', { reason: 'push' })).toBe('queued');
    expect([queue.running(), queue.depth()]).toEqual([2, 1]);
    runner.release();
    await queue.idle();
    expect(runner.calls.map((call) => call.project)).toEqual(['a', 'b', 'c']);
    expect(runner.maxRunning).toBe(2);
  });

  it('keeps the editor when every folded event names the same one, and drops it when they differ', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run });
    runner.hold();
    queue.enqueue('a', { reason: 'pipeline' });
    queue.enqueue('a', { reason: 'issue', editorId: 31, requestId: 'first' });
    queue.enqueue('a', { reason: 'pipeline', requestId: 'second' });
    queue.enqueue('a', { reason: 'issue', editorId: 31 });
    queue.enqueue('b', { reason: 'issue', editorId: 31 });
    queue.enqueue('b', { reason: 'issue', editorId: 32 });
    queue.enqueue('b', { reason: 'issue', editorId: 31 });
    runner.release();
    await queue.idle();
    // 'a' first ran for the pipeline; its follow-up carries the reason, editor and first request id.
    expect(runner.callsFor('a')[1]?.trigger).toEqual({ reason: 'issue', editorId: 31, requestId: 'first' });
    expect(runner.callsFor('b')[1]?.trigger).toEqual({ reason: 'issue' });
  });

  it('logs a failed or throwing pass and keeps running the others', async () => {
    const runner = fakeRunner({ fail: (project) => project === 'broken' });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const onCrash = vi.fn();
    const queue = createPassQueue({ runPass: runner.run, logger, onCrash });
    queue.enqueue('broken', { reason: 'push' });
    queue.enqueue('broken', { reason: 'push' });
    queue.enqueue('fine', { reason: 'push' });
    await queue.idle();
    expect(onCrash).toHaveBeenCalledTimes(2);
    expect(runner.calls.map((call) => call.project)).toEqual(['broken', 'fine', 'broken']);
    const crashes = lines.map((line) => JSON.parse(line)).filter((line) => line.msg.startsWith('pass threw'));
    expect(crashes).toHaveLength(2);
    expect(crashes[0].err.message).toBe('runner exploded on broken');

    const failing = fakeRunner({ outcome: 'failed' });
    const reports: string[] = [];
    const second = createPassQueue({
      runPass: failing.run,
      logger,
      onReport: (r) => reports.push(r.outcome),
    });
    second.enqueue('a', { reason: 'schedule' });
    await second.idle();
    expect(reports).toEqual(['failed']);
    expect(lines.some((line) => JSON.parse(line).msg === 'pass failed')).toBe(true);
  });

  it('on close refuses new work, drops waiting passes and waits for the running one', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run });
    runner.hold();
    queue.enqueue('a', { reason: 'push' });
    queue.enqueue('a', { reason: 'push' });
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    expect(queue.enqueue('b', { reason: 'push' })).toBe('closed');
    await flush();
    expect(closed).toBe(false);
    runner.release();
    await closing;
    expect(runner.calls.map((call) => call.project)).toEqual(['a']);
  });

  it('is idle at once when nothing was queued', async () => {
    const queue = createPassQueue({ runPass: fakeRunner().run });
    await expect(queue.idle()).resolves.toBeUndefined();
    expect(() => createPassQueue({ runPass: fakeRunner().run, concurrency: 0 })).toThrow(/positive integer/);
  });
});
