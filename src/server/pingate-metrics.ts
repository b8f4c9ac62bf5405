import type { PassReport } from '../pass/types.js';
import { Registry } from './metrics.js';

/** Seconds; a pass is a few reads when nothing changed and rarely more than a minute with many pins. */
const PASS_DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** The metrics `GET /metrics` shows (SPEC §8): passes, look-ups, MRs, queue, webhook answers, errors. */
export interface ServerMetrics {
  registry: Registry;
  recordPass(report: PassReport): void;
  /** A pass that threw instead of returning a report (the runner's contract says it never does). */
  recordCrashedPass(): void;
  recordResponse(status: number): void;
  /** Wires the gauges to whoever owns the numbers. */
  observeQueue(source: { depth(): number; running(): number }): void;
}

export interface ServerMetricsOptions {
  /** prom-client's process and Node.js metrics too; for the one server of a process (`pingate serve`). */
  processMetrics?: boolean;
}

const OUTCOMES = Object.keys({ ok: true, failed: true } satisfies Record<PassReport['outcome'], true>);

export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  let queue: { depth(): number; running(): number } | undefined;
  const passes = registry.counter('pingate_passes_total', 'Bot passes finished, by outcome.', ['outcome']);
  const passErrors = registry.counter(
    'pingate_pass_errors_total',
    'Failures reported by passes (look-ups and writes that failed, and what stopped a pass).',
  );
  const lookups = registry.counter('pingate_lookups_total', 'Package look-ups made by passes.');
  const created = registry.counter('pingate_merge_requests_created_total', 'Merge requests the bot opened.');
  const merged = registry.counter('pingate_merge_requests_merged_total', 'Merge requests the bot merged.');
  const writes = registry.counter(
    'pingate_writes_total',
    'Writes passes decided, by kind and outcome (done, unchanged, refused, failed, unknown).',
    ['kind', 'outcome'],
  );
  const duration = registry.histogram(
    'pingate_pass_duration_seconds',
    'Wall time of a bot pass.',
    PASS_DURATION_BUCKETS,
  );
  registry.gauge('pingate_queue_depth', 'Projects waiting for a pass.', () => queue?.depth() ?? 0);
  registry.gauge('pingate_passes_running', 'Passes running now.', () => queue?.running() ?? 0);
  const responses = registry.counter(
    'pingate_webhook_responses_total',
    'Webhook deliveries answered, by status.',
    ['status'],
  );
  // Both outcomes from the start, so a rate over `failed` exists before the first failure.
  for (const outcome of OUTCOMES) passes.inc({ outcome }, 0);
  if (options.processMetrics) registry.collectProcessMetrics();

  return {
    registry,
    recordPass(report) {
      passes.inc({ outcome: report.outcome });
      passErrors.inc(report.errors.length);
      lookups.inc(report.lookups);
      created.inc(report.created.length);
      merged.inc(report.merged.length);
      for (const write of report.writes ?? []) writes.inc({ kind: write.kind, outcome: write.status });
      duration.observe(report.durationMs / 1000);
    },
    recordCrashedPass() {
      passes.inc({ outcome: 'failed' });
      passErrors.inc();
    },
    recordResponse(status) {
      responses.inc({ status: String(status) });
    },
    observeQueue(source) {
      queue = source;
    },
  };
}
