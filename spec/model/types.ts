/**
 * The spec model: what the bundled OpenAPI document says about each resource, read once by
 * `buildModel` and walked by every generator, the contract tests and the spec diff.
 */
import type { JsonObject } from './json';
import type {
  Action,
  BodyFacts,
  FilterRule,
  IncludeRule,
  OperationFacts,
  ParameterFacts,
  ResourceFacts,
  ResourceTable,
} from './table';

// The table's own types are declared once, in table.ts; the model's types below are the
// table's with what only the tools need added.
export type * from './table';

/** How a filtering query parameter compares (`x-kantata-filter.op`). */
export type FilterOp = FilterRule['op'];

/** What a query parameter does: its `x-kantata-role`, or `include` for `x-kantata-includes`. */
export type ParameterRole = NonNullable<ParameterFacts['role']>;

/** One parameter: the table's facts, with how it is serialised and, on `include`, its rules. */
export interface ParameterModel extends ParameterFacts {
  /** Whether the operation requires it (stated for every parameter, unlike in the table). */
  readonly required: boolean;
  readonly style: string;
  readonly explode: boolean;
  /** The parameter's JSON Schema, references resolved, prose and extensions dropped. */
  readonly schema: JsonObject;
  /** Set on the `include` parameter (`x-kantata-includes`). */
  readonly includes?: Readonly<Record<string, IncludeRule>>;
}

/** The JSON request body of a create or update: the table's facts and the schemas' names. */
export interface BodyModel extends BodyFacts {
  /** Whether the request must carry a body (the request body's `required`). */
  readonly requestRequired: boolean;
  /** Component name of the whole body schema, e.g. `OrganizationMembershipCreateBody`. */
  readonly schema: string;
  /** Component name of one object's schema, e.g. `OrganizationMembershipCreateFields`. */
  readonly itemSchema: string;
}

/** One documented response. */
export interface ResponseModel {
  /** Component name of the JSON body schema, or undefined for a response without a body. */
  readonly schema: string | undefined;
  /** Header names, lower-case. */
  readonly headers: readonly string[];
  /** Named examples, by name (values inline). */
  readonly examples: Readonly<Record<string, unknown>>;
}

/** One operation: the table's facts, with its helper action, responses and examples. */
export interface OperationModel extends OperationFacts {
  readonly action: Action;
  readonly objectsKey: string;
  /** By name, in spec order (path-level ones first). */
  readonly parameters: Readonly<Record<string, ParameterModel>>;
  /** The request body, for create and update. */
  readonly body?: BodyModel;
  /** Named request-body examples. */
  readonly requestExamples: Readonly<Record<string, unknown>>;
  /** By status code. */
  readonly responses: Readonly<Record<string, ResponseModel>>;
}

/** What a timestamp property records (`x-kantata-timestamp`). */
export type TimestampKind = keyof ResourceFacts['timestamps'];

/** The object's timestamp properties, by kind (see `ResourceFacts.timestamps`). */
export type Timestamps = ResourceFacts['timestamps'];

/** One resource: the table's facts, with its helper name, filters and full operations. */
export interface ResourceModel extends ResourceFacts {
  /** The key of the table: camelCase of the objects key, e.g. `organizationMemberships`. */
  readonly name: string;
  /** Filtering query parameters of the list operation, by parameter name. */
  readonly filters: Readonly<Record<string, FilterRule>>;
  readonly operations: { readonly [A in Action]?: OperationModel };
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
  /**
   * The resource table as `@kantata-ox/types/resources` ships it: every resource's facts by
   * helper name, without what only the tools need.
   */
  table: ResourceTable;
  /** Every operation, in path order and then method order. */
  operations: OperationModel[];
  /** `components.schemas`, by name (references between them kept). */
  schemas: Record<string, JsonObject>;
}
