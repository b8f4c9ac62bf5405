import { describe, expect, it } from 'vitest';
import { flush, hook } from './helpers.js';
import { useServers } from './server-harness.js';

const start = useServers();

function tickOn(project: { id: number; path: string }) {
  const payload = hook('issue-dashboard-ticked');
  payload.project.id = project.id;
  payload.project.path_with_namespace = project.path;
  return payload;
}

const PROJECTS = [
  { id: 42, path: 'acme/inventory' },
  { id: 43, path: 'acme/billing' },
];

describe('a burst of deliveries', () => {
  it('answers all 200, coalesces them into at most two passes per project, and keeps memory flat', async () => {
    const { post, runner, server } = await start();
    const burst = async (count: number) =>
      Promise.all(Array.from({ length: count }, (_, i) => post({ body: tickOn(PROJECTS[i % 2]!) })));

    // Warm up: connections, JIT, first allocations.
    await burst(20);
    await server.queue.idle();
    runner.calls.length = 0;
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    runner.hold();
    const answers = await burst(200);
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(202));
    await flush();
    // While the first passes hang, every other delivery joined the one waiting follow-up.
    for (const { path } of PROJECTS) expect(runner.callsFor(path)).toHaveLength(1);
    expect(server.queue.depth()).toBe(2);
    runner.release();
    await server.queue.idle();
    for (const { path } of PROJECTS) expect(runner.callsFor(path)).toHaveLength(2);
    expect(runner.maxPerProject).toBe(1);

    globalThis.gc?.();
    const grownMiB = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
    expect(grownMiB).toBeLessThan(32);
  });
});
