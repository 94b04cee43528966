/**
 * Types for the Kantata OX API, generated from the OpenAPI spec by openapi-typescript.
 *
 * `paths`, `components` and `operations` are the raw generated types (feed `paths` to
 * openapi-fetch); the aliases below give the everyday shapes friendly names.
 *
 * @example
 * import type { OrganizationMembership, ListOrganizationMembershipsQuery } from '@kantata-ox/types';
 * const query: ListOrganizationMembershipsQuery = { member_type: 'User', per_page: 200 };
 */
import type { components, operations } from './schema.gen.js';

export type { components, operations, paths } from './schema.gen.js';

type Schemas = components['schemas'];

/** Every operationId in the spec. */
export type OperationId = keyof operations;
/** The query parameters of an operation (an empty object when it takes none). */
export type QueryOf<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;
/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
/** The JSON body of one response of an operation (`never` for a response without a body). */
export type ResponseOf<
  Op extends OperationId,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

// Objects
export type OrganizationMembership = Schemas['OrganizationMembership'];
export type Organization = Schemas['Organization'];
export type UserGroupMembership = Schemas['UserGroupMembership'];
export type WorkspaceGroup = Schemas['WorkspaceGroup'];
export type User = Schemas['User'];
export type MemberType = Schemas['MemberType'];

// Envelopes and errors
export type Meta = Schemas['Meta'];
export type OrganizationMembershipsEnvelope = Schemas['OrganizationMembershipsEnvelope'];
export type UserGroupMembershipsEnvelope = Schemas['UserGroupMembershipsEnvelope'];
export type ErrorBody = Schemas['ErrorBody'];
export type ApiError = Schemas['ApiError'];

// Request bodies
export type OrganizationMembershipCreateBody = Schemas['OrganizationMembershipCreateBody'];
export type OrganizationMembershipCreateFields = Schemas['OrganizationMembershipCreateFields'];
export type OrganizationMembershipUpdateBody = Schemas['OrganizationMembershipUpdateBody'];
export type OrganizationMembershipUpdateFields = Schemas['OrganizationMembershipUpdateFields'];
export type UserGroupMembershipCreateBody = Schemas['UserGroupMembershipCreateBody'];
export type UserGroupMembershipCreateFields = Schemas['UserGroupMembershipCreateFields'];

// Query parameters
export type ListOrganizationMembershipsQuery = QueryOf<'listOrganizationMemberships'>;
export type GetOrganizationMembershipQuery = QueryOf<'getOrganizationMembership'>;
export type CreateOrganizationMembershipsQuery = QueryOf<'createOrganizationMemberships'>;
export type UpdateOrganizationMembershipQuery = QueryOf<'updateOrganizationMembership'>;
export type ListUserGroupMembershipsQuery = QueryOf<'listUserGroupMemberships'>;
export type CreateUserGroupMembershipsQuery = QueryOf<'createUserGroupMemberships'>;
