/**
 * What the transport does with a 429 while the rate is governed: retry it within the throttle
 * budget (`rateLimit.maxRetries`, apart from the fault budget of `retry`), after the governor's
 * next slot. Pure, like the retry policy: the governor and the time come from the caller.
 */
import type { Governor, ThrottleOutcome } from './governor.js';
import type { ResolvedRateLimit } from './rate-limit-options.js';

/** Input of `throttleStep`. */
export interface ThrottleInput {
  governor: Governor;
  rateLimit: ResolvedRateLimit;
  /** What the governor made of this 429 (`governor.throttled`). */
  outcome: ThrottleOutcome;
  /** The wait the 429's `Retry-After` asks for, in ms (undefined: none, or unreadable). */
  retryAfter: number | undefined;
  /** A longer `Retry-After` is not waited for (`retry.maxRetryAfterMs`). */
  maxRetryAfterMs: number;
  /** Governed 429s of this request so far, this one included. */
  throttledRetries: number;
  /** A backoff delay, for a 429 without `Retry-After` when the rate does not adapt. */
  backoff: () => number;
  now: number;
}

/** The verdict: `retryInMs` undefined means the 429 is returned to the caller. */
export interface ThrottleStep {
  slowedDown: boolean;
  requestsPerSecond: number | undefined;
  retryInMs: number | undefined;
}

/**
 * Decides whether a governed 429 is retried and books its slot. A `Retry-After` sets the
 * next slot of every request of the client; without one, the adaptive governor's new pace is
 * the wait, and a non-adaptive one backs off.
 *
 * @example
 * const step = throttleStep({ governor, rateLimit, outcome: governor.throttled(sentAt, now),
 *   retryAfter: 2000, maxRetryAfterMs: 60_000, throttledRetries: 1, backoff, now });
 * step.retryInMs; // 2000
 */
export function throttleStep(input: ThrottleInput): ThrottleStep {
  const { governor, rateLimit, outcome, retryAfter, now } = input;
  const verdict = (retryInMs: number | undefined): ThrottleStep => ({
    slowedDown: outcome.cut,
    requestsPerSecond: outcome.requestsPerSecond,
    retryInMs,
  });
  if (input.throttledRetries > rateLimit.maxRetries) return verdict(undefined);
  if (retryAfter !== undefined && retryAfter > input.maxRetryAfterMs) return verdict(undefined);
  const hold = retryAfter ?? (rateLimit.adaptive ? undefined : input.backoff());
  if (hold !== undefined) governor.holdUntil(now + hold);
  return verdict(governor.reserve(now));
}
