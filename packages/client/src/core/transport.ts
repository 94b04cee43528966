/**
 * The transport: a `fetch`-compatible function for openapi-fetch's `fetch` option that adds
 * authentication, per-attempt timeouts, retries and safe redirect handling.
 *
 * It never throws for an HTTP status: the final Response (2xx, 4xx or 5xx) is returned so
 * openapi-fetch's `{ data, error }` contract holds. It throws only:
 * - the caller's `signal.reason`, unchanged, as soon as the caller aborts (never retried);
 * - `KantataTimeoutError` when the last attempt timed out;
 * - `KantataNetworkError` when the last attempt failed below HTTP;
 * - `KantataInputError` for a bad token (before any request);
 * - whatever a token function threw, unchanged (it is the caller's own error).
 *
 * Attempts: every returned Response is recorded in a WeakMap; read it with `attemptsOf`
 * (see attempts.ts). Thrown Kantata errors carry `attempts` themselves.
 */
import { discardBody, raceAbort, throwIfAborted } from './abort.js';
import { recordAttempts } from './attempts.js';
import { reusableBody } from './body.js';
import { type Clock, systemClock } from './clock.js';
import {
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
  safePath,
} from './errors.js';
import {
  type FetchLike,
  type RedirectState,
  type Sender,
  sendFollowingRedirects,
} from './redirects.js';
import {
  type AttemptOutcome,
  type RetryOptions,
  type RetryReason,
  resolveRetryOptions,
  retryDecision,
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
  path: string;
}

export interface TransportOptions {
  /** The underlying fetch; defaults to `globalThis.fetch`, looked up at call time. */
  fetch?: FetchLike;
  token: TokenSource;
  /** Sent as `User-Agent` (browsers may ignore it). */
  userAgent?: string;
  /**
   * Per-attempt timeout until the response headers arrive, in ms. Default 30000.
   * `0` or `Infinity` disables it. Reading the body afterwards is not timed; it stays
   * abortable through the caller's signal.
   */
  timeoutMs?: number;
  /** Partial retry options over `DEFAULT_RETRY_OPTIONS`, or `false` for a single attempt. */
  retry?: Partial<RetryOptions> | false;
  clock?: Clock;
  /** Returns a number in [0, 1), for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Called before each retry (a throwing hook is ignored: logging must not break requests). */
  onRetry?: (event: RetryEvent) => void;
}

/** The function returned by `createTransport`. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Creates the transport. Options are validated at once (`KantataInputError`).
 *
 * @example
 * const transport = createTransport({ token: () => session.token, userAgent: 'my-app/1.0' });
 * const client = createClient<paths>({ baseUrl, fetch: transport });
 */
export function createTransport(options: TransportOptions): Transport {
  const retry = resolveRetryOptions(options.retry);
  const timeoutMs = resolveTimeout(options.timeoutMs);
  const userAgent = resolveUserAgent(options.userAgent);
  const tokenSource = options.token;
  if (typeof tokenSource === 'string') assertToken(tokenSource);
  else if (typeof tokenSource !== 'function') {
    throw new KantataInputError('token', 'is required (a string or a function returning one)');
  }
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const redirectState: RedirectState = { platformFollows: false };

  return async function kantataTransport(input, init) {
    const isRequest = input instanceof Request;
    const request = isRequest ? input : new Request(input, init);
    const extension = isRequest ? extensionInit(init) : undefined;
    const send = senderFor(options.fetch, extension);
    const callerSignal = request.signal;
    const method = request.method.toUpperCase();
    throwIfAborted(callerSignal);

    // A string token was checked when the transport was created: no promise to wait for.
    const token =
      typeof tokenSource === 'string'
        ? tokenSource
        : await raceAbort(resolveToken(tokenSource), callerSignal);
    const secrets = [token];
    // Only errors and retry events need the masked path: don't parse and mask on every call.
    let maskedPath: string | undefined;
    const context = {
      method,
      attempts: 0,
      get path(): string {
        maskedPath ??= safePath(request.url, secrets);
        return maskedPath;
      },
    };
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (userAgent !== undefined) headers.set('user-agent', userAgent);
    // Read once for every attempt; the caller's request itself is never consumed.
    const body = reusableBody(request);
    const payload =
      typeof body === 'object' && body !== null ? await raceAbort(body, callerSignal) : body;

    for (let attempt = 1; ; attempt++) {
      throwIfAborted(callerSignal);
      context.attempts = attempt;
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
        clock,
      });
      if (callerSignal.aborted) {
        if ('response' in result) {
          result.release();
          discardBody(result.response);
        }
        throw callerSignal.reason;
      }
      if ('fatal' in result) throw result.fatal;

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
        attempt,
        options: retry,
        now: clock.now(),
        random,
      });

      if (!decision.retry) {
        if ('response' in result) {
          recordAttempts(result.response, attempt);
          return result.response;
        }
        if ('timedOut' in result) {
          throw new KantataTimeoutError({
            method,
            path: context.path,
            attempts: attempt,
            timeoutMs,
          });
        }
        throw new KantataNetworkError(
          { method, path: context.path, attempts: attempt, cause: result.error },
          secrets,
        );
      }

      if ('response' in result) {
        result.release();
        discardBody(result.response);
      }
      notify(options.onRetry, {
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

/** Why a finished attempt's timer was stopped (never seen by callers). */
const ATTEMPT_DONE = 'attempt done';

/**
 * Starts the per-attempt timer and returns its cancel function. With the real clock this is
 * a plain setTimeout: an AbortController per attempt (only needed to cancel an injected
 * clock's sleep) is one of the costliest objects of a call on Node 20.
 */
function startTimer(clock: Clock, ms: number, onTimeout: () => void): () => void {
  if (clock === systemClock) {
    const handle = setTimeout(onTimeout, ms);
    return () => clearTimeout(handle);
  }
  const stop = new AbortController();
  clock.sleep(ms, stop.signal).then(
    () => {
      if (!stop.signal.aborted) onTimeout();
    },
    () => {},
  );
  // An explicit reason: abort() without one builds a DOMException (with a stack).
  return () => stop.abort(ATTEMPT_DONE);
}

type AttemptResult =
  | { response: Response; release: () => void }
  | { timedOut: true }
  | { error: unknown }
  | { fatal: KantataError };

/**
 * One attempt: its own AbortController, aborted by the caller's signal (linked by hand:
 * `AbortSignal.any` is missing from some supported browsers) or by the per-attempt timer.
 * Listeners and the timer are removed when the attempt ends, except that a returned
 * Response with a body keeps the caller link (so the caller can still abort reading the
 * body) until `release()` is called for a discarded response.
 */
async function runAttempt(
  input: Omit<Parameters<typeof sendFollowingRedirects>[0], 'signal'> & {
    signal: AbortSignal;
    timeoutMs: number;
    clock: Clock;
  },
): Promise<AttemptResult> {
  const callerSignal = input.signal;
  const controller = new AbortController();
  let timedOut = false;
  const forwardAbort = (): void => controller.abort(callerSignal.reason);
  const release = (): void => callerSignal.removeEventListener('abort', forwardAbort);
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  const stopTimer =
    input.timeoutMs > 0 && input.timeoutMs !== Number.POSITIVE_INFINITY
      ? startTimer(input.clock, input.timeoutMs, () => {
          timedOut = true;
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        })
      : undefined;
  let keepLink = false;
  try {
    const response = await sendFollowingRedirects({ ...input, signal: controller.signal });
    keepLink = response.body !== null;
    return { response, release };
  } catch (error) {
    if (timedOut && !callerSignal.aborted) return { timedOut: true };
    if (error instanceof KantataError) return { fatal: error };
    return { error };
  } finally {
    stopTimer?.();
    if (!keepLink) release();
  }
}

/**
 * How an attempt is handed to fetch. An injected fetch gets a Request (the `FetchLike`
 * contract), with any extension init (e.g. an undici `dispatcher`) as its second argument.
 * The platform's fetch, looked up now (it may be installed or mocked after import), gets
 * the URL and init as they are: given a Request with a body, undici copies it into a new
 * Request through a TransformStream, about 100 µs per POST on loopback.
 */
function senderFor(custom: FetchLike | undefined, extension: RequestInit | undefined): Sender {
  if (custom !== undefined) return (url, init) => custom(new Request(url, init), extension);
  const platformFetch = globalThis.fetch;
  if (typeof platformFetch !== 'function') {
    throw new KantataInputError('fetch', 'no fetch implementation is available');
  }
  // Always called with the global as `this` (browsers throw "Illegal invocation" otherwise).
  return (url, init) =>
    platformFetch.call(globalThis, url, extension === undefined ? init : { ...init, ...extension });
}

async function resolveToken(source: () => string | Promise<string>): Promise<string> {
  const token = await source();
  assertToken(token);
  return token;
}

// Visible ASCII only: a header value with CR/LF or spaces would be refused by Headers with
// a TypeError that quotes the value, i.e. the token. Never echo the token in our message.
function assertToken(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token === '') {
    throw new KantataInputError('token', 'must be a non-empty string');
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new KantataInputError('token', 'must contain only visible ASCII characters');
  }
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

// Standard RequestInit members are already on the Request; anything else (e.g. undici's
// `dispatcher`, passed by openapi-fetch as `requestInitExt`) is forwarded to fetch.
const STANDARD_INIT_KEYS = new Set([
  'body',
  'cache',
  'credentials',
  'duplex',
  'headers',
  'integrity',
  'keepalive',
  'method',
  'mode',
  'priority',
  'redirect',
  'referrer',
  'referrerPolicy',
  'signal',
  'window',
]);

function extensionInit(init: RequestInit | undefined): RequestInit | undefined {
  if (init === undefined || init === null) return undefined;
  const entries = Object.entries(init).filter(([key]) => !STANDARD_INIT_KEYS.has(key));
  return entries.length > 0 ? (Object.fromEntries(entries) as RequestInit) : undefined;
}

function notify(hook: TransportOptions['onRetry'], event: RetryEvent): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // A logging hook must not turn a recoverable failure into a hard one.
  }
}
