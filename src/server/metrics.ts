/**
 * Just enough of Prometheus' text exposition format (version 0.0.4) for pingate's handful of metrics:
 * counters and gauges with labels, and a histogram. prom-client would replace this file one for one; it is not
 * a dependency yet, and these ~150 lines are all the server needs.
 */

export type Labels = Readonly<Record<string, string>>;

interface Metric {
  readonly name: string;
  render(): string;
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export class Registry {
  readonly #metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.#add(new Counter(name, help));
  }

  gauge(name: string, help: string, collect?: () => number): Gauge {
    return this.#add(new Gauge(name, help, collect));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, buckets));
  }

  render(): string {
    return [...this.#metrics.values()].map((metric) => metric.render()).join('');
  }

  #add<T extends Metric>(metric: T): T {
    if (!NAME.test(metric.name)) throw new Error(`invalid metric name ${metric.name}`);
    if (this.#metrics.has(metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }
}

/** Values by label set; the key is the rendered `{a="1",b="2"}` so equal label sets share one series. */
class Series {
  readonly values = new Map<string, number>();

  add(labels: Labels, amount: number): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
  }

  set(labels: Labels, value: number): void {
    this.values.set(labelText(labels), value);
  }

  get(labels: Labels): number {
    return this.values.get(labelText(labels)) ?? 0;
  }
}

export class Counter implements Metric {
  readonly #series = new Series();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, amount = 1): void {
    if (amount < 0 || !Number.isFinite(amount)) throw new Error(`counter ${this.name} cannot add ${amount}`);
    this.#series.add(labels, amount);
  }

  get(labels: Labels = {}): number {
    return this.#series.get(labels);
  }

  render(): string {
    const values = this.#series.values.size === 0 ? new Map([['', 0]]) : this.#series.values;
    return header(this, 'counter') + lines(this.name, values);
  }
}

export class Gauge implements Metric {
  readonly #series = new Series();

  constructor(
    readonly name: string,
    readonly help: string,
    /** Read at render time, for values owned elsewhere (queue depth). */
    readonly collect?: () => number,
  ) {}

  set(value: number, labels: Labels = {}): void {
    this.#series.set(labels, value);
  }

  get(labels: Labels = {}): number {
    return this.collect ? this.collect() : this.#series.get(labels);
  }

  render(): string {
    const values = this.collect
      ? new Map([['', this.collect()]])
      : this.#series.values.size === 0
        ? new Map([['', 0]])
        : this.#series.values;
    return header(this, 'gauge') + lines(this.name, values);
  }
}

export class Histogram implements Metric {
  readonly #bounds: number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    buckets: readonly number[],
  ) {
    this.#bounds = [...buckets].sort((a, b) => a - b);
    this.#counts = this.#bounds.map(() => 0);
  }

  observe(value: number): void {
    this.#bounds.forEach((bound, index) => {
      if (value <= bound) this.#counts[index]! += 1;
    });
    this.#sum += value;
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  render(): string {
    const buckets = this.#bounds.map(
      (bound, index) => `${this.name}_bucket{le="${formatNumber(bound)}"} ${this.#counts[index]}\n`,
    );
    return (
      header(this, 'histogram') +
      buckets.join('') +
      `${this.name}_bucket{le="+Inf"} ${this.#count}\n` +
      `${this.name}_sum ${formatNumber(this.#sum)}\n` +
      `${this.name}_count ${this.#count}\n`
    );
  }
}

function header(metric: { name: string; help: string }, type: string): string {
  const help = metric.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return `# HELP ${metric.name} ${help}\n# TYPE ${metric.name} ${type}\n`;
}

function lines(name: string, values: ReadonlyMap<string, number>): string {
  return [...values].map(([labels, value]) => `${name}${labels} ${formatNumber(value)}\n`).join('');
}

/** `{a="x",b="y"}` in key order, or '' without labels. */
export function labelText(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '';
  const parts = entries.map(([key, value]) => {
    if (!LABEL_NAME.test(key)) throw new Error(`invalid label name ${key}`);
    return `${key}="${escapeLabelValue(value)}"`;
  });
  return `{${parts.join(',')}}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
