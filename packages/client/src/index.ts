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
export { createKantataClient, type KantataClient, type KantataClientOptions } from './client.js';
export {
  type ApiErrorDetail,
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
  parseRetryAfter,
  type RetryEvent,
  type RetryOptions,
  type TokenSource,
} from './core/index.js';
export type {
  Created,
  CreateFields,
  CreateManyOptions,
  CreateManyResult,
  Failed,
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
