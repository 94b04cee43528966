/**
 * The timeout step: one timer per attempt, from sending until the last byte of the answer's
 * body, and the attempt's own AbortController, aborted by the caller's signal (linked by hand:
 * `AbortSignal.any` is missing from some supported browsers) or by the timer.
 *
 * The timer is the platform's `setTimeout`, looked up per attempt, never the injected `clock`
 * (that paces retries only); fake timers (`vi.useFakeTimers()`) drive both.
 */

/** One attempt's timer and signal. */
export interface AttemptTimer {
  /** What the attempt is sent with: aborts with the caller's reason, or when time runs out. */
  readonly signal: AbortSignal;
  /** Whether the time ran out. */
  expired(): boolean;
  /**
   * Settles with `promise`, or rejects with `timeoutError()` when the time runs out first, or
   * with the caller's reason when the caller aborts first (whatever the work behind `promise`
   * does with its signal): how a body is read under the timer.
   */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Whether there is a timer at all (`timeoutMs` > 0). */
  readonly timed: boolean;
  /** Runs `onExpire` with the timeout error when the time runs out (a body wrapper's hook). */
  onExpire(onExpire: (error: Error) => void): void;
  /** Stops the timer and unlinks the caller's signal: the attempt is over. */
  release(): void;
}

/**
 * Starts an attempt's timer (none when `timeoutMs` is 0).
 *
 * @example
 * const timer = startTimer(callerSignal, 30_000, () => new KantataTimeoutError(context));
 * const response = await fetch(url, { signal: timer.signal });
 * const text = await timer.race(response.text());
 * timer.release();
 */
export function startTimer(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
  timeoutError: () => Error,
): AttemptTimer {
  const controller = new AbortController();
  let timedOut = false;
  let expire: ((error: Error) => void) | undefined;
  let settleRace: ((error: unknown) => void) | undefined;
  const forwardAbort = (event: Event): void => {
    const { reason } = event.target as AbortSignal;
    settleRace?.(reason);
    controller.abort(reason);
  };
  // A call without a signal links nothing (no listener piles up on a shared signal).
  callerSignal?.addEventListener('abort', forwardAbort);
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          const error = timeoutError();
          expire?.(error);
          settleRace?.(error);
          controller.abort(error);
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timed: timer !== undefined,
    expired: () => timedOut,
    race(promise) {
      // (The timer cannot have run out yet: a race starts in the same task as the answer.)
      if (callerSignal?.aborted) return Promise.reject(callerSignal.reason);
      return new Promise((resolve, reject) => {
        settleRace = reject;
        promise.then(resolve, reject);
      });
    },
    onExpire(callback) {
      expire = callback;
    },
    release() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    },
  };
}
