/**
 * The spec model: what the bundled OpenAPI document says about each resource, read once by
 * `buildModel` and walked by every generator, the contract tests and the spec diff.
 */
import type { JsonObject } from './json';

/** Which helper an operation backs, from its method and path shape. */
export type Action = 'list' | 'get' | 'create' | 'update' | 'delete';

/** How a filtering query parameter compares (`x-kantata-filter.op`). */
export type FilterOp = 'eq' | 'in' | 'gt' | 'lt';

/** What a shaping query parameter does (`x-kantata-role`). */
export type ParameterRole = 'page' | 'per-page' | 'limit' | 'offset' | 'only' | 'order';

/** `x-kantata-filter`: the object's field a parameter compares, and how. */
export interface FilterRule {
  field: string;
  op: FilterOp;
}

/** One entry of `x-kantata-includes`. */
export interface IncludeRule {
  /** The side-loaded map the associated objects land in, e.g. `organizations`. */
  key: string;
  /** The primary object's field that holds the associated object's id. */
  foreignKey: string;
  /** Field values the associated object must have, e.g. `{ type: 'Department' }`. */
  match?: Record<string, string | number | boolean>;
}

/** The bulk form of a create operation (`x-kantata-bulk`, limit from the array's `maxItems`). */
export interface BulkRule {
  singleKey: string;
  bulkKey: string;
  limit: number;
}

/** The JSON request body of a create or update operation. */
export interface BodyModel {
  /** Whether the request must carry a body. */
  required: boolean;
  /** Component name of the whole body schema, e.g. `OrganizationMembershipCreateBody`. */
  schema: string;
  /** The singular key one object goes under, e.g. `organization_membership`. */
  key: string;
  /** Component name of one object's schema, e.g. `OrganizationMembershipCreateFields`. */
  itemSchema: string;
  /** Fields an object may carry. */
  fields: string[];
  /** Fields an object must carry. */
  requiredFields: string[];
  /** The bulk form, for create operations that have one. */
  bulk?: BulkRule;
}

/** One parameter, with its schema resolved inline. */
export interface ParameterModel {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  style: string;
  explode: boolean;
  /** The parameter's JSON Schema, references resolved, prose and extensions dropped. */
  schema: JsonObject;
  role?: ParameterRole;
  filter?: FilterRule;
  /** Set on the `include` parameter (`x-kantata-includes`). */
  includes?: Record<string, IncludeRule>;
}

/** One documented response. */
export interface ResponseModel {
  /** Component name of the JSON body schema, or undefined for a response without a body. */
  schema: string | undefined;
  /** Header names, lower-case. */
  headers: string[];
  /** Named examples, by name (values inline). */
  examples: Record<string, unknown>;
}

/** One operation of the spec. */
export interface OperationModel {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template, e.g. `/organization_memberships/{id}`. */
  path: string;
  action: Action;
  objectsKey: string;
  paginated: boolean;
  parameters: ParameterModel[];
  /** The request body, for create and update. */
  body?: BodyModel;
  /** Named request-body examples. */
  requestExamples: Record<string, unknown>;
  /** By status code. */
  responses: Record<string, ResponseModel>;
}

/** What a timestamp property records (`x-kantata-timestamp`). */
export type TimestampKind = 'created' | 'updated';

/**
 * The object's timestamp properties, by kind: `created` is set by the server when it creates
 * the object and never changes; `updated` is set on create and on every change.
 */
export type Timestamps = { [K in TimestampKind]?: string };

/** One resource: the operations sharing an objects key. */
export interface ResourceModel {
  /** camelCase of the objects key: the client's helper name, e.g. `organizationMemberships`. */
  name: string;
  /** The envelope map holding the resource's objects, e.g. `organization_memberships`. */
  objectsKey: string;
  operations: Partial<Record<Action, OperationModel>>;
  /** Component names of the resource's schemas. */
  schemas: { object: string; envelope: string; create?: string; update?: string };
  includes: Record<string, IncludeRule>;
  /** Side-loaded maps the envelope may carry: map key → component name of its objects. */
  sideLoaded: Record<string, string>;
  /** Filtering query parameters of the list operation, by parameter name. */
  filters: Record<string, FilterRule>;
  /** Object fields sent only when an association is included: field → include name. */
  whenIncluded: Record<string, string>;
  /** The object's timestamp properties (`x-kantata-timestamp`), by kind. */
  timestamps: Timestamps;
  /** `per_page`'s default and maximum, for resources whose list paginates. */
  paging?: { default: number; max: number };
  /** The `order` parameter of the list operation, when it has one. */
  order?: { parameter: string; default: string | undefined; values: string[] };
}

/** Everything the generators need, read once from the bundled document. */
export interface SpecModel {
  /** The bundled document itself (for tools that need more than the model says). */
  document: JsonObject;
  version: string;
  title: string;
  /** The first server URL, e.g. `https://api.mavenlink.com/api/v1`. */
  serverUrl: string;
  /** Its path, e.g. `/api/v1`. */
  basePath: string;
  /**
   * How long the server may go on working on a request, in seconds
   * (`x-kantata-server-timeout-seconds`), when the spec states it.
   */
  serverTimeoutSeconds: number | undefined;
  /** By objects key, in the order their paths appear in the spec. */
  resources: Record<string, ResourceModel>;
  /** Every operation, in path order and then method order. */
  operations: OperationModel[];
  /** `components.schemas`, by name (references between them kept). */
  schemas: Record<string, JsonObject>;
}
