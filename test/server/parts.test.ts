import { register as promRegister } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { Registry } from '../../src/server/metrics.js';
import { createServerMetrics } from '../../src/server/pingate-metrics.js';
import { createPassQueue } from '../../src/server/queue.js';
import { createRecentIds } from '../../src/server/recent-ids.js';
import { compileCron, DEFAULT_CRON, startSchedule } from '../../src/server/schedule.js';
import { tokenMatches } from '../../src/server/verify.js';
import { fakeRunner, flush, report } from './helpers.js';
import { parseExposition, sampleValue } from './prometheus-text.js';

describe('token check', () => {
  it('accepts exactly the secret', () => {
    expect(tokenMatches('s3cret', 's3cret')).toBe(true);
    expect(tokenMatches('s3cret ', 's3cret')).toBe(false);
    expect(tokenMatches('s3cre', 's3cret')).toBe(false);
    expect(tokenMatches('', 's3cret')).toBe(false);
    expect(tokenMatches(undefined, 's3cret')).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
  });
});

describe('recent delivery ids', () => {
  it('remembers ids up to its capacity, forgetting the least recently seen first', () => {
    const ids = createRecentIds(2);
    expect([ids.seen('a'), ids.seen('b'), ids.seen('a')]).toEqual([false, false, true]);
    expect(ids.seen('c')).toBe(false);
    expect(ids.size).toBe(2);
    // 'b' was the least recently seen, so it went.
    expect([ids.seen('a'), ids.seen('b')]).toEqual([true, false]);
  });
});

describe('metrics', () => {
  it('writes HELP, TYPE and one sample per label set, label values escaped so they read back', async () => {
    const registry = new Registry();
    const counter = registry.counter('demo_requests_total', 'Requests, by "kind".\nSecond line', ['kind']);
    counter.inc({ kind: 'a"b\\c\nd' });
    counter.inc({ kind: 'plain' }, 2);
    registry.counter('idle_total', 'Nothing yet.');
    registry.gauge('demo_depth', 'Depth.', () => 3);
    const text = parseExposition(await registry.render());
    expect(text.types).toEqual(
      new Map([
        ['demo_requests_total', 'counter'],
        ['idle_total', 'counter'],
        ['demo_depth', 'gauge'],
      ]),
    );
    expect(text.help.get('demo_requests_total')).toBe('Requests, by "kind".\nSecond line');
    expect(text.samples).toEqual([
      { name: 'demo_requests_total', labels: { kind: 'a"b\\c\nd' }, value: 1 },
      { name: 'demo_requests_total', labels: { kind: 'plain' }, value: 2 },
      { name: 'idle_total', labels: {}, value: 0 },
      { name: 'demo_depth', labels: {}, value: 3 },
    ]);
  });

  it('counts a histogram cumulatively even when its buckets are given out of order', async () => {
    const registry = new Registry();
    const histogram = registry.histogram('demo_seconds', 'Time.', [1, 0.5]);
    for (const seconds of [0.25, 0.75, 7]) histogram.observe(seconds);
    const text = parseExposition(await registry.render());
    const buckets = text.samples.filter((sample) => sample.name === 'demo_seconds_bucket');
    expect(buckets.map((sample) => [sample.labels.le, sample.value])).toEqual([
      ['0.5', 1],
      ['1', 2],
      ['+Inf', 3],
    ]);
    expect([sampleValue(text, 'demo_seconds_sum'), sampleValue(text, 'demo_seconds_count')]).toEqual([8, 3]);
  });

  it('keeps each registry to itself, off the global one, and refuses a name twice in one', async () => {
    const first = createServerMetrics();
    const second = createServerMetrics();
    first.recordResponse(202);
    first.recordResponse(202);
    second.recordResponse(401);
    const one = parseExposition(await first.registry.render());
    const two = parseExposition(await second.registry.render());
    expect(sampleValue(one, 'pingate_webhook_responses_total', { status: '202' })).toBe(2);
    expect(sampleValue(one, 'pingate_webhook_responses_total', { status: '401' })).toBeUndefined();
    expect(sampleValue(two, 'pingate_webhook_responses_total', { status: '401' })).toBe(1);
    expect(sampleValue(two, 'pingate_webhook_responses_total', { status: '202' })).toBeUndefined();
    expect(promRegister.getSingleMetric('pingate_webhook_responses_total')).toBeUndefined();
    const registry = new Registry();
    const counter = registry.counter('idle_total', 'Nothing yet.');
    expect(() => registry.counter('idle_total', 'again')).toThrow(/already been registered/);
    expect(() => counter.inc(-1)).toThrow(/not possible to decrease/);
  });

  it("adds up a pass report's outcome, look-ups, MRs and errors, and shows both outcomes from the start", async () => {
    const metrics = createServerMetrics();
    const before = parseExposition(await metrics.registry.render());
    expect(sampleValue(before, 'pingate_passes_total', { outcome: 'ok' })).toBe(0);
    expect(sampleValue(before, 'pingate_passes_total', { outcome: 'failed' })).toBe(0);
    metrics.recordPass(report('a', 'failed'));
    metrics.recordCrashedPass();
    metrics.observeQueue({ depth: () => 4, running: () => 2 });
    const text = parseExposition(await metrics.registry.render());
    expect(sampleValue(text, 'pingate_passes_total', { outcome: 'failed' })).toBe(2);
    expect(sampleValue(text, 'pingate_passes_total', { outcome: 'ok' })).toBe(0);
    expect(sampleValue(text, 'pingate_pass_errors_total')).toBe(2);
    expect(sampleValue(text, 'pingate_lookups_total')).toBe(12);
    expect(sampleValue(text, 'pingate_merge_requests_created_total')).toBe(1);
    expect(sampleValue(text, 'pingate_merge_requests_merged_total')).toBe(0);
    expect(sampleValue(text, 'pingate_pass_duration_seconds_count')).toBe(1);
    expect(sampleValue(text, 'pingate_pass_duration_seconds_sum')).toBe(1.5);
    expect(sampleValue(text, 'pingate_pass_duration_seconds_bucket', { le: '1' })).toBe(0);
    expect(sampleValue(text, 'pingate_pass_duration_seconds_bucket', { le: '2.5' })).toBe(1);
    expect([sampleValue(text, 'pingate_queue_depth'), sampleValue(text, 'pingate_passes_running')]).toEqual([
      4, 2,
    ]);
    expect([...text.types.keys()].every((name) => name.startsWith('pingate_'))).toBe(true);
  });

  it('shows process metrics only when asked, from one set shared by every server', async () => {
    const plain = parseExposition(await createServerMetrics().registry.render());
    expect(plain.types.has('process_cpu_user_seconds_total')).toBe(false);
    const [first, second] = [
      createServerMetrics({ processMetrics: true }),
      createServerMetrics({ processMetrics: true }),
    ];
    first.recordResponse(202);
    for (const metrics of [first, second]) {
      const text = parseExposition(await metrics.registry.render());
      expect(text.types.get('process_cpu_user_seconds_total')).toBe('counter');
      expect(text.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
      expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
    const text = parseExposition(await first.registry.render());
    expect(sampleValue(text, 'pingate_webhook_responses_total', { status: '202' })).toBe(1);
  });
});

describe('built-in schedule', () => {
  it('reads a 5-field expression in UTC, and refuses anything else naming the flag', () => {
    const next = compileCron(DEFAULT_CRON).nextRun(new Date('2026-03-28T10:15:00Z'));
    expect(next?.toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(() => compileCron('every hour')).toThrow(BadInputError);
    expect(() => compileCron('0 0 * * * *')).toThrow(/--cron must be a 5-field cron expression/);
  });

  it('queues a pass per project through the same queue, joining an event-driven pass that waits', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run });
    runner.hold();
    queue.enqueue('acme/inventory', { reason: 'issue', editorId: 31 });
    queue.enqueue('acme/inventory', { reason: 'push' });
    const schedule = startSchedule({
      cron: DEFAULT_CRON,
      projects: ['acme/inventory', 'acme/billing'],
      queue,
    });
    try {
      expect(schedule.nextRun()?.getUTCMinutes()).toBe(0);
      schedule.tick(new Date('2026-03-28T11:00:00Z'));
      expect(queue.depth()).toBe(1);
      runner.release();
      await queue.idle();
    } finally {
      schedule.stop();
    }
    expect(runner.calls.map((call) => [call.project, call.trigger.reason])).toEqual([
      ['acme/inventory', 'issue'],
      ['acme/billing', 'schedule'],
      ['acme/inventory', 'schedule'],
    ]);
    expect(runner.callsFor('acme/billing')[0]?.trigger.requestId).toBe('schedule-2026-03-28T11:00:00.000Z');
    expect(runner.maxPerProject).toBe(1);
  });

  it('with a select (a shard), a tick queues only the projects it keeps; a select that fails skips the tick', async () => {
    const runner = fakeRunner();
    const queue = createPassQueue({ runPass: runner.run });
    let failing = false;
    const schedule = startSchedule({
      cron: DEFAULT_CRON,
      projects: ['acme/inventory', 'acme/billing', 'acme/web'],
      queue,
      select: async (projects) => {
        if (failing) throw new Error('GitLab answered 502');
        return projects.filter((project) => project !== 'acme/billing');
      },
    });
    try {
      schedule.tick(new Date('2026-03-28T11:00:00Z'));
      await flush();
      await queue.idle();
      failing = true;
      schedule.tick(new Date('2026-03-28T12:00:00Z'));
      await flush();
      await queue.idle();
    } finally {
      schedule.stop();
    }
    expect(runner.calls.map((call) => call.project).sort()).toEqual(['acme/inventory', 'acme/web']);
  });
});
