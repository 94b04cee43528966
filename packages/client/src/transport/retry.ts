/**
 * The retry policy, the one place that decides whether an attempt is sent again: pure
 * functions with every source of time and randomness injected (and, for a governed 429, the
 * client's governor).
 *
 * Rules (see `retryDecision`):
 * - 429 is retried for every method (the server did not process it), honouring `Retry-After`
 *   unless it asks for more than `maxRetryAfterMs`: then we give up at once. While the rate is
 *   governed (the default) a 429 has its own budget, `rateLimit.maxRetries`, and waits for the
 *   governor's next slot (see `governed429`); with `rateLimit: false` it spends the budget of
 *   faults, `maxRetries`, and backs off like one.
 * - 502/503/504, timeouts and network errors are retried only for idempotent methods
 *   (GET, HEAD, OPTIONS, PUT, DELETE): a POST may already have reached the server.
 * - A non-idempotent method is also retried when the connection was refused
 *   (`ECONNREFUSED` in the cause chain): the request never left the client.
 * - Any other status (every other 4xx, 500, 501...) is never retried; neither is an abort.
 */
import { KantataInputError } from '../errors/classes.js';
import type { Governor } from './governor.js';
import { parseHttpDate } from './http-date.js';
import type { ResolvedRateLimit } from './rate-limit-options.js';

/** How retries behave. All values are non-negative; delays are in milliseconds. */
export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** The first backoff ceiling; doubles on each retry. */
  baseDelayMs: number;
  /** The largest backoff delay. */
  maxDelayMs: number;
  /** A `Retry-After` above this is not waited for: the response is returned as is. */
  maxRetryAfterMs: number;
}

/** Retry options to change, over `DEFAULT_RETRY_OPTIONS`; an `undefined` one keeps its default. */
export type RetryOverrides = { [K in keyof RetryOptions]?: RetryOptions[K] | undefined };

/** 3 retries, 250 ms base, 8 s max backoff, 60 s max `Retry-After`. */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Merges partial options over the defaults and validates them. `false` disables retries.
 *
 * @example
 * resolveRetryOptions({ maxRetries: 5 }); // { maxRetries: 5, baseDelayMs: 250, ... }
 * resolveRetryOptions(false).maxRetries; // 0
 * resolveRetryOptions({ maxRetries: -1 }); // throws KantataInputError
 */
export function resolveRetryOptions(input?: RetryOverrides | false): RetryOptions {
  if (input === false) return { ...DEFAULT_RETRY_OPTIONS, maxRetries: 0 };
  if (input !== undefined && (typeof input !== 'object' || input === null)) {
    throw new KantataInputError('retry', 'must be an options object or false');
  }
  const options: RetryOptions = { ...DEFAULT_RETRY_OPTIONS };
  for (const key of Object.keys(DEFAULT_RETRY_OPTIONS) as (keyof RetryOptions)[]) {
    const value: unknown = input?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new KantataInputError(`retry.${key}`, 'must be a finite number >= 0');
    }
    if (key === 'maxRetries' && !Number.isInteger(value)) {
      throw new KantataInputError('retry.maxRetries', 'must be an integer');
    }
    options[key] = value;
  }
  return options;
}

// Larger than any sane Retry-After; keeps arithmetic finite.
const MAX_DELAY = Number.MAX_SAFE_INTEGER;

/**
 * The delay in ms asked for by a `Retry-After` header: delta-seconds (`"3"`) or an HTTP-date.
 * A date in the past gives 0; an RFC 850 two-digit year more than 50 years ahead of `now`
 * is read as in the past century. Garbage, negative or fractional values give `undefined`;
 * huge values are capped at `Number.MAX_SAFE_INTEGER` (the caller's cap then applies).
 *
 * @example
 * parseRetryAfter('3', Date.now()); // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:58Z')); // 2000
 * parseRetryAfter('soon', Date.now()); // undefined
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_DELAY);
  if (!Number.isFinite(now)) return undefined;
  const at = parseHttpDate(text, now);
  if (at === undefined) return undefined;
  return Math.min(Math.max(0, at - now), MAX_DELAY);
}

/**
 * Exponential backoff with full jitter: a random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))]`. Always finite and within
 * `[0, maxDelayMs]`, whatever the inputs (bad numbers are clamped, never propagated as NaN).
 *
 * @example
 * backoffDelay(1, { baseDelayMs: 250, maxDelayMs: 8000 }, () => 0.5); // 125
 * backoffDelay(10, { baseDelayMs: 250, maxDelayMs: 8000 }, () => 0.999); // 7992
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const max = clamp(options.maxDelayMs, 0, MAX_DELAY);
  const base = clamp(options.baseDelayMs, 0, max);
  // 2^52 is already far above any max; larger exponents would only overflow.
  const exponent = clamp(Math.floor(attempt) - 1, 0, 52);
  const ceiling = Math.min(max, base * 2 ** exponent);
  const r = clamp(random(), 0, 1);
  return Math.min(max, Math.floor(ceiling * r));
}

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a method may be sent twice without changing the outcome (RFC 9110 §9.2.2).
 *
 * @example
 * isIdempotent('put'); // true
 * isIdempotent('POST'); // false
 */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * True when the error (or its cause chain) says the connection was refused, i.e. the
 * request never reached a server. An AggregateError (Node's happy-eyeballs) counts when
 * all of its errors were refused.
 *
 * @example
 * isConnectionRefused(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })); // true
 */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  if (depth > 10 || error === null || typeof error !== 'object') return false;
  if ((error as { code?: unknown }).code === 'ECONNREFUSED') return true;
  const errors: unknown = (error as { errors?: unknown }).errors;
  if (
    error instanceof AggregateError &&
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => isConnectionRefused(e, depth + 1))
  ) {
    return true;
  }
  return isConnectionRefused((error as { cause?: unknown }).cause, depth + 1);
}

/** Why a retry happens; passed to `onRetry`. */
export type RetryReason =
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'network-error'
  | 'connection-refused';

/** Why no retry happens. */
export type StopReason = 'not-retryable' | 'exhausted' | 'retry-after-too-long';

/** What a governed 429 did to the pace (for `onRateLimit`). */
export interface PaceChange {
  slowedDown: boolean;
  requestsPerSecond: number | undefined;
}

/**
 * The verdict. `booked`: the wait is a slot already reserved at the governor (the next attempt
 * must not reserve another). `pace`: set for every governed 429.
 */
export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason; booked?: true; pace?: PaceChange }
  | { retry: false; reason: StopReason; pace?: PaceChange };

/** A 429 met while the rate is governed: the governor and this request's 429s so far. */
export interface GovernedThrottle {
  governor: Governor;
  rateLimit: ResolvedRateLimit;
  /** When the attempt answered 429 was sent, by the client's clock. */
  sentAt: number;
  /** Governed 429s of this request so far, this one included. */
  count: number;
}

/** What happened on one attempt: a response status, a per-attempt timeout, or a fetch error. */
export type AttemptOutcome =
  | { status: number; retryAfter?: string | null }
  | { timedOut: true }
  | { error: unknown };

/** Input of `retryDecision`. */
export type RetryInput = AttemptOutcome & {
  method: string;
  /** The 1-based number of the attempt that just finished. */
  attempt: number;
  options: RetryOptions;
  /** Current time in ms, for HTTP-date `Retry-After` values. */
  now: number;
  /** Returns a number in [0, 1), for jitter. */
  random: () => number;
  /** Set while the rate is governed: a 429 then follows `governed429`. */
  throttle?: GovernedThrottle | undefined;
};

const RETRYABLE_5XX = new Set([502, 503, 504]);

/**
 * Decides whether to retry after an attempt, and how long to wait first.
 * A caller's abort never reaches this function: it is never retried.
 *
 * @example
 * retryDecision({ method: 'POST', status: 429, retryAfter: '2', attempt: 1,
 *   options: DEFAULT_RETRY_OPTIONS, now: Date.now(), random: Math.random });
 * // { retry: true, delayMs: 2000, reason: 'rate-limited' }
 */
export function retryDecision(input: RetryInput): RetryDecision {
  if (input.throttle !== undefined && 'status' in input && input.status === 429) {
    return governed429(input, input.retryAfter, input.throttle);
  }
  const reason = retryReason(input);
  if (reason === undefined) return { retry: false, reason: 'not-retryable' };
  if (input.attempt > input.options.maxRetries) return { retry: false, reason: 'exhausted' };
  if ('status' in input) {
    const wanted = parseRetryAfter(input.retryAfter ?? null, input.now);
    if (wanted !== undefined) {
      if (wanted > input.options.maxRetryAfterMs) {
        return { retry: false, reason: 'retry-after-too-long' };
      }
      return { retry: true, delayMs: wanted, reason };
    }
  }
  return { retry: true, delayMs: backoffDelay(input.attempt, input.options, input.random), reason };
}

function retryReason(input: RetryInput): RetryReason | undefined {
  const idempotent = isIdempotent(input.method);
  if ('status' in input) {
    if (input.status === 429) return 'rate-limited';
    return idempotent && RETRYABLE_5XX.has(input.status) ? 'server-error' : undefined;
  }
  if ('timedOut' in input) return idempotent ? 'timeout' : undefined;
  if (isConnectionRefused(input.error)) return 'connection-refused';
  return idempotent ? 'network-error' : undefined;
}

/**
 * A 429 while the rate is governed: retried within `rateLimit.maxRetries` (apart from the
 * fault budget), after the governor's next slot. A `Retry-After` sets the next slot of every
 * request of the client; without one, the adaptive governor's new pace is the wait, and a
 * non-adaptive one backs off.
 */
function governed429(
  input: RetryInput,
  retryAfterHeader: string | null | undefined,
  throttle: GovernedThrottle,
): RetryDecision {
  const { governor, rateLimit } = throttle;
  const outcome = governor.throttled(throttle.sentAt, input.now);
  const pace = { slowedDown: outcome.cut, requestsPerSecond: outcome.requestsPerSecond };
  if (throttle.count > rateLimit.maxRetries) return { retry: false, reason: 'exhausted', pace };
  const retryAfter = parseRetryAfter(retryAfterHeader ?? null, input.now);
  if (retryAfter !== undefined && retryAfter > input.options.maxRetryAfterMs) {
    return { retry: false, reason: 'retry-after-too-long', pace };
  }
  const hold =
    retryAfter ??
    (rateLimit.adaptive ? undefined : backoffDelay(throttle.count, input.options, input.random));
  if (hold !== undefined) governor.holdUntil(input.now + hold);
  return {
    retry: true,
    delayMs: governor.reserve(input.now),
    reason: 'rate-limited',
    booked: true,
    pace,
  };
}
