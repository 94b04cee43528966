/**
 * Small helpers around AbortSignal that work in every supported runtime
 * (no `AbortSignal.any`, no `throwIfAborted` assumptions about the reason's type).
 */

/** Throws the signal's reason if it has aborted (no signal: nothing to do). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/**
 * Settles with `promise`, or rejects with `signal.reason` as soon as `signal` aborts, even
 * if the work behind `promise` ignores the signal (without a signal: `promise` itself). A Response that arrives too late has its
 * body cancelled so the connection is freed; a late rejection is swallowed.
 *
 * @example
 * const response = await raceAbort(fetchImpl(request), signal);
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  // Without a signal there is nothing to race: no listener is added anywhere.
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.then(discardLate, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) discardLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) reject(error);
      },
    );
  });
}

/** Cancels a response body we will not read, without waiting and without throwing. */
export function discardBody(response: Response): void {
  if (response.body !== null && !response.bodyUsed) response.body.cancel().catch(() => {});
}

function discardLate(value: unknown): void {
  if (value instanceof Response) discardBody(value);
}
