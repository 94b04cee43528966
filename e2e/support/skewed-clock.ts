/**
 * A client clock that reads the machine's time moved by `offsetMs` (an hour ahead, an hour
 * behind…) and sleeps on real timers: what a client on a machine with a wrong clock has.
 */
import type { Clock } from '@kantata-ox/client';

/** The hour a skewed client clock is off by in the chaos and property tests. */
export const HOUR_MS = 3_600_000;

/**
 * @example
 * createKantataClient({ token, clock: skewedClock(HOUR_MS) }); // an hour ahead of the server
 */
export function skewedClock(offsetMs: number): Clock {
  return {
    now: () => Date.now() + offsetMs,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
