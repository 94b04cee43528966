/**
 * Types of the resource helpers, derived from the generated operation table and the
 * generated OpenAPI types: a filter, field or include added to the spec reaches these
 * types with no hand edit.
 */
import type { Meta, OperationId, operations, QueryOf, RequestBodyOf } from '@kantata-ox/types';
import type { resources } from '@kantata-ox/types/resources';

type Table = typeof resources;

/** Name of a resource helper on the client, e.g. `organizationMemberships`. */
export type ResourceName = keyof Table;

type Operations<R extends ResourceName> = Table[R]['operations'];
type ActionOf<R extends ResourceName> = keyof Operations<R>;
type OperationIdOf<R extends ResourceName, A extends string> =
  A extends ActionOf<R>
    ? Operations<R>[A] extends { operationId: infer Id extends OperationId }
      ? Id
      : never
    : never;

type ListOperation<R extends ResourceName> = OperationIdOf<R, 'list'>;
type Envelope<R extends ResourceName> = operations[ListOperation<R>]['responses'] extends {
  200: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
type MapValue<M> = NonNullable<M> extends { [key: string]: infer V } ? V : never;
type IncludeTable<R extends ResourceName> = Table[R]['includes'];

/** The object a resource holds, as the API returns it. */
export type ObjectOf<R extends ResourceName> = MapValue<
  Envelope<R>[Table[R]['objectsKey'] & keyof Envelope<R>]
>;

/** Names accepted by a resource's `include` option. */
export type IncludeOf<R extends ResourceName> = keyof IncludeTable<R> & string;

/** The side-loaded object an include resolves to. */
export type IncludedObject<R extends ResourceName, I extends IncludeOf<R>> = MapValue<
  Envelope<R>[IncludeTable<R>[I] extends { key: infer K extends keyof Envelope<R> } ? K : never]
>;

type ForeignKey<R extends ResourceName, I extends IncludeOf<R>> = IncludeTable<R>[I] extends {
  foreignKey: infer F extends string;
}
  ? F
  : never;

/**
 * An object with the associations that were asked for resolved onto it: `include:
 * ['department']` adds `department: Organization | null` (null when the API sent no match)
 * and makes `department_id` present. Without includes it is the plain object.
 */
export type WithIncludes<R extends ResourceName, I extends IncludeOf<R> = never> = [I] extends [
  never,
]
  ? ObjectOf<R>
  : ObjectOf<R> & { [K in I]: IncludedObject<R, K> | null } & {
      [K in I as ForeignKey<R, K>]-?: NonNullable<
        ObjectOf<R>[ForeignKey<R, K> & keyof ObjectOf<R>]
      >;
    };

/** Options every helper accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the call at once; a cancelled call is never retried. */
  signal?: AbortSignal;
}

/** Options of helpers that take `include`. */
export interface IncludeOptions<R extends ResourceName, I extends IncludeOf<R>>
  extends RequestOptions {
  include?: readonly I[];
}

/** Query of a list helper: the spec's query, with `include` typed for inference. */
export type ListQuery<R extends ResourceName, I extends IncludeOf<R> = never> = Omit<
  QueryOf<ListOperation<R>>,
  'include'
> & { include?: readonly I[] };

/** Fields of one object to create (the body under the singular key). */
export type CreateFields<R extends ResourceName> =
  Operations<R> extends {
    create: { operationId: infer Id extends OperationId; body: { key: infer K extends string } };
  }
    ? Extract<RequestBodyOf<Id>, { [P in K]: unknown }>[K]
    : never;

/** Fields of an update (the body under the singular key), for resources that have one. */
export type UpdateFields<R extends ResourceName> =
  Operations<R> extends {
    update: { operationId: infer Id extends OperationId; body: { key: infer K extends string } };
  }
    ? RequestBodyOf<Id>[K & keyof RequestBodyOf<Id>]
    : never;

/** One page of a list: the objects in `results` order, the total count and paging facts. */
export interface Page<T> {
  items: T[];
  /** Objects matching the query across every page. */
  count: number;
  meta: Meta;
}

/** Options of `listAll`. */
export interface ListAllOptions extends RequestOptions {
  /** Objects per request; defaults to the maximum the API allows (200). */
  pageSize?: number;
  /** Stop after this many objects. */
  limit?: number;
}

/** Options of `createMany`. */
export interface CreateManyOptions extends RequestOptions {
  /** Chunks in flight at once; default 1. */
  concurrency?: number;
}

/** An input of `createMany` that was created, with its position in the input array. */
export interface Created<T> {
  index: number;
  object: T;
}

/** An input of `createMany` that was not created, with its position and why. */
export interface Failed<F> {
  index: number;
  input: F;
  error: Error;
}

/** What `createMany` did with each input: every index appears exactly once. */
export interface CreateManyResult<T, F> {
  created: Created<T>[];
  failed: Failed<F>[];
}

/** The helpers of one resource. Helpers exist only for operations the spec has. */
export type ResourceClient<R extends ResourceName> = {
  /** Fetches one page. `include` resolves associations onto each item. */
  list<const I extends IncludeOf<R> = never>(
    query?: ListQuery<R, I>,
    options?: RequestOptions,
  ): Promise<Page<WithIncludes<R, I>>>;
  /** Iterates over every matching object, one page in memory at a time. */
  listAll<const I extends IncludeOf<R> = never>(
    query?: Omit<ListQuery<R, I>, 'page' | 'per_page' | 'limit' | 'offset'>,
    options?: ListAllOptions,
  ): AsyncIterableIterator<WithIncludes<R, I>>;
  /** Fetches one object by id. */
  get<const I extends IncludeOf<R> = never>(
    id: number | string,
    options?: IncludeOptions<R, I>,
  ): Promise<WithIncludes<R, I>>;
  /** Creates one object. */
  create<const I extends IncludeOf<R> = never>(
    fields: CreateFields<R>,
    options?: IncludeOptions<R, I>,
  ): Promise<WithIncludes<R, I>>;
  /** Creates any number of objects in bulk requests of the API's maximum size. */
  createMany(
    inputs: readonly CreateFields<R>[],
    options?: CreateManyOptions,
  ): Promise<CreateManyResult<ObjectOf<R>, CreateFields<R>>>;
  /** Deletes one object. */
  delete(id: number | string, options?: RequestOptions): Promise<void>;
} & ('update' extends ActionOf<R>
  ? {
      /** Changes one object. */
      update<const I extends IncludeOf<R> = never>(
        id: number | string,
        fields: UpdateFields<R>,
        options?: IncludeOptions<R, I>,
      ): Promise<WithIncludes<R, I>>;
    }
  : unknown);
