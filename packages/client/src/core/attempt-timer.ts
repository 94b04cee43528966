/** The per-attempt timer of the transport. */
import { type Clock, systemClock } from './clock.js';

/** Why a finished attempt's timer was stopped (never seen by callers). */
const ATTEMPT_DONE = 'attempt done';

/**
 * Starts the per-attempt timer and returns its cancel function. With the real clock this is
 * a plain setTimeout: an AbortController per attempt (only needed to cancel an injected
 * clock's sleep) is one of the costliest objects of a call on Node 20.
 *
 * @example
 * const stop = startAttemptTimer(clock, 30_000, () => controller.abort());
 * try { return await send(); } finally { stop(); }
 */
export function startAttemptTimer(clock: Clock, ms: number, onTimeout: () => void): () => void {
  if (clock === systemClock) {
    const handle = setTimeout(onTimeout, ms);
    return () => clearTimeout(handle);
  }
  const stop = new AbortController();
  clock.sleep(ms, stop.signal).then(
    () => {
      if (!stop.signal.aborted) onTimeout();
    },
    () => {},
  );
  // An explicit reason: abort() without one builds a DOMException (with a stack).
  return () => stop.abort(ATTEMPT_DONE);
}
