/**
 * The shape of the runtime resource table (`resources.gen.ts`): what the spec says about each
 * resource, as plain data the client and the fake run on.
 */
// Declared once, here: the spec model builds the table (`SpecModel.table`), @kantata-ox/types
// ships it (`@kantata-ox/types/resources`) and re-exports these types, which its build inlines
// into the published declarations. So this file imports nothing and declares only the table.

/** Which helper an operation backs. */
export type Action = 'list' | 'get' | 'create' | 'update' | 'delete';

/** `x-kantata-filter`: the object field a query parameter compares, and how. */
export interface FilterRule {
  readonly field: string;
  readonly op: 'eq' | 'in' | 'gt' | 'lt';
}

/** One entry of `x-kantata-includes`. */
export interface IncludeRule {
  /** The side-loaded map the associated objects land in. */
  readonly key: string;
  /** The field of the primary object that holds the associated object's id. */
  readonly foreignKey: string;
  /** Field values the associated object must have, e.g. `{ type: 'Department' }`. */
  readonly match?: Readonly<Record<string, string | number | boolean>>;
}

/** A parameter: where it goes, its JSON Schema, and what it does. */
export interface ParameterFacts {
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required?: boolean;
  /** JSON Schema of the value, references resolved. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** `x-kantata-role` of a paging or shaping parameter; `include` for the one with `x-kantata-includes`. */
  readonly role?: 'page' | 'per-page' | 'limit' | 'offset' | 'only' | 'order' | 'include';
  readonly filter?: FilterRule;
}

/** The JSON body of a create or update. */
export interface BodyFacts {
  /** The singular key the fields go under. */
  readonly key: string;
  /** Fields an object may carry. */
  readonly fields: readonly string[];
  /** Fields an object must carry. */
  readonly required: readonly string[];
  /** The plural key and the most objects one bulk request may carry (its `maxItems`). */
  readonly bulk?: { readonly key: string; readonly limit: number };
}

/** One operation. */
export interface OperationFacts {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template, e.g. `/organization_memberships/{id}`. */
  readonly path: string;
  readonly paginated: boolean;
  /** By name. */
  readonly parameters: Readonly<Record<string, ParameterFacts>>;
  readonly body?: BodyFacts;
}

/** One resource. */
export interface ResourceFacts {
  /** The envelope map holding its objects, e.g. `organization_memberships`. */
  readonly objectsKey: string;
  /** Component names of its schemas. */
  readonly schemas: {
    readonly object: string;
    readonly envelope: string;
    readonly create?: string;
    readonly update?: string;
  };
  readonly includes: Readonly<Record<string, IncludeRule>>;
  /** Side-loaded map key → component name of its objects. */
  readonly sideLoaded: Readonly<Record<string, string>>;
  /** Object fields sent only when an association is included: field → include name. */
  readonly whenIncluded: Readonly<Record<string, string>>;
  /**
   * The object's timestamp properties (`x-kantata-timestamp`): `created` is set by the server
   * when it creates the object and never changes; `updated` on create and on every change.
   */
  readonly timestamps: { readonly created?: string; readonly updated?: string };
  /** `per_page`'s default and maximum. */
  readonly paging?: { readonly default: number; readonly max: number };
  /** The list's `order` parameter. */
  readonly order?: {
    readonly parameter: string;
    readonly default: string | undefined;
    readonly values: readonly string[];
  };
  readonly operations: { readonly [A in Action]?: OperationFacts };
}

/** Every resource, by helper name (camelCase of the objects key). */
export type ResourceTable = Readonly<Record<string, ResourceFacts>>;
