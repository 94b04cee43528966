/**
 * A response body read under the attempt's timer, so that `timeoutMs` covers the whole
 * response: a body that stalls after the headers errors with the transport's
 * `KantataTimeoutError` in whoever reads it (openapi-fetch's parsing, a helper, or a caller
 * reading a stream), instead of hanging.
 *
 * Why a wrapper stream rather than only aborting the fetch: an injected fetch (a test double,
 * a polyfill) may ignore the signal once it has answered; erroring our own stream works with
 * any of them, and lets the error be ours rather than the platform's `AbortError`.
 */

/** The methods that read a whole body. */
const READ_METHODS = ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const;

/**
 * True when `response` has a body to wrap: not null, and allowed by its status. A "null body
 * status" (101, 103, 204, 205, 304 in the Fetch standard) makes `new Response(body, { status })`
 * throw, yet browsers hand such a response an empty, non-null `body`: it is passed on as it
 * came, never wrapped.
 *
 * @example
 * hasBodyToTime(new Response(null, { status: 204 })); // false
 */
export function hasBodyToTime(response: Response): boolean {
  return response.body !== null && ![101, 103, 204, 205, 304].includes(response.status);
}

/** A response whose body ends, at the latest, when `expire` is called. */
export interface TimedResponse {
  response: Response;
  /** Errors the body with `error` (unless it already ended) and cancels the source. */
  expire(error: Error): void;
}

/**
 * Wraps `response`'s body (which must pass {@link hasBodyToTime}). `onEnd` is called once, when the body was
 * read to its end, failed, was cancelled or expired: the caller then stops its timer. The
 * wrapper pulls only when read, so an unread body is not fetched ahead.
 *
 * @example
 * const timed = timedBody(response, () => clearTimeout(timer));
 * timer = setTimeout(() => timed.expire(new KantataTimeoutError(context)), timeoutMs);
 */
export function timedBody(response: Response, onEnd: () => void): TimedResponse {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let ended = false;
  let expiredWith: Error | undefined;
  let errorBody: (error: Error) => void = () => {};
  const end = (): boolean => {
    if (ended) return false;
    ended = true;
    onEnd();
    return true;
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        errorBody = (error) => controller.error(error);
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (ended) return;
          if (!done) controller.enqueue(value);
          else if (end()) controller.close();
        } catch (error) {
          if (end()) controller.error(error);
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
  const timed = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A new Response starts with an empty url; callers of `raw` may read where it came from.
  Object.defineProperties(timed, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  // Chromium's text(), json()... report any error of a stream the page built as a bare
  // TypeError ("Failed to fetch"): once the timer has run out, the timeout error is the answer.
  for (const method of READ_METHODS) {
    const read = timed[method] as (() => Promise<unknown>) | undefined;
    if (typeof read !== 'function') continue;
    Object.defineProperty(timed, method, {
      value: () =>
        read.call(timed).catch((error: unknown) => {
          throw expiredWith ?? error;
        }),
    });
  }
  return {
    response: timed,
    expire(error) {
      if (!end()) return;
      expiredWith = error;
      errorBody(error);
      reader.cancel(error).catch(() => {});
    },
  };
}
