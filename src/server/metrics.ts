/**
 * pingate's metrics on prom-client, each server with its own registry: prom-client's global default registry
 * would make two servers in one process (the tests, or an embedding program) share or refuse each other's series.
 */
import {
  type Counter,
  collectDefaultMetrics,
  type Gauge,
  type Histogram,
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry as PromRegistry,
} from 'prom-client';

export type { Counter, Gauge, Histogram };

/** Prometheus text exposition, version 0.0.4. */
export const CONTENT_TYPE: string = PromRegistry.PROMETHEUS_CONTENT_TYPE;

/**
 * prom-client's process and Node.js metrics (CPU, memory, file descriptors, event-loop lag, GC), made once per
 * process and shown by every registry that asks: they start observers that prom-client never stops, so one set
 * per server would pile up in a process that starts many (the tests).
 */
let processRegistry: PromRegistry | undefined;

function sharedProcessRegistry(): PromRegistry {
  if (!processRegistry) {
    processRegistry = new PromRegistry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Registry {
  readonly #registry = new PromRegistry();
  #withProcessMetrics = false;

  /** Label names are fixed here: prom-client refuses a label it was not told about. */
  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new PromCounter({ name, help, labelNames, registers: [this.#registry] });
  }

  /** With `collect`, the value is read at scrape time, for numbers owned elsewhere (queue depth). */
  gauge(name: string, help: string, collect?: () => number): Gauge {
    return new PromGauge({
      name,
      help,
      registers: [this.#registry],
      ...(collect
        ? {
            collect(this: Gauge) {
              this.set(collect());
            },
          }
        : {}),
    });
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    // prom-client takes the bounds in the order given and counts wrongly when they are not ascending.
    const sorted = [...buckets].sort((a, b) => a - b);
    return new PromHistogram({ name, help, buckets: sorted, registers: [this.#registry] });
  }

  /** Shows the process metrics after this registry's own. */
  collectProcessMetrics(): void {
    sharedProcessRegistry();
    this.#withProcessMetrics = true;
  }

  /** The exposition text; asynchronous because prom-client collects gauges while writing it. */
  render(): Promise<string> {
    if (!this.#withProcessMetrics) return this.#registry.metrics();
    return PromRegistry.merge([this.#registry, sharedProcessRegistry()]).metrics();
  }

  get contentType(): string {
    return this.#registry.contentType;
  }
}
