import { Cron } from 'croner';
import type { Logger } from 'pino';
import { BadInputError } from '../errors.js';
import type { PassQueue } from './queue.js';

/**
 * The built-in schedule of `pingate serve` (SPEC §8): at each tick of `--cron` a pass per configured project,
 * through the same queue as webhook events, so a scheduled pass never overlaps an event-driven one of the same
 * project (it joins it, if one is waiting). The expression is read in UTC, five fields.
 */
export const DEFAULT_CRON = '0 * * * *';

export interface ScheduleOptions {
  cron: string;
  projects: readonly string[];
  queue: Pick<PassQueue, 'enqueue'>;
  /**
   * Narrows each tick's projects (e.g. to this replica's shard, which needs their ids from GitLab); a failure
   * skips that tick, logged, and the next tick tries again.
   */
  select?: (projects: readonly string[]) => Promise<readonly string[]>;
  logger?: Logger;
}

export interface RunningSchedule {
  nextRun(): Date | null;
  /** Runs the tick now, as if the time had come (tests, and a first pass at start-up). */
  tick(now?: Date): void;
  stop(): void;
}

/** Throws BadInputError (exit 2) naming the flag when `--cron` is not a 5-field cron expression. */
export function compileCron(expression: string, onTick?: () => void): Cron {
  try {
    return new Cron(
      expression,
      {
        timezone: 'UTC',
        mode: '5-part',
        paused: onTick === undefined,
        protect: true,
        // The HTTP server keeps the process alive; the timer alone must not keep it from exiting.
        unref: true,
      },
      onTick,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new BadInputError(
      `--cron must be a 5-field cron expression such as "${DEFAULT_CRON}" (hourly), found "${expression}": ${reason}`,
      undefined,
      { cause: error },
    );
  }
}

export function startSchedule(options: ScheduleOptions): RunningSchedule {
  const enqueueAll = (projects: readonly string[], requestId: string): void => {
    for (const project of projects) {
      const outcome = options.queue.enqueue(project, { reason: 'schedule', requestId });
      options.logger?.info({ project, requestId, outcome }, 'scheduled pass');
    }
  };
  const tick = (now = new Date()): void => {
    const requestId = `schedule-${now.toISOString()}`;
    if (!options.select) {
      enqueueAll(options.projects, requestId);
      return;
    }
    options.select(options.projects).then(
      (projects) => enqueueAll(projects, requestId),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        options.logger?.error(
          { requestId, reason },
          'scheduled passes skipped: the projects could not be read',
        );
      },
    );
  };
  const job = compileCron(options.cron, () => tick());
  options.logger?.info({ cron: options.cron, next: job.nextRun()?.toISOString() }, 'schedule started');
  return {
    nextRun: () => job.nextRun(),
    tick,
    stop: () => job.stop(),
  };
}
