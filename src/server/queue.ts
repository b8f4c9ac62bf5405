import type { Logger } from 'pino';
import type { PassReport, PassRunner, PassTrigger } from '../pass/types.js';

/**
 * Passes per project, one at a time (SPEC §8). An event that arrives while its project's pass runs, or waits for
 * a free slot, joins the one pass still to come instead of adding another: a pass reads the whole project, so a
 * single follow-up sees every event that came before it started. Ten ticks in a second make at most two passes.
 * Projects run in parallel up to `concurrency`.
 */
export interface PassQueueOptions {
  runPass: PassRunner;
  /** Passes of different projects at once (default 4). */
  concurrency?: number;
  logger?: Logger;
  onReport?: (report: PassReport) => void;
  /** A runner that threw, against its contract; the queue logs it and goes on. */
  onCrash?: (project: string, error: unknown) => void;
}

/** What became of an event: a pass starts now, waits, joined a waiting pass, or the queue is shut. */
export type Enqueued = 'started' | 'queued' | 'coalesced' | 'closed';

export interface PassQueue {
  enqueue(project: string, trigger: PassTrigger): Enqueued;
  /** Projects with a pass waiting to start. */
  depth(): number;
  running(): number;
  /** Resolves once nothing runs and nothing waits. */
  idle(): Promise<void>;
  /** Refuses new work, drops waiting passes (the next event or scheduled run redoes them), awaits running ones. */
  close(): Promise<void>;
}

export const DEFAULT_PROJECT_CONCURRENCY = 4;

/** Events folded into one waiting pass. */
interface Waiting {
  reason: PassTrigger['reason'];
  editors: Set<number>;
  requestId?: string;
}

export function createPassQueue(options: PassQueueOptions): PassQueue {
  const concurrency = options.concurrency ?? DEFAULT_PROJECT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const log = options.logger;
  const active = new Set<string>();
  // Insertion order is the order projects started waiting.
  const waiting = new Map<string, Waiting>();
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  function pump(): void {
    for (const [project, next] of waiting) {
      if (active.size >= concurrency) return;
      if (active.has(project)) continue;
      waiting.delete(project);
      void run(project, toTrigger(next));
    }
  }

  async function run(project: string, trigger: PassTrigger): Promise<void> {
    active.add(project);
    log?.info({ project, reason: trigger.reason, requestId: trigger.requestId }, 'pass started');
    try {
      const report = await options.runPass(project, trigger);
      logReport(log, report, trigger);
      options.onReport?.(report);
    } catch (error) {
      log?.error({ project, requestId: trigger.requestId, err: error }, 'pass threw; the server goes on');
      options.onCrash?.(project, error);
    } finally {
      active.delete(project);
      if (!closed) pump();
      settle();
    }
  }

  function idle(): Promise<void> {
    if (active.size === 0 && waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function settle(): void {
    if (active.size > 0 || waiting.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    enqueue(project, trigger) {
      if (closed) return 'closed';
      const pending = waiting.get(project);
      if (pending) {
        mergeInto(pending, trigger);
        log?.debug(
          { project, requestId: trigger.requestId, into: pending.requestId },
          'event joined a waiting pass',
        );
        return 'coalesced';
      }
      waiting.set(project, startWaiting(trigger));
      pump();
      return waiting.has(project) ? 'queued' : 'started';
    },
    depth: () => waiting.size,
    running: () => active.size,
    idle,
    close() {
      closed = true;
      if (waiting.size > 0)
        log?.info({ dropped: [...waiting.keys()] }, 'shutting down: waiting passes dropped');
      waiting.clear();
      const done = idle();
      settle();
      return done;
    },
  };
}

function startWaiting(trigger: PassTrigger): Waiting {
  return {
    reason: trigger.reason,
    editors: new Set(trigger.editorId === undefined ? [] : [trigger.editorId]),
    ...(trigger.requestId !== undefined ? { requestId: trigger.requestId } : {}),
  };
}

/**
 * The waiting pass keeps the first event's request id (its logs name the delivery that queued it) and the most
 * telling reason: `issue` wins, since only a dashboard edit carries ticks to act on.
 */
function mergeInto(pending: Waiting, trigger: PassTrigger): void {
  if (pending.reason !== 'issue') pending.reason = trigger.reason;
  if (trigger.editorId !== undefined) pending.editors.add(trigger.editorId);
  if (pending.requestId === undefined && trigger.requestId !== undefined)
    pending.requestId = trigger.requestId;
}

/**
 * `editorId` vouches for who ticked the boxes. When the folded events name different people it is left out, so
 * the pass attributes each tick from the system notes, as a scheduled pass does: passing the latest
 * editor would let one person's access level approve another's tick.
 */
function toTrigger(waiting: Waiting): PassTrigger {
  const [editorId] = waiting.editors;
  return {
    reason: waiting.reason,
    ...(waiting.editors.size === 1 && editorId !== undefined ? { editorId } : {}),
    ...(waiting.requestId !== undefined ? { requestId: waiting.requestId } : {}),
  };
}

function logReport(log: Logger | undefined, report: PassReport, trigger: PassTrigger): void {
  const fields = {
    project: report.project,
    requestId: trigger.requestId,
    outcome: report.outcome,
    durationMs: report.durationMs,
    actions: report.actions.length,
    created: report.created,
    merged: report.merged,
    errors: report.errors,
  };
  if (report.outcome === 'failed') log?.error(fields, 'pass failed');
  else log?.info(fields, 'pass finished');
}
