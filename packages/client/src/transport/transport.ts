/**
 * The transport: a `fetch`-compatible function for openapi-fetch's `fetch` option that adds
 * authentication, per-attempt timeouts (body included), retries, rate governing and safe
 * redirect handling.
 *
 * It never throws for an HTTP status: the final Response (2xx, 4xx or 5xx) is returned so
 * openapi-fetch's `{ data, error }` contract holds. It throws only:
 * - the caller's `signal.reason`, unchanged, as soon as the caller aborts (never retried);
 * - `KantataTimeoutError` when the last attempt timed out (a body that stalls later errors
 *   with one when read);
 * - `KantataNetworkError` when the last attempt failed below HTTP;
 * - `KantataInputError` for a bad token (before any request);
 * - whatever a token function threw, unchanged (it is the caller's own error).
 *
 * Attempts: every returned Response is recorded in a WeakMap; read it with `attemptsOf`
 * (see attempts.ts). Thrown Kantata errors carry `attempts` themselves.
 */

import { KantataError, KantataNetworkError, KantataTimeoutError } from '../errors/classes.js';
import { safePath } from '../errors/safe-path.js';
import { createSecrets, type Secrets } from '../errors/secrets.js';
import { discardBody, raceAbort, throwIfAborted } from './abort.js';
import { recordAttempts } from './attempts.js';
import { reusableBody } from './body.js';
import { extensionInit } from './extension-init.js';
import { senderFor } from './fetch.js';
import { createGovernor } from './governor.js';
import { resolveToken, resolveTransportOptions, type TransportOptions } from './options.js';
import { type RedirectState, type SendInput, sendFollowingRedirects } from './redirects.js';
import { type AttemptOutcome, backoffDelay, parseRetryAfter, retryDecision } from './retry.js';
import type { ServerTime } from './server-time.js';
import { throttleStep } from './throttle-step.js';
import { hasBodyToTime, type TimedResponse, timedBody } from './timed-body.js';

/** The function returned by `createTransport`. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Creates the transport. Options are validated at once (`KantataInputError`). `basePath` is
 * the base URL's path: errors and retry events give paths relative to it. Each token sent is
 * added to `secretList` (the client's), and every error masks what that list holds. `serverTime`, when
 * given, is told the `Date` of every answer (see server-time.ts).
 *
 * @example
 * const transport = createTransport({ token: () => session.token }, '/api/v1');
 * const client = createClient<paths>({ baseUrl, fetch: transport });
 */
export function createTransport(
  options: TransportOptions,
  basePath = '',
  secretList: Secrets = createSecrets(),
  serverTime?: ServerTime,
): Transport {
  const resolved = resolveTransportOptions(options);
  const { token: tokenSource, fetch: customFetch, timeoutMs, userAgent, retry, clock } = resolved;
  // Known from the start, so that the client masks a string token before its first request.
  if (typeof tokenSource === 'string') secretList.add(tokenSource);
  const { random, onRetry, rateLimit, onRateLimit } = resolved;
  const redirectState: RedirectState = { platformFollows: false };
  // One governor for every request of this transport (i.e. of one client).
  const governor = rateLimit && createGovernor(rateLimit);

  return async function kantataTransport(input, init) {
    const isRequest = input instanceof Request;
    const request = isRequest ? input : new Request(input, init);
    const extension = isRequest ? extensionInit(init) : undefined;
    const send = senderFor(customFetch, extension);
    const callerSignal = request.signal;
    const method = request.method.toUpperCase();
    throwIfAborted(callerSignal);

    // A string token was checked when the transport was created: no promise to wait for.
    const token =
      typeof tokenSource === 'string'
        ? tokenSource
        : await raceAbort(resolveToken(tokenSource), callerSignal);
    const secrets = secretList.add(token);
    // Only errors and retry events need the masked path: don't parse and mask on every call.
    let maskedPath: string | undefined;
    const context = {
      method,
      attempts: 0,
      get path(): string {
        maskedPath ??= safePath(request.url, secrets, basePath);
        return maskedPath;
      },
    };
    const timeoutError = (attempts: number) =>
      new KantataTimeoutError({ method, path: context.path, attempts, timeoutMs });
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (userAgent !== undefined) headers.set('user-agent', userAgent);
    // Read once for every attempt; the caller's request itself is never consumed.
    const body = reusableBody(request);
    const payload =
      typeof body === 'object' && body !== null ? await raceAbort(body, callerSignal) : body;

    // Retries of 429s while governed: counted apart from the fault budget of `retry`.
    let throttledRetries = 0;
    // A wait already booked at the governor (and told to onRetry) for the next attempt.
    let booked: number | undefined;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(callerSignal);
      context.attempts = attempt;
      const wait = booked ?? governor?.reserve(clock.now()) ?? 0;
      booked = undefined;
      if (wait > 0) await raceAbort(clock.sleep(wait, callerSignal), callerSignal);
      const sentAt = clock.now();
      const result = await runAttempt({
        send,
        request,
        payload,
        headers,
        signal: callerSignal,
        extension,
        state: redirectState,
        context,
        secrets,
        timeoutMs,
        timeoutError: () => timeoutError(attempt),
      });
      if (callerSignal.aborted) {
        if ('response' in result) {
          result.release();
          discardBody(result.response);
        }
        throw callerSignal.reason;
      }
      if ('fatal' in result) throw result.fatal;
      if ('response' in result) serverTime?.saw(result.response.headers.get('date'), clock.now());

      if ('response' in result && governor !== undefined && rateLimit !== undefined) {
        const { response } = result;
        if (response.status !== 429) governor.admitted(sentAt);
        else {
          const now = clock.now();
          const next = throttleStep({
            governor,
            rateLimit,
            outcome: governor.throttled(sentAt, now),
            retryAfter: parseRetryAfter(response.headers.get('retry-after'), now),
            maxRetryAfterMs: retry.maxRetryAfterMs,
            throttledRetries: ++throttledRetries,
            backoff: () => backoffDelay(throttledRetries, retry, random),
            now,
          });
          notify(onRateLimit, {
            attempt,
            method,
            path: context.path,
            slowedDown: next.slowedDown,
            requestsPerSecond: next.requestsPerSecond,
            retryInMs: next.retryInMs,
          });
          if (next.retryInMs === undefined) {
            recordAttempts(response, attempt);
            return response;
          }
          result.release();
          discardBody(response);
          booked = next.retryInMs;
          notify(onRetry, {
            attempt,
            delayMs: booked,
            reason: 'rate-limited',
            status: 429,
            method,
            path: context.path,
          });
          continue;
        }
      }

      const outcome: AttemptOutcome =
        'response' in result
          ? {
              status: result.response.status,
              retryAfter: result.response.headers.get('retry-after'),
            }
          : result;
      const decision = retryDecision({
        ...outcome,
        method,
        // Governed 429s spent their own budget, not this one.
        attempt: attempt - throttledRetries,
        options: retry,
        now: clock.now(),
        random,
      });

      if (!decision.retry) {
        if ('response' in result) {
          recordAttempts(result.response, attempt);
          return result.response;
        }
        if ('timedOut' in result) throw timeoutError(attempt);
        throw new KantataNetworkError(
          { method, path: context.path, attempts: attempt, cause: result.error },
          secrets,
        );
      }

      if ('response' in result) {
        result.release();
        discardBody(result.response);
      }
      notify(onRetry, {
        attempt,
        delayMs: decision.delayMs,
        reason: decision.reason,
        ...('response' in result ? { status: result.response.status } : {}),
        method,
        path: context.path,
      });
      await raceAbort(clock.sleep(decision.delayMs, callerSignal), callerSignal);
    }
  };
}

type AttemptResult =
  | { response: Response; release: () => void }
  | { timedOut: true }
  | { error: unknown }
  | { fatal: KantataError };

/**
 * One attempt: its own AbortController, aborted by the caller's signal (linked by hand:
 * `AbortSignal.any` is missing from some supported browsers) or by the per-attempt timer.
 * The timer runs until the body has been read (see timed-body.ts): it then errors the body
 * with `timeoutError()`. Listeners and the timer go when the attempt ends: at once without a
 * response body, else when the body ends or `release()` is called for a discarded response.
 */
async function runAttempt(
  input: Omit<SendInput, 'signal'> & {
    signal: AbortSignal;
    timeoutMs: number;
    timeoutError: () => KantataTimeoutError;
  },
): Promise<AttemptResult> {
  const callerSignal = input.signal;
  const controller = new AbortController();
  let timedOut = false;
  let timed: TimedResponse | undefined;
  const forwardAbort = (): void => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  // The platform's timer, looked up now: an injected clock paces retries only, and fake
  // timers (`vi.useFakeTimers()`) drive both.
  const timer =
    input.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          timed?.expire(input.timeoutError());
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        }, input.timeoutMs)
      : undefined;
  const release = (): void => {
    clearTimeout(timer);
    callerSignal.removeEventListener('abort', forwardAbort);
  };
  try {
    const response = await sendFollowingRedirects({ ...input, signal: controller.signal });
    // A 204's empty body (non-null in browsers) is passed on as it came: nothing to time.
    if (!hasBodyToTime(response)) {
      release();
      return { response, release };
    }
    // Untimed, a body needs no wrapper: the caller link alone stays until release().
    if (timer === undefined) return { response, release };
    timed = timedBody(response, release);
    return { response: timed.response, release };
  } catch (error) {
    release();
    if (timedOut && !callerSignal.aborted) return { timedOut: true };
    if (error instanceof KantataError) return { fatal: error };
    return { error };
  }
}

function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // A logging hook must not turn a recoverable failure into a hard one.
  }
}
