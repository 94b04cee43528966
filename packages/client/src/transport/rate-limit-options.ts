/**
 * The `rateLimit` option and the `onRateLimit` event: their types, defaults and validation.
 * What the governor does with them is in governor.ts; how the transport waits, in transport.ts.
 */
import { KantataInputError } from '../errors/classes.js';
import type { GovernorSettings } from './governor.js';

/** How the client keeps under the API's rate limit (`rateLimit` option). */
export interface RateLimitOptions {
  /**
   * Never more than this many requests a second, paced evenly (a finite number > 0).
   * Default: no fixed cap.
   */
  maxRequestsPerSecond?: number | undefined;
  /**
   * Learn the server's limit from its 429s: slow down on each, speed up again while requests
   * succeed (default true).
   */
  adaptive?: boolean | undefined;
  /**
   * Retries of a request answered 429, counted apart from `retry.maxRetries` (which stays for
   * faults: timeouts, network errors, 502/503/504). Default 10.
   */
  maxRetries?: number | undefined;
}

/** What `onRateLimit` receives for every 429 the client meets while it governs its rate. */
export interface RateLimitEvent {
  /** The 1-based number of the attempt answered 429. */
  attempt: number;
  method: string;
  /** The request's path relative to the base URL, without the query. */
  path: string;
  /** Whether this 429 made the client slow down (later ones of the same episode do not). */
  slowedDown: boolean;
  /** The rate the client now keeps to, in requests per second (undefined: not paced). */
  requestsPerSecond: number | undefined;
  /** How long until the request is sent again, in ms; undefined when it is not retried. */
  retryInMs: number | undefined;
}

/** The rate-limit options once checked; `undefined` when `rateLimit: false`. */
export interface ResolvedRateLimit extends GovernorSettings {
  maxRetries: number;
}

/** Adaptive, no fixed cap, 10 retries of a 429. */
export const DEFAULT_RATE_LIMIT: Readonly<ResolvedRateLimit> = Object.freeze({
  maxRequestsPerSecond: undefined,
  adaptive: true,
  maxRetries: 10,
});

/**
 * Fills in the defaults and checks the `rateLimit` option. `false` turns the governor off:
 * a 429 is then retried within `retry.maxRetries`, like a fault.
 *
 * @example
 * resolveRateLimitOptions(undefined).adaptive; // true
 * resolveRateLimitOptions({ maxRequestsPerSecond: 10 }).maxRequestsPerSecond; // 10
 * resolveRateLimitOptions(false); // undefined
 */
export function resolveRateLimitOptions(
  input: RateLimitOptions | false | undefined,
): ResolvedRateLimit | undefined {
  if (input === false) return undefined;
  if (input === undefined) return { ...DEFAULT_RATE_LIMIT };
  if (typeof input !== 'object' || input === null) {
    throw new KantataInputError('rateLimit', 'must be an options object or false');
  }
  const { maxRequestsPerSecond: cap, adaptive, maxRetries } = input;
  if (cap !== undefined && !(typeof cap === 'number' && cap > 0 && Number.isFinite(cap))) {
    throw new KantataInputError('rateLimit.maxRequestsPerSecond', 'must be a finite number > 0');
  }
  if (adaptive !== undefined && typeof adaptive !== 'boolean') {
    throw new KantataInputError('rateLimit.adaptive', 'must be a boolean');
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new KantataInputError('rateLimit.maxRetries', 'must be an integer >= 0');
  }
  return {
    maxRequestsPerSecond: cap,
    adaptive: adaptive ?? DEFAULT_RATE_LIMIT.adaptive,
    maxRetries: maxRetries ?? DEFAULT_RATE_LIMIT.maxRetries,
  };
}
