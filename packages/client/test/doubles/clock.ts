/** The one test clock: time stands still and sleeps end at once unless held. */
import type { Clock } from '../../src/core/clock.js';

/** 2026-10-21 07:28:00 UTC, the moment every test clock reads. */
export const NOW = Date.UTC(2026, 9, 21, 7, 28, 0);

export interface TestClock extends Clock {
  /** Every sleep requested, in ms, in order (backoff sleeps and per-attempt timers). */
  sleeps: number[];
  /** The signal passed with each sleep. */
  signals: (AbortSignal | undefined)[];
}

/**
 * A clock whose sleeps resolve at once, except held ones (by ms value, or by a predicate on
 * ms and the 1-based call number), which stay pending until their signal aborts. `now()` is
 * fixed (default {@link NOW}).
 *
 * @example
 * const clock = testClock({ hold: [5000] }); // per-attempt timers of 5 s never fire
 */
export function testClock(
  options: { now?: number; hold?: number[] | ((ms: number, call: number) => boolean) } = {},
): TestClock {
  const sleeps: number[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  return {
    sleeps,
    signals,
    now: () => options.now ?? NOW,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      signals.push(signal);
      if (signal?.aborted) return Promise.reject(signal.reason);
      const { hold } = options;
      const held = typeof hold === 'function' ? hold(ms, sleeps.length) : hold?.includes(ms);
      if (!held) return Promise.resolve();
      return new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
}
