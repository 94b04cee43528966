/**
 * The error hierarchy of the client. Every class can be matched with `instanceof`.
 *
 * Safety rule: no error ever holds a Request, a Headers object or the token. Messages,
 * bodies and causes are masked with `redact`, and `toJSON` lists safe fields only.
 *
 * A caller's own abort is NOT wrapped: the transport re-throws the caller's `signal.reason`
 * unchanged (a `DOMException` named `AbortError` unless the caller chose another reason),
 * which is what the platform's `fetch` does.
 */
import { attemptsOf } from './attempts.js';
import { redact, redactError } from './redact.js';

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

/** Base class of every error thrown by the client. */
export class KantataError extends Error {
  static {
    // On the prototype (not an own field) so the stack header already says the right name.
    KantataError.prototype.name = 'KantataError';
  }

  /** Safe, loggable fields only. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** Bad input caught before any request was made (an id, a base URL, an option...). */
export class KantataInputError extends KantataError {
  static {
    KantataInputError.prototype.name = 'KantataInputError';
  }
  /** Which input was wrong, e.g. `id`, `baseUrl`, `retry.maxRetries`. */
  readonly field: string;
  /** Why it was refused, e.g. `must be a positive integer`. */
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`Invalid ${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field, reason: this.reason };
  }
}

/** The API answered with an HTTP error status. */
export class KantataApiError extends KantataError {
  static {
    KantataApiError.prototype.name = 'KantataApiError';
  }
  readonly status: number;
  /** Parsed from `{"errors":[...]}`; empty when the body had none. */
  readonly errors: readonly ApiErrorDetail[];
  /** From the `x-request-id` response header, for support tickets. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  /** The raw body text, truncated to about 2 kB and masked. */
  readonly body: string;

  constructor(init: {
    status: number;
    errors: readonly ApiErrorDetail[];
    requestId?: string | undefined;
    method: string;
    path: string;
    attempts: number;
    body: string;
    /** What to say when `errors` is empty, e.g. `expected a JSON body but got text/html`. */
    problem?: string | undefined;
  }) {
    const detail =
      init.errors.length > 0 ? init.errors.map(describeDetail).join('; ') : init.problem;
    super(`${init.method} ${init.path} failed with ${init.status}${detail ? `: ${detail}` : ''}`);
    this.status = init.status;
    this.errors = init.errors;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    this.body = init.body;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      errors: this.errors,
      requestId: this.requestId,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}

/** Every attempt ran out of time (the per-attempt `timeoutMs`). */
export class KantataTimeoutError extends KantataError {
  static {
    KantataTimeoutError.prototype.name = 'KantataTimeoutError';
  }
  readonly timeoutMs: number;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(init: RequestContext & { timeoutMs: number }) {
    super(
      `${init.method} ${init.path} timed out after ${init.timeoutMs} ms (${plural(init.attempts)})`,
    );
    this.timeoutMs = init.timeoutMs;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      timeoutMs: this.timeoutMs,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}

/**
 * The request failed below HTTP (DNS, refused or reset connection, TLS, too many
 * redirects...). `cause` is a masked copy of what fetch threw (see `redactError`).
 */
export class KantataNetworkError extends KantataError {
  static {
    KantataNetworkError.prototype.name = 'KantataNetworkError';
  }
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  /** A system error code such as `ECONNREFUSED`, when one was found in the cause chain. */
  readonly code: string | undefined;

  constructor(
    init: RequestContext & { cause?: unknown; code?: string | undefined; detail?: string },
    secrets?: readonly string[],
  ) {
    const cause = redactError(init.cause, secrets);
    const detail = init.detail ?? (cause instanceof Error ? cause.message : 'network error');
    const code = init.code ?? findErrorCode(init.cause);
    super(
      `${init.method} ${init.path} failed after ${plural(init.attempts)}: ${detail}${
        code && !detail.includes(code) ? ` (${code})` : ''
      }`,
      cause === undefined ? undefined : { cause },
    );
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    this.code = code;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      code: this.code,
    };
  }
}

/**
 * The first system error `code` (e.g. `ECONNREFUSED`) found on an error or its `cause` chain,
 * else the first other code in capitals (undici's `UND_ERR_HEADERS_OVERFLOW`, TLS's
 * `CERT_HAS_EXPIRED`): when both are present the system code says more about the connection.
 * Node's fetch throws `TypeError('fetch failed')` with the system error as `cause`.
 *
 * @example
 * findErrorCode(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })); // 'ECONNRESET'
 */
export function findErrorCode(error: unknown): string | undefined {
  let otherCode: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== null && typeof current === 'object'; depth++) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^E[A-Z0-9_]+$/.test(code)) return code;
      if (/^[A-Z][A-Z0-9_]+$/.test(code)) otherCode ??= code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return otherCode;
}

/** How much of a body is kept on `KantataApiError.body`. */
export const MAX_ERROR_BODY_CHARS = 2048;
// How much is read to find the `errors` list; error bodies are small, HTML pages may not be.
const MAX_READ_BYTES = 64 * 1024;

/**
 * Reads an error response's body once and builds a `KantataApiError`.
 *
 * `path` may be a full URL: only its pathname and search are kept. `secrets` (e.g. the
 * token) are masked in the body and path. If the body was already read elsewhere (for
 * example by openapi-fetch), pass its text as `body`. `attempts` defaults to what the
 * transport recorded for this Response (`attemptsOf`), else 1.
 *
 * @example
 * const { response } = await client.raw.PUT('/organization_memberships/{id}', ...);
 * if (!response.ok) throw await toApiError(response, { method: 'PUT', path: '/organization_memberships/5', attempts: 1 });
 */
export async function toApiError(
  response: Response,
  context: {
    method: string;
    path: string;
    attempts?: number;
    body?: string;
    secrets?: readonly string[];
  },
): Promise<KantataApiError> {
  const { secrets } = context;
  const read: BodyRead =
    context.body !== undefined
      ? { text: context.body }
      : await readBodyText(response, MAX_READ_BYTES);
  const contentType = response.headers.get('content-type');
  const parsed =
    read.error !== undefined
      ? { errors: [], problem: read.error }
      : parseErrorBody(read.text, contentType, read.truncated === true);
  const text = redact(read.text, secrets);
  const requestId = response.headers.get('x-request-id');
  return new KantataApiError({
    status: response.status,
    errors: parsed.errors.map((e) => redactDetail(e, secrets)),
    requestId: requestId ? redact(requestId.slice(0, 200), secrets) : undefined,
    method: context.method.toUpperCase(),
    path: safePath(context.path, secrets),
    attempts: context.attempts ?? attemptsOf(response) ?? 1,
    body: text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text,
    problem: parsed.problem,
  });
}

/**
 * Pathname + search of a URL (or path), with secrets masked: never the origin or credentials.
 *
 * @example
 * safePath('https://user:pw@api.example.com/v1/users?page=2'); // '/v1/users?page=2'
 */
export function safePath(pathOrUrl: string, secrets?: readonly string[]): string {
  let path = pathOrUrl;
  try {
    const url = new URL(pathOrUrl, 'http://relative.invalid');
    path = url.pathname + url.search;
  } catch {
    // Not parseable even as a path: keep the text, masked below.
  }
  return redact(path, secrets);
}

/** What was read of a body: all of it, unless `truncated` (too big) or `error` (unreadable). */
interface BodyRead {
  text: string;
  truncated?: boolean;
  error?: string;
}

async function readBodyText(response: Response, limit: number): Promise<BodyRead> {
  if (response.bodyUsed) return { text: '', error: 'the body was already read' };
  if (response.body === null) return { text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode() };
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    // Too big to be a JSON error body: stop reading, free the connection.
    await reader.cancel().catch(() => {});
    return { text, truncated: true };
  } catch {
    return { text, error: 'the body could not be read' };
  } finally {
    reader.releaseLock();
  }
}

const JSON_TYPE_RE = /^application\/(?:[\w.-]+\+)?json$/i;

/** Finds the `errors` list in a body, or says what was wrong with the body. */
function parseErrorBody(
  text: string,
  contentType: string | null,
  truncated: boolean,
): { errors: ApiErrorDetail[]; problem: string } {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (text.trim() === '') return { errors: [], problem: 'empty response body' };
  if (mediaType && !JSON_TYPE_RE.test(mediaType)) {
    return {
      errors: [],
      problem: `expected a JSON body but got ${mediaType.slice(0, 100).replace(/[^\w.+/-]/g, '?')}`,
    };
  }
  if (truncated) return { errors: [], problem: 'response body too large to be a JSON error' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { errors: [], problem: 'response body is not valid JSON (truncated?)' };
  }
  // JSON.parse makes `__proto__` an own data property; we only read named fields from
  // `Object.hasOwn` checks and build fresh objects, so nothing can reach Object.prototype.
  const list = isRecord(json) && Object.hasOwn(json, 'errors') ? json.errors : undefined;
  if (!Array.isArray(list)) return { errors: [], problem: 'response body has no "errors" list' };
  const errors = list.flatMap((item): ApiErrorDetail[] => {
    if (!isRecord(item)) return [];
    const message = ownString(item, 'message');
    const type = ownString(item, 'type');
    if (message === undefined && type === undefined) return [];
    // An undefined `field` is dropped when `redactDetail` copies the entry.
    return [{ type: type ?? 'unknown', message: message ?? '', field: ownString(item, 'field') }];
  });
  // `problem` is only shown when `errors` is empty.
  return { errors, problem: 'response body has no error details' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function describeDetail(detail: ApiErrorDetail): string {
  const where = detail.field === undefined ? '' : `, field ${detail.field}`;
  return `${detail.message || detail.type} (${detail.type}${where})`;
}

function plural(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
