/** The one test clock: time stands still and backoff sleeps end at once. */
import type { Clock } from '../../src/transport/clock.js';

/** 2026-10-21 07:28:00 UTC, the moment every test clock reads. */
export const NOW = Date.UTC(2026, 9, 21, 7, 28, 0);

export interface TestClock extends Clock {
  /** Every backoff sleep requested, in ms, in order. */
  sleeps: number[];
}

/**
 * A clock whose sleeps resolve at once (or reject at once when their signal has already
 * aborted). `now()` is fixed (default {@link NOW}), unless `stepping`: then each sleep moves
 * it on by the time slept (for the rate governor, which reads the time between requests).
 * Per-attempt timeouts do not use it: drive those with `vi.useFakeTimers()`.
 *
 * @example
 * const clock = testClock();
 * await clock.sleep(250); // clock.sleeps → [250]
 */
export function testClock(options: { now?: number; stepping?: boolean } = {}): TestClock {
  const sleeps: number[] = [];
  let now = options.now ?? NOW;
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (options.stepping) now += ms;
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
}
