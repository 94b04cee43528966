/**
 * Virtual time for whole jobs: a clock whose sleeps end when the simulation reaches them, and a
 * fetch that takes a round trip of that time to answer. A job that takes seconds of its time
 * runs in milliseconds of real time, the same on a slow machine as on a fast one.
 */
import type { Clock } from '../../src/transport/clock.js';
import { settle } from './async.js';
import { NOW } from './clock.js';

// Turns of the event loop a job gets to move on before time does: enough for a fetch body
// and every promise chain of the client in between.
const SETTLE_ROUNDS = 10;

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
}

/** A clock of virtual time; see {@link virtualClock}. */
export interface VirtualClock extends Clock {
  /**
   * Runs `job` to its end: whenever every promise of the job waits for a sleep, time moves on
   * to the earliest one. Rejects if the job waits for something that is not a sleep.
   */
  run<T>(job: () => Promise<T>): Promise<T>;
}

/**
 * A clock of virtual time, starting at {@link NOW}. Sleeps due at the same moment end in the
 * order they were asked for.
 *
 * @example
 * const clock = virtualClock();
 * await clock.run(() => clock.sleep(500)); // at once, in real time
 * clock.now() - NOW; // 500
 */
export function virtualClock(start = NOW): VirtualClock {
  let now = start;
  let order = 0;
  const timers: Timer[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal?.reason);
        };
        const timer: Timer = {
          at: now + Math.max(0, ms),
          order: order++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async run(job) {
      let done = false;
      const outcome = job().finally(() => {
        done = true;
      });
      // Settled or not, the outcome is awaited below: no unhandled rejection meanwhile.
      outcome.catch(() => undefined);
      for (;;) {
        await settle(SETTLE_ROUNDS);
        if (done) return outcome;
        if (timers.length === 0) throw new Error('virtualClock: the job waits for no sleep');
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const at = timers[0]!.at;
        now = Math.max(now, at);
        while (timers.length > 0 && timers[0]!.at === at) timers.shift()!.resolve();
      }
    },
  };
}

/** How a simulated server answers; see {@link fetchOverNetwork}. */
export interface NetworkOptions {
  /** The time an answer takes besides the server's own, in ms (as `kantata-mock --latency`). */
  roundTripMs: number;
  /**
   * The server's own time for a request it processes, in ms (default 0). It serves one
   * request at a time, as one process of the fake does; a 429 costs it nothing.
   */
  serverMs?: ((method: string) => number) | undefined;
}

/**
 * A fetch to `fetch` (the fake) over a network of the clock's time, the way `kantata-mock`
 * answers: the fake judges a request (its rate limit, its faults) as it arrives; a 429 comes
 * back after the round trip, any other answer after the round trip and then the server's own
 * time, one request after another.
 *
 * @example
 * const network = fetchOverNetwork(fake.fetch, clock, { roundTripMs: 20 });
 */
export function fetchOverNetwork(
  fetch: typeof globalThis.fetch,
  clock: Clock,
  options: NetworkOptions,
): typeof globalThis.fetch {
  // The server is busy until then.
  let busyUntil = Number.NEGATIVE_INFINITY;
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    await clock.sleep(options.roundTripMs);
    if (response.status !== 429) {
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      const start = Math.max(clock.now(), busyUntil);
      busyUntil = start + (options.serverMs?.(method) ?? 0);
      await clock.sleep(busyUntil - clock.now());
    }
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
