/**
 * The transport: everything between a call and the wire, as steps run one after another (each
 * in its own file of this folder), never wrapped inside each other:
 *
 *   auth.ts      the call's token and headers (once per call)
 *   governor.ts  a sending slot (every attempt; none with `rateLimit: false`)
 *   timeout.ts   the attempt's timer and AbortController
 *   redirects.ts the attempt's hops, followed by hand; fetch.ts hands each to fetch
 *   retry.ts     the one policy deciding, from the answer or the failure, whether to send
 *                again and when (429s included); server-time.ts notes the answer's `Date`
 *
 * Two entries share that loop. `send` is the helpers': a URL, headers and a body already in
 * memory in, the final answer out with its body read as text under the attempt's timer.
 * `fetch` is `client.raw`'s (openapi-fetch's `fetch` option): a Request in, the final Response
 * out, its body erroring with `KantataTimeoutError` if it stalls (timed-body.ts).
 *
 * Neither throws for an HTTP status. They throw only the caller's `signal.reason`, unchanged
 * (never retried); `KantataTimeoutError` when the last attempt timed out; `KantataNetworkError`
 * when it failed below HTTP (or, for `send`, its body could not be read); `KantataInputError`
 * for a bad token; whatever a token function threw, unchanged.
 */
import { KantataError, KantataNetworkError, KantataTimeoutError } from '../errors/classes.js';
import { bodyReadError } from '../errors/factory.js';
import { safePath } from '../errors/safe-path.js';
import { createSecrets, type Secrets } from '../errors/secrets.js';
import { discardBody, raceAbort, throwIfAborted } from './abort.js';
import { recordAttempts } from './attempts.js';
import { authorize, tokenOf } from './auth.js';
import { extensionInit } from './extension-init.js';
import { senderFor } from './fetch.js';
import { createGovernor } from './governor.js';
import { resolveTransportOptions, type TransportOptions } from './options.js';
import { attributesOf, followRedirects, type RedirectState } from './redirects.js';
import { type AttemptOutcome, retryDecision } from './retry.js';
import type { ServerTime } from './server-time.js';
import { hasBodyToTime, timedBody } from './timed-body.js';
import { type AttemptTimer, startTimer } from './timeout.js';

/** A request as the helpers hand it to `send`. */
export interface Outgoing {
  /** Upper-case. */
  method: string;
  /** Absolute, query included. */
  url: string;
  /** The call's own headers (e.g. `content-type`); the auth headers are added to a copy. */
  headers?: HeadersInit | undefined;
  /** In memory, so that a retry or a 307/308 sends it again; null for none. */
  body: string | ArrayBuffer | null;
  signal?: AbortSignal | undefined;
  /** What a caller's Request carried besides (credentials, mode...); `fetch` sets it. */
  attributes?: RequestInit | undefined;
  /** Non-standard fetch init (an undici `dispatcher`), passed to fetch as it is. */
  extension?: RequestInit | undefined;
}

/** The final answer of `send`: its body read, and how many attempts it took. */
export interface Exchange {
  response: Response;
  /** The body as text ('' for none). */
  text: string;
  attempts: number;
}

/** A client's transport. */
export interface Transport {
  /** The helpers' entry (see the module comment). */
  send(outgoing: Outgoing): Promise<Exchange>;
  /**
   * `client.raw`'s entry: a fetch-compatible function (see the module comment). `owned`: the
   * Request is the caller's alone to give up (openapi-fetch's own, which no middleware sees),
   * so its body is read as it is rather than from a clone.
   */
  fetch(input: Request | string | URL, init?: RequestInit, owned?: boolean): Promise<Response>;
}

/** What the loop hands to whoever takes the final answer. */
interface Final {
  response: Response;
  timer: AttemptTimer;
  attempts: number;
  /** The request as errors name it (`path` masked when first read: only errors read it). */
  where: { readonly method: string; readonly path: string; readonly secrets: readonly string[] };
  signal: AbortSignal | undefined;
}

/**
 * Creates the transport. Options are validated at once (`KantataInputError`). `basePath` is
 * the base URL's path: errors and retry events give paths relative to it. Each token sent is
 * added to `secretList` (the client's), and every error masks what that list holds.
 * `serverTime`, when given, is told the `Date` of every answer (see server-time.ts).
 *
 * @example
 * const transport = createTransport({ token: () => session.token }, '/api/v1');
 * const client = createClient<paths>({ baseUrl, fetch: transport.fetch });
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
  const governed = rateLimit && { governor: createGovernor(rateLimit), rateLimit };

  async function exchange<T>(out: Outgoing, finish: (final: Final) => T | Promise<T>) {
    const { signal, method, url } = out;
    throwIfAborted(signal);
    const pending = tokenOf(tokenSource, signal);
    const token = typeof pending === 'string' ? pending : await pending;
    const { headers, secrets } = authorize(token, secretList, userAgent, out.headers);
    const send = senderFor(customFetch, out.extension);
    // Only errors and events need the masked path: don't parse and mask on every call.
    let maskedPath: string | undefined;
    const context = {
      method,
      attempts: 0,
      secrets,
      get path(): string {
        maskedPath ??= safePath(url, secrets, basePath);
        return maskedPath;
      },
    };
    const timeoutError = () =>
      new KantataTimeoutError({
        method,
        path: context.path,
        attempts: context.attempts,
        timeoutMs,
      });

    // Governed 429s so far: they spend `rateLimit.maxRetries`, not the fault budget.
    let throttled = 0;
    // A wait already booked at the governor (and told to onRetry) for the next attempt.
    let booked: number | undefined;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      context.attempts = attempt;
      const wait = booked ?? governed?.governor.reserve(clock.now()) ?? 0;
      booked = undefined;
      if (wait > 0) await raceAbort(clock.sleep(wait, signal), signal);
      const sentAt = clock.now();
      const timer = startTimer(signal, timeoutMs, timeoutError);
      let response: Response | undefined;
      let outcome: AttemptOutcome;
      try {
        response = await followRedirects({
          send,
          method,
          url,
          headers,
          body: out.body,
          attributes: out.attributes,
          signal: timer.signal,
          state: redirectState,
          context,
          secrets,
        });
        outcome = { status: response.status, retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        timer.release();
        if (signal?.aborted) throw signal.reason;
        if (timer.expired()) outcome = { timedOut: true };
        else if (error instanceof KantataError) throw error;
        else outcome = { error };
      }
      if (response !== undefined) {
        if (signal?.aborted) {
          timer.release();
          discardBody(response);
          throw signal.reason;
        }
        serverTime?.saw(response.headers.get('date'), clock.now());
        if (governed && response.status !== 429) governed.governor.admitted(sentAt);
      }

      const throttle =
        governed && response?.status === 429
          ? { ...governed, sentAt, count: ++throttled }
          : undefined;
      const decision = retryDecision({
        ...outcome,
        method,
        attempt: attempt - throttled,
        options: retry,
        now: clock.now(),
        random,
        throttle,
      });
      if (decision.pace) {
        notify(onRateLimit, {
          attempt,
          method,
          path: context.path,
          ...decision.pace,
          retryInMs: decision.retry ? decision.delayMs : undefined,
        });
      }
      if (!decision.retry) {
        if (response !== undefined) {
          return finish({ response, timer, attempts: attempt, where: context, signal });
        }
        if ('timedOut' in outcome) throw timeoutError();
        const cause = 'error' in outcome ? outcome.error : undefined;
        throw new KantataNetworkError(
          { method, path: context.path, attempts: attempt, cause },
          secrets,
        );
      }
      if (response !== undefined) {
        timer.release();
        discardBody(response);
      }
      notify(onRetry, {
        attempt,
        delayMs: decision.delayMs,
        reason: decision.reason,
        ...(response === undefined ? {} : { status: response.status }),
        method,
        path: context.path,
      });
      if (decision.booked) booked = decision.delayMs;
      else await raceAbort(clock.sleep(decision.delayMs, signal), signal);
    }
  }

  return {
    send: (outgoing) => exchange(outgoing, readText),
    async fetch(input, init, owned = false) {
      const isRequest = input instanceof Request;
      const request = isRequest ? input : new Request(input, init);
      throwIfAborted(request.signal);
      // Read once (from a clone unless `owned`: the caller's request stays unread, for its
      // middleware), and sent from memory by every attempt and hop.
      const body =
        request.body === null
          ? null
          : await raceAbort((owned ? request : request.clone()).arrayBuffer(), request.signal);
      const outgoing: Outgoing = {
        method: request.method.toUpperCase(),
        url: request.url,
        headers: request.headers,
        body,
        signal: request.signal,
        attributes: attributesOf(request),
        extension: isRequest ? extensionInit(init) : undefined,
      };
      return exchange(outgoing, timed);
    },
  };
}

/**
 * `send`'s end: the body read under the attempt's timer (a failure typed by `bodyReadError`).
 */
async function readText(final: Final): Promise<Exchange> {
  const { response, timer, attempts } = final;
  try {
    const text = hasBodyToTime(response) ? await timer.race(response.text()) : '';
    return { response, text, attempts };
  } catch (cause) {
    const { method, path, secrets } = final.where;
    throw bodyReadError(cause, final.signal, { method, path, secrets, attempts });
  } finally {
    timer.release();
  }
}

/**
 * `fetch`'s end: the Response as openapi-fetch gets it, its body under the timer until read
 * (see timed-body.ts), its attempts recorded for `toApiError`.
 */
function timed(final: Final): Response {
  const { response, timer } = final;
  let answer = response;
  // A 204's empty body (non-null in browsers) is passed on as it came: nothing to time.
  if (!hasBodyToTime(response)) timer.release();
  // Untimed, a body needs no wrapper: the caller's link alone stays, to abort the read.
  else if (timer.timed) {
    const body = timedBody(response, () => timer.release());
    timer.onExpire((error) => body.expire(error));
    answer = body.response;
  }
  recordAttempts(answer, final.attempts);
  return answer;
}

function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  try {
    hook?.(event);
  } catch {
    // A logging hook must not turn a recoverable failure into a hard one.
  }
}
