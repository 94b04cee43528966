/**
 * The one factory of request errors built from an answer: `toApiError` for an HTTP error
 * status (reading the body once, with a bound), `toResponseError` for a success whose body
 * cannot be used, `toNotFoundError` for a list without the object asked for, `bodyReadError`
 * for a body that failed to arrive. Each masks whatever the server echoed. (The transport
 * builds its timeout and network errors from the classes directly: there is no answer.)
 */

import { isObject, mediaTypeOf, notJson } from '../helpers/json.js';
import { attemptsOf } from '../transport/attempts.js';
import {
  type ApiErrorDetail,
  KantataApiError,
  KantataError,
  KantataNetworkError,
  KantataNotFoundError,
  KantataResponseError,
} from './classes.js';
import { readBodyText } from './read-body.js';
import { maskedLength, redact } from './redact.js';
import { safePath } from './safe-path.js';

/** How much of a body is kept on `KantataApiError.body`. */
export const MAX_ERROR_BODY_CHARS = 2048;
// How much is read to find the `errors` list; error bodies are small, HTML pages may not be.
const MAX_READ_BYTES = 64 * 1024;
// How much of a body is masked to keep MAX_ERROR_BODY_CHARS of it, masks shortening the text.
const MASKED_CHARS = 4 * MAX_ERROR_BODY_CHARS;

/** What `toApiError` (and `client.toApiError`) is told about the request an answer is for. */
export interface ApiErrorContext {
  /** The request's method, e.g. `'PUT'`. */
  method: string;
  /** The request's path, or its full URL: only the pathname is kept, masked. */
  path: string;
  /** How many attempts it took; defaults to what the transport recorded, else 1. */
  attempts?: number | undefined;
  /** The body's text, if it was already read elsewhere (for example by openapi-fetch). */
  body?: string | undefined;
  /**
   * Text to mask (e.g. the token) in the body, the error details, the request id and the path,
   * with each of its encoded forms. The standalone `toApiError` masks only these (and any
   * `Bearer <value>`); `client.toApiError` masks the client's tokens too.
   */
  secrets?: readonly string[] | undefined;
}

/**
 * Reads an error response's body once and builds a `KantataApiError`.
 *
 * This standalone function knows no token: it masks only the `secrets` it is given. Prefer
 * `client.toApiError`, which masks the client's token without being told.
 *
 * @example
 * const { response } = await client.raw.PUT('/organization_memberships/{id}', ...);
 * if (!response.ok) throw await toApiError(response, { method: 'PUT', path: '/organization_memberships/5', secrets: [token] });
 */
export async function toApiError(
  response: Response,
  context: ApiErrorContext,
): Promise<KantataApiError> {
  const { secrets } = context;
  const read =
    context.body !== undefined
      ? { text: context.body }
      : await readBodyText(response, MAX_READ_BYTES);
  const parsed =
    read.error !== undefined
      ? { errors: [], problem: read.error }
      : parseErrorBody(read.text, mediaTypeOf(response), read.truncated === true);
  return new KantataApiError({
    ...origin(response, context),
    status: response.status,
    errors: parsed.errors.map((e) => redactDetail(e, secrets)),
    body: keptBody(read.text, secrets, read.truncated === true),
    problem: parsed.problem,
  });
}

/**
 * Builds a `KantataResponseError` for a success whose body cannot be used: `problem` says
 * why, `text` is the body as read. `attempts` is what the transport recorded, else 1.
 *
 * @example
 * throw toResponseError(response, { method: 'GET', path: '/users', text, problem: 'no `results` array' });
 */
export function toResponseError(
  response: Response,
  context: RequestWhere & { text: string; problem: string },
): KantataResponseError {
  const { secrets } = context;
  return new KantataResponseError({
    ...origin(response, context),
    status: response.status,
    errors: [],
    body: keptBody(context.text, secrets),
    problem: clip(redact(context.problem, secrets), 300),
  });
}

/**
 * Builds the `KantataNotFoundError` of a list that answered without the object asked for
 * (`what`, e.g. `user_group_memberships with id 77`): status 404, the attempts the transport
 * recorded for that answer.
 *
 * @example
 * throw toNotFoundError(response, { method: 'GET', path: '/user_group_memberships', what: 'user_group_memberships with id 77' });
 */
export function toNotFoundError(
  response: Response,
  context: RequestWhere & { what: string },
): KantataNotFoundError {
  return new KantataNotFoundError({
    ...origin(response, context),
    status: 404,
    errors: [{ type: 'system', message: `No ${context.what}` }],
    body: '',
  });
}

/** The request an error is about: how it names it, and what it masks. */
export interface RequestWhere {
  method: string;
  /** Relative to the base URL, or a full URL: only the pathname is kept, masked. */
  path: string;
  /** Defaults to what the transport recorded for the Response, else 1. */
  attempts?: number | undefined;
  secrets?: readonly string[] | undefined;
}

/**
 * What a failure while reading an answer's body becomes. The transport throws only typed
 * errors or the caller's abort reason; a bare TypeError comes from the body itself (a socket
 * closed mid-body, a corrupt gzip stream...): a `KantataNetworkError`, never an untyped one.
 *
 * @example
 * throw bodyReadError(cause, signal, { method: 'GET', path: '/users', attempts: 1 });
 */
export function bodyReadError(
  cause: unknown,
  signal: AbortSignal | undefined,
  where: RequestWhere & { attempts: number },
): unknown {
  if (cause instanceof KantataError || !(cause instanceof TypeError)) return cause;
  if (signal?.aborted && cause === signal.reason) return cause;
  const { secrets, ...context } = where;
  return new KantataNetworkError(
    { ...context, cause, detail: 'the response body could not be read' },
    secrets,
  );
}

/** Where an answer came from, as each of its errors says it: request id, method, path, attempts. */
function origin(response: Response, context: RequestWhere) {
  const { secrets } = context;
  const requestId = response.headers.get('x-request-id');
  return {
    requestId: requestId ? redact(requestId.slice(0, 200), secrets) : undefined,
    method: context.method.toUpperCase(),
    path: safePath(context.path, secrets),
    attempts: context.attempts ?? attemptsOf(response) ?? 1,
  };
}

/**
 * The start of a body as an error keeps it: masked, then cut to `MAX_ERROR_BODY_CHARS` with
 * the cut marked. Only a generous start of a long body is masked (a page can be megabytes);
 * a secret cut in two where the text was cut (here, or by a bounded read: `cut`) is not
 * masked, so whatever could be its first part is dropped before the start is kept.
 */
function keptBody(text: string, secrets: readonly string[] = [], cut = false): string {
  const sliced = cut || text.length > MASKED_CHARS;
  let masked = redact(sliced ? text.slice(0, MASKED_CHARS) : text, secrets);
  if (sliced) {
    const longest = Math.max(0, ...secrets.map(maskedLength));
    masked = masked.slice(0, Math.max(0, masked.length - longest));
  }
  return sliced ? `${masked.slice(0, MAX_ERROR_BODY_CHARS)}…` : clip(masked, MAX_ERROR_BODY_CHARS);
}

/** Server-sent text kept short, the cut marked (after masking, so no secret is cut). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Finds the `errors` list in a body, or says what was wrong with the body. */
function parseErrorBody(
  text: string,
  mediaType: string,
  truncated: boolean,
): { errors: ApiErrorDetail[]; problem: string } {
  if (text.trim() === '') return { errors: [], problem: 'empty response body' };
  const notJsonProblem = notJson(mediaType);
  if (notJsonProblem !== undefined) return { errors: [], problem: notJsonProblem };
  if (truncated) return { errors: [], problem: 'response body too large to be a JSON error' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { errors: [], problem: 'response body is not valid JSON (truncated?)' };
  }
  // JSON.parse makes `__proto__` an own data property; we only read named fields from
  // `Object.hasOwn` checks and build fresh objects, so nothing can reach Object.prototype.
  const list = isObject(json) && Object.hasOwn(json, 'errors') ? json.errors : undefined;
  if (!Array.isArray(list)) return { errors: [], problem: 'response body has no "errors" list' };
  const errors = list.flatMap((item): ApiErrorDetail[] => {
    if (!isObject(item)) return [];
    const message = ownString(item, 'message');
    const type = ownString(item, 'type');
    if (message === undefined && type === undefined) return [];
    // An undefined `field` is dropped when `redactDetail` copies the entry.
    return [{ type: type ?? 'unknown', message: message ?? '', field: ownString(item, 'field') }];
  });
  // `problem` is only shown when `errors` is empty.
  return { errors, problem: 'response body has no error details' };
}

function ownString(record: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value.slice(0, 500) : undefined;
}

function redactDetail(detail: ApiErrorDetail, secrets?: readonly string[]): ApiErrorDetail {
  const out: ApiErrorDetail = {
    type: redact(detail.type, secrets),
    message: redact(detail.message, secrets),
  };
  if (detail.field !== undefined) out.field = redact(detail.field, secrets);
  return out;
}
