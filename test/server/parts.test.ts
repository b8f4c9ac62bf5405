import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { Registry } from '../../src/server/metrics.js';
import { createServerMetrics } from '../../src/server/pingate-metrics.js';
import { createPassQueue } from '../../src/server/queue.js';
import { createRecentIds } from '../../src/server/recent-ids.js';
import { compileCron, DEFAULT_CRON, startSchedule } from '../../src/server/schedule.js';
import { tokenMatches } from '../../src/server/verify.js';
import { fakeRunner, report } from './helpers.js';

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

describe('Prometheus text format', () => {
  it('writes HELP, TYPE and one line per label set, with escaped values', () => {
    const registry = new Registry();
    const counter = registry.counter('demo_requests_total', 'Requests, by "kind".\nSecond line');
    counter.inc({ kind: 'a"b\\c\nd' });
    counter.inc({ kind: 'plain' }, 2);
    registry.gauge('demo_depth', 'Depth.', () => 3);
    const histogram = registry.histogram('demo_seconds', 'Time.', [1, 0.5]);
    histogram.observe(0.25);
    histogram.observe(0.75);
    histogram.observe(7);
    expect(registry.render()).toBe(
      [
        '# HELP demo_requests_total Requests, by "kind".\\nSecond line',
        '# TYPE demo_requests_total counter',
        'demo_requests_total{kind="a\\"b\\\\c\\nd"} 1',
        'demo_requests_total{kind="plain"} 2',
        '# HELP demo_depth Depth.',
        '# TYPE demo_depth gauge',
        'demo_depth 3',
        '# HELP demo_seconds Time.',
        '# TYPE demo_seconds histogram',
        'demo_seconds_bucket{le="0.5"} 1',
        'demo_seconds_bucket{le="1"} 2',
        'demo_seconds_bucket{le="+Inf"} 3',
        'demo_seconds_sum 8',
        'demo_seconds_count 3',
        '',
      ].join('\n'),
    );
  });

  it('shows a counter that never moved as 0, and refuses bad names and negative increments', () => {
    const registry = new Registry();
    const counter = registry.counter('idle_total', 'Nothing yet.');
    expect(registry.render()).toContain('\nidle_total 0\n');
    expect(() => counter.inc({}, -1)).toThrow(/cannot add -1/);
    expect(() => registry.counter('idle_total', 'again')).toThrow(/registered twice/);
    expect(() => registry.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => counter.inc({ 'bad-label': 'x' })).toThrow(/invalid label name/);
  });

  it("adds up a pass report's outcome, look-ups, MRs and errors", () => {
    const metrics = createServerMetrics();
    metrics.recordPass(report('a', 'failed'));
    metrics.recordCrashedPass();
    const text = metrics.registry.render();
    expect(text).toContain('pingate_passes_total{outcome="failed"} 2\n');
    expect(text).toContain('pingate_pass_errors_total 2\n');
    expect(text).toContain('pingate_merge_requests_created_total 1\n');
    expect(text).toContain('pingate_pass_duration_seconds_count 1\n');
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
});
