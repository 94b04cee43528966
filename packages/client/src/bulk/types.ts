/**
 * The result and option types of `createMany`: one outcome per input, each failure with a
 * reason and an error class of its own.
 */
import type {
  KantataApiError,
  KantataNotSentError,
  KantataUnknownOutcomeError,
} from '../errors/classes.js';
import type { RequestOptions } from '../request-options.js';

/** How far a `createMany` job is, as `onProgress` receives it. */
export interface CreateManyProgress {
  /** Inputs whose outcome is final: `created + failed`. */
  done: number;
  total: number;
  created: number;
  failed: number;
  /**
   * Inputs whose request's answer was lost and that reading back has not found yet: they wait
   * until the server can no longer be working on the request (`serverTimeoutMs`), read back
   * now and then, before any is sent again. 0 when none.
   */
  waiting: number;
  /** When the next of those read-backs is (ms since the epoch, on the `clock`), if any wait. */
  nextCheckAt: number | undefined;
}

/** Options of `createMany`. */
export interface CreateManyOptions extends RequestOptions {
  /** Bulk requests in flight at once; default 1, at most 64. */
  concurrency?: number | undefined;
  /**
   * Find out by listing what a lost or refused bulk request created; default true. Without
   * it, inputs of a lost answer end `unknown` and the valid inputs of a refused request
   * whose culprits are named end `unknown` too (the API may have created them).
   */
  readBack?: boolean | undefined;
  /**
   * How many times an input is sent again after answers lost for it, once reading back
   * found it absent; default 2. An input past the bound ends `not_sent`. Sending again the
   * valid inputs of a refused request is not counted: each time, fewer inputs are sent.
   */
  maxResends?: number | undefined;
  /**
   * How long the server may go on working on a request whose answer was lost, in ms: after
   * that long, an input that reading back does not find surely was not created and may be
   * sent again. Default: the spec's `x-kantata-server-timeout-seconds`.
   */
  serverTimeoutMs?: number | undefined;
  /**
   * Allowance, in ms, for the server's creation times to run behind the time its answers
   * state (their `Date` header): reading back looks for objects created up to this long before
   * the server time at which the request was sent. Only when no answer states a time (a
   * browser hides `Date` cross-origin unless the server exposes it) does this machine's clock
   * stand in for the server's, and then the allowance covers the two clocks' skew too.
   * Default 60 000.
   */
  clockSkewMs?: number | undefined;
  /**
   * Called each time some inputs reach their outcome or start or go on waiting. If it throws,
   * the job still settles every input, then rejects with a `KantataProgressError` whose
   * `result` is what it did.
   */
  onProgress?: ((progress: CreateManyProgress) => void) | undefined;
}

/** An input of `createMany` that was created, with its position in the input array. */
export interface Created<T> {
  index: number;
  object: T;
  /**
   * True when the object was found by reading back (its request's answer was lost or
   * refused) rather than returned in the answer.
   */
  confirmed: boolean;
}

/**
 * Why an input was not created:
 * - `invalid`: its own validation error (`error.errors` are about this input alone, fields
 *   named as in a single create). Fix the input before sending it again.
 * - `rejected`: the API refused the request for another stated reason (403, 404, 429...);
 *   nothing of it was created. Safe to send again once the reason is gone.
 * - `not_sent`: surely not created (aborted before sending, or `maxResends` used up).
 *   Safe to send again.
 * - `unknown`: may or may not exist; reading back was impossible. Look it up before sending.
 */
export type FailureReason = 'invalid' | 'rejected' | 'not_sent' | 'unknown';

/** The error each reason carries. */
export interface FailureErrors {
  invalid: KantataApiError;
  rejected: KantataApiError;
  not_sent: KantataNotSentError;
  unknown: KantataUnknownOutcomeError;
}

/** An input of `createMany` that was not created: its position, why, and its own error. */
export type Failed<F> = {
  [R in FailureReason]: { index: number; input: F; reason: R; error: FailureErrors[R] };
}[FailureReason];

/** What `createMany` did with each input: every index appears exactly once. */
export interface CreateManyResult<T, F> {
  /** In input order. */
  created: Created<T>[];
  /** In input order. */
  failed: Failed<F>[];
}
