/**
 * The error hierarchy of the client: classes only, each matchable with `instanceof`.
 *
 *   KantataError                 every error the client creates
 *   ├─ KantataInputError         bad input, refused before any request
 *   └─ KantataRequestError       a request was made: `method`, `path`, `attempts`
 *      ├─ KantataApiError        the API answered with an HTTP error status
 *      │  ├─ KantataResponseError  …or with a success whose body cannot be used
 *      │  └─ KantataNotFoundError  …or the client found no object with the id asked for
 *      ├─ KantataTimeoutError    every attempt ran out of time
 *      └─ KantataNetworkError    the request failed below HTTP
 *   KantataNotSentError          (createMany) an input surely not created: never sent, or not again
 *   KantataUnknownOutcomeError   (createMany) an input that may or may not have been created
 *
 * Safety rule: no error ever holds a Request, a Headers object or the token. Whoever builds
 * one masks what the server sent (`redact`); `toJSON` lists safe fields only.
 *
 * A caller's own abort is NOT wrapped: the transport re-throws the caller's `signal.reason`
 * unchanged (a `DOMException` named `AbortError` unless the caller chose another reason),
 * which is what the platform's `fetch` does.
 *
 * Recognisable across copies of the package: an application can load the ESM and the CommonJS
 * build side by side (or two versions), and an error of one must pass `instanceof` against the
 * classes of the other. Each class marks its prototype with a `Symbol.for` brand of its own
 * name, and `instanceof` looks for that brand. The name is set on each prototype from a string,
 * so bundling does not rename what `name` and printed errors show.
 */
import type { CreateManyResult } from '../bulk/types.js';
import { findErrorCode } from './code.js';
import { redactError } from './redact.js';

/** One entry of the API's `{"errors":[...]}` body. */
export interface ApiErrorDetail {
  type: string;
  message: string;
  field?: string;
}

/** Where an error happened: the HTTP method, the path (pathname + search) and attempts made. */
export interface RequestContext {
  method: string;
  path: string;
  attempts: number;
}

// The fields `toJSON` lists, whichever class has them: what a log may keep.
const SAFE_FIELDS = [
  'field',
  'reason',
  'method',
  'path',
  'attempts',
  'status',
  'errors',
  'requestId',
  'timeoutMs',
  'code',
] as const;

/** The brand of each of our classes (see above); a user's subclass has none of its own. */
const brands = new WeakMap<object, symbol>();

/** Names a class and brands its prototype, right after its body: `brand(KantataError, 'KantataError')`. */
function brand(errorClass: { prototype: Error }, name: string): void {
  const key = Symbol.for(`@kantata-ox/client/${name}`);
  brands.set(errorClass, key);
  // On the prototype (not an own field) so the stack header already says the right name.
  errorClass.prototype.name = name;
  Object.defineProperty(errorClass.prototype, key, { value: true });
}

/**
 * Base class of every error thrown by the client.
 *
 * @example
 * try { await kantata.organizationMemberships.list(); }
 * catch (error) { if (error instanceof KantataError) log.warn(JSON.stringify(error)); }
 */
export class KantataError extends Error {
  /** `error instanceof KantataApiError` also holds for an error of another copy of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of instanceof, maybe a subclass
    const key = brands.get(this);
    // biome-ignore lint/complexity/noThisInStatic: the same class, for the usual prototype check
    if (key === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && key in value;
  }

  /** Safe, loggable fields only: never `body`, `cause` or `stack`. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of SAFE_FIELDS) if (key in this) json[key] = this[key as keyof this];
    return json;
  }
}
brand(KantataError, 'KantataError');

/**
 * Bad input caught before any request was made (an id, a base URL, an option...).
 *
 * @example
 * new KantataInputError('id', 'must be a positive integer').message; // 'Invalid id: must be ...'
 */
export class KantataInputError extends KantataError {
  /** Which input was wrong, e.g. `id`, `baseUrl`, `retry.maxRetries`. */
  declare readonly field: string;
  /** Why it was refused, e.g. `must be a positive integer`. */
  declare readonly reason: string;

  constructor(field: string, reason: string) {
    super(`Invalid ${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}
brand(KantataInputError, 'KantataInputError');

/**
 * Base class of the errors of a request that was made: where it went and how many attempts.
 *
 * @example
 * if (error instanceof KantataRequestError) console.warn(error.method, error.path, error.attempts);
 */
export class KantataRequestError extends KantataError {
  declare readonly method: string;
  /** Pathname and search of the request, masked; never the origin or credentials. */
  declare readonly path: string;
  /** Attempts made, retries included (1 = no retry). */
  declare readonly attempts: number;

  constructor(message: string, context: RequestContext, options?: ErrorOptions) {
    super(message, options);
    this.method = context.method;
    this.path = context.path;
    this.attempts = context.attempts;
  }
}
brand(KantataRequestError, 'KantataRequestError');

/** What a `KantataApiError` is built from. */
export interface ApiErrorInit extends RequestContext {
  status: number;
  errors: readonly ApiErrorDetail[];
  requestId?: string | undefined;
  body: string;
  /** What to say when `errors` is empty, e.g. `expected a JSON body but got text/html`. */
  problem?: string | undefined;
}

/**
 * The API answered with an HTTP error status (see `toApiError`). Its subclasses cover the
 * answers that are not a usable result either: `KantataResponseError` (a success whose body
 * cannot be used) and `KantataNotFoundError`.
 *
 * @example
 * if (error instanceof KantataApiError && error.status === 422) showFieldErrors(error.errors);
 */
export class KantataApiError extends KantataRequestError {
  /** The HTTP status the server sent (except for `KantataNotFoundError`, see there). */
  declare readonly status: number;
  /** Parsed from `{"errors":[...]}`; empty when the body had none. */
  declare readonly errors: readonly ApiErrorDetail[];
  /** From the `x-request-id` response header, for support tickets. */
  declare readonly requestId: string | undefined;
  /** The raw body text, truncated to about 2 kB and masked. */
  declare readonly body: string;

  constructor(init: ApiErrorInit) {
    const detail =
      init.errors.length > 0 ? init.errors.map(describeDetail).join('; ') : init.problem;
    super(
      `${init.method} ${init.path} failed with ${init.status}${detail ? `: ${detail}` : ''}`,
      init,
    );
    this.status = init.status;
    this.errors = init.errors;
    this.requestId = init.requestId;
    this.body = init.body;
  }
}
brand(KantataApiError, 'KantataApiError');

/**
 * The API answered with a success status, but its body cannot be used: not JSON, an HTML
 * page, empty, or an envelope without the objects it should hold. `status` is the success
 * status sent and `errors` is empty; the message says what was wrong. It extends
 * `KantataApiError`, so code written before this class existed still catches it.
 *
 * @example
 * if (error instanceof KantataResponseError) console.warn('the API sent an unusable answer', error.body);
 */
export class KantataResponseError extends KantataApiError {}
brand(KantataResponseError, 'KantataResponseError');

/**
 * No object has the id asked for, as found by the client itself: for a resource whose API
 * has no get-one, `get` asks `list` for that id (`?only=<id>`), and the list answered without
 * it. The server sent a success; `status` is 404 so that code checking `status === 404` treats
 * both kinds of "not found" alike. A 404 sent by the server is a plain `KantataApiError`.
 *
 * @example
 * if (error instanceof KantataApiError && error.status === 404) return undefined;
 */
export class KantataNotFoundError extends KantataApiError {}
brand(KantataNotFoundError, 'KantataNotFoundError');

/**
 * Every attempt ran out of time (the per-attempt `timeoutMs`).
 *
 * @example
 * if (error instanceof KantataTimeoutError) console.warn(`gave up after ${error.attempts} attempts`);
 */
export class KantataTimeoutError extends KantataRequestError {
  declare readonly timeoutMs: number;

  constructor(init: RequestContext & { timeoutMs: number }) {
    super(
      `${init.method} ${init.path} timed out after ${init.timeoutMs} ms (${plural(init.attempts)})`,
      init,
    );
    this.timeoutMs = init.timeoutMs;
  }
}
brand(KantataTimeoutError, 'KantataTimeoutError');

/**
 * The request failed below HTTP (DNS, refused or reset connection, TLS, too many
 * redirects, in a browser a CORS refusal...). `cause` is a masked copy of what fetch threw
 * (see `redactError`). A browser's bare `TypeError` ("Failed to fetch", "Load failed"...)
 * gets a message naming CORS or the network as the likely cause.
 *
 * @example
 * if (error instanceof KantataNetworkError && error.code === 'ECONNREFUSED') startTheServer();
 */
export class KantataNetworkError extends KantataRequestError {
  /** A system error code such as `ECONNREFUSED`, when one was found in the cause chain. */
  declare readonly code: string | undefined;

  constructor(
    init: RequestContext & { cause?: unknown; code?: string | undefined; detail?: string },
    secrets?: readonly string[],
  ) {
    const cause = redactError(init.cause, secrets);
    const detail =
      init.detail ??
      (cause instanceof Error
        ? cause.message + (isBrowserFetchFailure(init.cause) ? BROWSER_HINT : '')
        : 'network error');
    const code = init.code ?? findErrorCode(init.cause);
    super(
      `${init.method} ${init.path} failed after ${plural(init.attempts)}: ${detail}${
        code && !detail.includes(code) ? ` (${code})` : ''
      }`,
      init,
      cause === undefined ? undefined : { cause },
    );
    this.code = code;
  }
}
brand(KantataNetworkError, 'KantataNetworkError');

/**
 * `createMany` did not create this input and is sure of it: the job was aborted before the
 * input was sent, or its answers were lost more often than `maxResends` allows and reading
 * back found it absent. `cause` is the abort reason or the last failed request's error.
 * Safe to send again.
 *
 * @example
 * const retry = result.failed.filter((f) => f.error instanceof KantataNotSentError).map((f) => f.input);
 */
export class KantataNotSentError extends KantataError {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}
brand(KantataNotSentError, 'KantataNotSentError');

/**
 * `createMany` cannot tell whether this input was created: its request's answer was lost and
 * reading back was impossible too (turned off, not possible for the resource, failed, or the
 * job was aborted). `cause` is the failed request's error; `readBackCause` says why reading
 * back did not decide. Sending it again may create it twice: look it up first.
 *
 * @example
 * if (failure.error instanceof KantataUnknownOutcomeError) console.warn(failure.error.readBackCause);
 */
export class KantataUnknownOutcomeError extends KantataError {
  /** Why reading back did not decide: its error, the abort reason, or a `KantataError` saying so. */
  declare readonly readBackCause: unknown;

  constructor(message: string, cause: unknown, readBackCause: unknown) {
    super(message, { cause });
    this.readBackCause = readBackCause;
  }
}
brand(KantataUnknownOutcomeError, 'KantataUnknownOutcomeError');

/**
 * `createMany`'s `onProgress` threw. The job went on regardless (stopping would leave requests
 * in flight unaccounted for) and settled every input: `result` is what it did, exactly as the
 * call would have returned it; `cause` is the first error the callback threw.
 *
 * @example
 * catch (error) { if (error instanceof KantataProgressError) save(error.result.created); }
 */
export class KantataProgressError<T = Record<string, unknown>, F = unknown> extends KantataError {
  /** What the job did with each input: `{ created, failed }`, as `createMany` returns it. */
  declare readonly result: CreateManyResult<T, F>;

  constructor(result: CreateManyResult<T, F>, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `onProgress threw (${why}); the job settled every input all the same: ${result.created.length} created, ${result.failed.length} failed (see error.result)`,
      { cause },
    );
    this.result = result;
  }
}
brand(KantataProgressError, 'KantataProgressError');

/**
 * What a browser's fetch rejects with, whatever went wrong below HTTP: Chromium's
 * `Failed to fetch`, Firefox's `NetworkError when attempting to fetch resource.`, Safari's
 * `Load failed`. A page is never told why (a CORS refusal looks the same as a dead network).
 */
const BROWSER_FETCH_FAILURE = /^(?:Failed to fetch|NetworkError when|Load failed)/;
const BROWSER_HINT = ' (likely CORS or the network; the browser gives no reason)';

function isBrowserFetchFailure(cause: unknown): boolean {
  return cause instanceof TypeError && BROWSER_FETCH_FAILURE.test(cause.message);
}

function describeDetail(detail: ApiErrorDetail): string {
  const where = detail.field === undefined ? '' : `, field ${detail.field}`;
  return `${detail.message || detail.type} (${detail.type}${where})`;
}

function plural(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
