/**
 * Types for the Kantata OX API, generated from the OpenAPI spec by openapi-typescript.
 *
 * `paths`, `components` and `operations` are the raw generated types (feed `paths` to
 * openapi-fetch); every schema and every operation's query also has a friendly name.
 * Types only: the runtime table of resources is `@kantata-ox/types/resources`.
 *
 * @example
 * import type { OrganizationMembership, ListOrganizationMembershipsQuery } from '@kantata-ox/types';
 * const query: ListOrganizationMembershipsQuery = { member_type: 'User', per_page: 200 };
 */
export type * from './aliases.gen.js';
export type * from './helpers.js';
export type { components, operations, paths } from './schema.gen.js';
export type * from './table.js';
