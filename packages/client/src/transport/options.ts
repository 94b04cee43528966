/**
 * The transport's options: their types, their defaults, and their validation (at creation,
 * so a bad option fails before any request, with a `KantataInputError` naming it).
 */

import { KantataInputError } from '../errors/classes.js';
import { assertToken } from './auth.js';
import { type Clock, systemClock } from './clock.js';
import {
  type RateLimitEvent,
  type RateLimitOptions,
  type ResolvedRateLimit,
  resolveRateLimitOptions,
} from './rate-limit-options.js';
import type { FetchLike } from './redirects.js';
import {
  type RetryOptions,
  type RetryOverrides,
  type RetryReason,
  resolveRetryOptions,
} from './retry.js';

/** The token, or a function returning it (called once per request, so it can be refreshed). */
export type TokenSource = string | (() => string | Promise<string>);

/** What `onRetry` receives before each backoff sleep. */
export interface RetryEvent {
  /** The 1-based number of the attempt that just failed. */
  attempt: number;
  delayMs: number;
  reason: RetryReason;
  /** The HTTP status, when the failed attempt got a response. */
  status?: number;
  method: string;
  /** The request's path relative to the base URL, without the query (as on request errors). */
  path: string;
}

/**
 * The transport's options. Every optional one also takes `undefined`, meaning its default
 * (`{ timeoutMs: process.env.TIMEOUT_MS && Number(process.env.TIMEOUT_MS) }` compiles under
 * `exactOptionalPropertyTypes`).
 */
export interface TransportOptions {
  /** The OAuth 2 bearer token, or a function returning it (sync or async), called per request. */
  token: TokenSource;
  /**
   * The fetch to use; defaults to `globalThis.fetch`, looked up at call time (so it may be
   * installed or mocked later). Inject one in tests.
   */
  fetch?: FetchLike | undefined;
  /** Sent as `User-Agent` where the platform allows (browsers may ignore it). */
  userAgent?: string | undefined;
  /**
   * Timeout of each attempt, in ms (default 30000), from sending until the last byte of the
   * response body: a body that stalls after the headers fails with `KantataTimeoutError`
   * (thrown by whatever reads it: a helper, `client.raw`'s parsing, or your own read of a
   * `parseAs: 'stream'` body). `0` or `Infinity` disables it. Only the final attempt's body is
   * ever read; a timeout while reading it is not retried (the response was already handed
   * back). It runs on the platform's timers (`setTimeout`, looked up per attempt), never on
   * `clock`: `vi.useFakeTimers()` drives it.
   */
  timeoutMs?: number | undefined;
  /**
   * Partial retry options over `DEFAULT_RETRY_OPTIONS`, or `false`: no retry of a fault
   * (timeout, network error, 502/503/504). A 429 follows `rateLimit` (`rateLimit: false` too
   * for a single attempt).
   */
  retry?: RetryOverrides | false | undefined;
  /** Called before each retry, e.g. for logging (a throwing hook is ignored). */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * How the client keeps under the API's rate limit; every request of the client waits at
   * one shared governor. Default: adaptive (paced only after a first 429), no fixed cap, up to
   * 10 retries of a 429 apart from `retry.maxRetries`. `false` turns it off: a 429 is then
   * retried within `retry.maxRetries` like a fault.
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Called for every 429 met while the rate is governed, e.g. for logging (throws ignored). */
  onRateLimit?: ((event: RateLimitEvent) => void) | undefined;
  /**
   * The time source of the retries and the rate governor: `now()` for HTTP-date
   * `Retry-After` values and the governor's pace, `sleep` for the waits between attempts and
   * for a sending slot. Default: `Date.now` and `setTimeout`, looked up at call
   * time, so `vi.useFakeTimers()` drives them too.
   */
  clock?: Clock | undefined;
  /** Injectable randomness for backoff jitter: a number in [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined;
}

/** The options once checked and defaulted. */
export interface ResolvedTransportOptions {
  token: TokenSource;
  fetch: FetchLike | undefined;
  userAgent: string | undefined;
  /** 0 when off. */
  timeoutMs: number;
  retry: RetryOptions;
  onRetry: TransportOptions['onRetry'];
  /** undefined when `rateLimit: false`. */
  rateLimit: ResolvedRateLimit | undefined;
  onRateLimit: TransportOptions['onRateLimit'];
  clock: Clock;
  random: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
// setTimeout fires at once for delays above 2^31-1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Checks every option and fills in the defaults. Throws `KantataInputError` naming the bad one.
 *
 * @example
 * resolveTransportOptions({ token: 't' }).timeoutMs; // 30000
 * resolveTransportOptions({ token: 't', timeoutMs: -1 }); // throws (timeoutMs)
 */
export function resolveTransportOptions(options: TransportOptions): ResolvedTransportOptions {
  const { token } = options;
  if (typeof token === 'string') assertToken(token);
  else if (typeof token !== 'function') {
    throw new KantataInputError('token', 'is required (a string or a function returning one)');
  }
  // null counts as not given.
  const fetch = options.fetch ?? undefined;
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new KantataInputError('fetch', 'must be a function');
  }
  return {
    token,
    fetch,
    userAgent: resolveUserAgent(options.userAgent),
    timeoutMs: resolveTimeout(options.timeoutMs),
    retry: resolveRetryOptions(options.retry),
    onRetry: options.onRetry,
    rateLimit: resolveRateLimitOptions(options.rateLimit),
    onRateLimit: options.onRateLimit,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}

function resolveTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (value === Number.POSITIVE_INFINITY) return 0;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new KantataInputError(
      'timeoutMs',
      `must be 0 (off) or a number of ms up to ${MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}

function resolveUserAgent(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value)) {
    throw new KantataInputError('userAgent', 'must be a non-empty string of printable ASCII');
  }
  return value;
}
