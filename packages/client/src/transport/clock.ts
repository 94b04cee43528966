/**
 * The time of the retries and the rate governor (the `clock` option): when `Retry-After` dates
 * fall, the waits between attempts, and the governor's pace. The per-attempt timeout is not on it: it runs on the platform's timers, so
 * a test clock whose sleeps end at once never makes a call time out.
 */

/** A source of time: `now()` in ms since the epoch, and an abortable `sleep` for backoff. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// setTimeout fires at once for delays above 2^31-1 ms; cap instead of misbehaving.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The real clock: `Date.now` and `setTimeout`, looked up at each call (so fake timers such as
 * `vi.useFakeTimers()` drive it). An aborted sleep clears its timer, so a pending sleep never
 * keeps the process alive after its signal aborted.
 *
 * @example
 * await systemClock.sleep(100, controller.signal);
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.min(Math.max(0, ms), MAX_TIMER_MS),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
