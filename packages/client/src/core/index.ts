/** The transport core: errors, retry policy, id and base-URL checks, and the fetch wrapper. */

export { attemptsOf } from './attempts.js';
export { assertSafeBaseUrl } from './base-url.js';
export { RequestWithKnownBody } from './body.js';
export { type Clock, systemClock } from './clock.js';
export {
  type ApiErrorDetail,
  findErrorCode,
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
  MAX_ERROR_BODY_CHARS,
  type RequestContext,
  safePath,
  toApiError,
} from './errors.js';
export { assertId } from './ids.js';
export { REDACTED, redact, redactError } from './redact.js';
export { type FetchLike, MAX_REDIRECTS } from './redirects.js';
export {
  type AttemptOutcome,
  backoffDelay,
  DEFAULT_RETRY_OPTIONS,
  isConnectionRefused,
  isIdempotent,
  parseRetryAfter,
  type RetryDecision,
  type RetryInput,
  type RetryOptions,
  type RetryReason,
  resolveRetryOptions,
  retryDecision,
  type StopReason,
} from './retry.js';
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type RetryEvent,
  type TokenSource,
  type Transport,
  type TransportOptions,
} from './transport.js';
