/**
 * @kantata-ox/client — a typed, retrying, paginating client for the Kantata OX API.
 *
 * @example
 * import { createKantataClient, KantataApiError } from '@kantata-ox/client';
 *
 * const kantata = createKantataClient({ token: process.env.KANTATA_TOKEN! });
 * for await (const membership of kantata.organizationMemberships.listAll({ member_type: 'User' })) {
 *   console.log(membership.id);
 * }
 */

export { resources, serverUrl as defaultBaseUrl, specVersion } from '@kantata-ox/types/resources';
// The type `use()` and `eject()` take, so that middleware can be typed without importing
// openapi-fetch (which a strict package manager does not let a user import undeclared).
export type { Middleware } from 'openapi-fetch';
export type {
  Created,
  CreateManyOptions,
  CreateManyProgress,
  CreateManyResult,
  Failed,
  FailureErrors,
  FailureReason,
} from './bulk/types.js';
export { createKantataClient, type KantataClient, type KantataClientOptions } from './client.js';
export {
  type ApiErrorDetail,
  type ApiErrorInit,
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataNotFoundError,
  KantataNotSentError,
  KantataProgressError,
  KantataRequestError,
  KantataResponseError,
  KantataTimeoutError,
  KantataUnknownOutcomeError,
  type RequestContext,
} from './errors/classes.js';
export { type ApiErrorContext, toApiError } from './errors/factory.js';
export type { Clock } from './transport/clock.js';
export type { RetryEvent, TokenSource } from './transport/options.js';
export type { RateLimitEvent, RateLimitOptions } from './transport/rate-limit-options.js';
export type { FetchLike } from './transport/redirects.js';
export {
  parseRetryAfter,
  type RetryOptions,
  type RetryOverrides,
  type RetryReason,
} from './transport/retry.js';
export type {
  CreateFields,
  IncludedObject,
  IncludeOf,
  IncludeOptions,
  ListAllOptions,
  ListQuery,
  ObjectOf,
  Page,
  RequestOptions,
  ResourceClient,
  ResourceName,
  UpdateFields,
  WithIncludes,
} from './types.js';
