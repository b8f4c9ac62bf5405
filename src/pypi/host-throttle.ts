/**
 * How hard one host is asked: at most `ceiling` requests in flight, and after a 429 (or a 503 with Retry-After)
 * none at all until the time the server named (else the request's back-off), then half as many in flight,
 * growing back by one for each answer until the ceiling again. The whole host slows down, not just the request
 * that was told to: the others would only be told the same.
 */

export interface HostThrottle {
  /** Runs `task` when the host may be asked, within its in-flight limit. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** The server asked us to slow down: no request starts for `pauseMs`, and fewer go at once after. */
  slowDown(pauseMs: number): void;
  /** An answer that was not "slow down". */
  answered(): void;
  /** Sets the in-flight limit (the protocol decides it once the first connection says which). */
  setCeiling(ceiling: number): void;
  inFlightLimit(): number;
}

export function createHostThrottle(ceiling: number, now: () => number = Date.now): HostThrottle {
  let limitTo = ceiling;
  let inFlight = ceiling;
  let active = 0;
  let pausedUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  const queue: (() => void)[] = [];

  function admit(): void {
    const wait = pausedUntil - now();
    if (wait > 0) {
      if (!timer && queue.length > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          admit();
        }, wait);
      }
      return;
    }
    while (active < inFlight && queue.length > 0) {
      active++;
      queue.shift()!();
    }
  }

  async function run<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      queue.push(resolve);
      admit();
    });
    try {
      return await task();
    } finally {
      active--;
      admit();
    }
  }

  return {
    run,
    slowDown(pauseMs) {
      pausedUntil = Math.max(pausedUntil, now() + pauseMs);
      inFlight = Math.max(1, Math.floor(inFlight / 2));
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      admit();
    },
    answered() {
      if (inFlight < limitTo) {
        inFlight++;
        admit();
      }
    },
    setCeiling(next) {
      limitTo = Math.max(1, next);
      inFlight = limitTo;
      admit();
    },
    inFlightLimit: () => inFlight,
  };
}
