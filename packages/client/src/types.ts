/**
 * Types of the resource helpers, derived from the resource table and the generated OpenAPI
 * types: a filter, field, include or operation added to the spec reaches these types with no
 * hand edit. The `…In<F>` forms take a table entry (so tests can try any shape of resource);
 * the public forms take a resource's helper name.
 */
import type {
  CreateFieldsByKey,
  Meta,
  ObjectByKey,
  OperationId,
  QueryOf,
  SideLoadedByKey,
  UpdateFieldsByKey,
} from '@kantata-ox/types';
import type { ResourceFacts, resources } from '@kantata-ox/types/resources';
import type { CreateManyOptions, CreateManyResult } from './bulk/types.js';
import type { RequestOptions } from './request-options.js';

export type { RequestOptions };

type Table = typeof resources;

/** Name of a resource helper on the client, e.g. `organizationMemberships`. */
export type ResourceName = keyof Table;

type Operations<F extends ResourceFacts> = F['operations'];
type OperationIdIn<F extends ResourceFacts, A extends string> =
  Operations<F> extends {
    [K in A]: { operationId: infer Id extends OperationId };
  }
    ? Id
    : never;
type Key<F extends ResourceFacts> = F['objectsKey'] & keyof ObjectByKey;

/** The object of a table entry, under its friendly name (e.g. `OrganizationMembership`). */
export type ObjectIn<F extends ResourceFacts> = ObjectByKey[Key<F>];
/** The names an entry's `include` takes. */
export type IncludeIn<F extends ResourceFacts> = keyof F['includes'] & string;
type IncludedIn<
  F extends ResourceFacts,
  I extends IncludeIn<F>,
> = SideLoadedByKey[Key<F>][F['includes'][I]['key'] & keyof SideLoadedByKey[Key<F>]];
type ForeignKey<F extends ResourceFacts, I extends IncludeIn<F>> = F['includes'][I]['foreignKey'];

/**
 * The includes sure to be on every answer of include list `L`: all of a literal list's (or an
 * `as const` one's), none of a widened one's (`('department' | 'geography')[]` may hold either),
 * the common ones of a union of literal lists.
 */
type SureIncludes<L extends readonly string[]> = {
  [K in L[number]]: (
    L extends unknown
      ? number extends L['length']
        ? false
        : K extends L[number]
          ? true
          : false
      : never
  ) extends true
    ? K
    : never;
}[L[number]];

/**
 * An object with the associations of include list `L` resolved onto it. Each sure include
 * (see `SureIncludes`) is present, `null` when the API sent no match, and makes its foreign
 * key present; any other include of `L` is optional, its foreign key as in the object.
 */
export type ResolvedIn<F extends ResourceFacts, L extends readonly IncludeIn<F>[]> = [
  L[number],
] extends [never]
  ? ObjectIn<F>
  : ObjectIn<F> & { [K in SureIncludes<L>]: IncludedIn<F, K> | null } & ([
        Exclude<L[number], SureIncludes<L>>,
      ] extends [never]
        ? unknown
        : { [K in Exclude<L[number], SureIncludes<L>>]?: IncludedIn<F, K> | null }) & {
        [K in SureIncludes<L> as ForeignKey<F, K>]-?: NonNullable<
          ObjectIn<F>[ForeignKey<F, K> & keyof ObjectIn<F>]
        >;
      };

/** The object a resource holds, as the API returns it. */
export type ObjectOf<R extends ResourceName> = ObjectIn<Table[R]>;

/** Names accepted by a resource's `include` option. */
export type IncludeOf<R extends ResourceName> = IncludeIn<Table[R]>;

/** The side-loaded object an include resolves to. */
export type IncludedObject<R extends ResourceName, I extends IncludeOf<R>> = IncludedIn<
  Table[R],
  I
>;

/**
 * An object with the associations that were asked for resolved onto it: `include:
 * ['department']` adds `department: Organization | null` (null when the API sent no match)
 * and makes `department_id` present. Without includes it is the plain object.
 */
export type WithIncludes<R extends ResourceName, I extends IncludeOf<R> = never> = ResolvedIn<
  Table[R],
  [I] extends [never] ? [] : [I]
>;

/** Options of helpers that take `include`. */
export interface IncludeOptions<R extends ResourceName, I extends IncludeOf<R>>
  extends RequestOptions {
  include?: readonly I[] | undefined;
}

/** Every optional field of `T` also takes `undefined` (meaning: not given). */
type Loose<T> = {
  [K in keyof T]: Record<never, never> extends Pick<T, K> ? T[K] | undefined : T[K];
};

type ListQueryIn<F extends ResourceFacts, L> = Loose<
  Omit<QueryOf<OperationIdIn<F, 'list'>>, 'include'>
> & {
  include?: L | undefined;
};

/** Query of a list helper: the spec's query, with `include` typed for inference. */
export type ListQuery<R extends ResourceName, I extends IncludeOf<R> = never> = ListQueryIn<
  Table[R],
  readonly I[]
>;

type CreateFieldsIn<F extends ResourceFacts> =
  Operations<F> extends { create: { body: object } }
    ? CreateFieldsByKey[Key<F> & keyof CreateFieldsByKey]
    : never;

type UpdateFieldsIn<F extends ResourceFacts> =
  Operations<F> extends { update: { body: object } }
    ? UpdateFieldsByKey[Key<F> & keyof UpdateFieldsByKey]
    : never;

/** Fields of one object to create (the body under the singular key). */
export type CreateFields<R extends ResourceName> = CreateFieldsIn<Table[R]>;

/** Fields of an update (the body under the singular key), for resources that have one. */
export type UpdateFields<R extends ResourceName> = UpdateFieldsIn<Table[R]>;

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
  pageSize?: number | undefined;
  /** Stop after this many objects. */
  limit?: number | undefined;
  /**
   * Pages requested at once, from 1 to 16 (default 4). Once the first page gives the page
   * count, the following pages are fetched ahead in parallel; objects still come in order,
   * none twice, and breaking out of the loop aborts the pages in flight. Up to this many pages
   * are held in memory.
   */
  concurrency?: number | undefined;
}

/** A helper per operation kind; `HelpersIn` keeps those whose operation the entry has. */
interface AllHelpers<F extends ResourceFacts> {
  /** Fetches one page. `include` resolves associations onto each item. */
  list<const L extends readonly IncludeIn<F>[] = []>(
    query?: ListQueryIn<F, L>,
    options?: RequestOptions,
  ): Promise<Page<ResolvedIn<F, L>>>;
  /**
   * Iterates over every matching object in order, none twice, reading `concurrency` pages
   * ahead (default 4).
   */
  listAll<const L extends readonly IncludeIn<F>[] = []>(
    query?: Omit<ListQueryIn<F, L>, 'page' | 'per_page' | 'limit' | 'offset'>,
    options?: ListAllOptions,
  ): AsyncIterableIterator<ResolvedIn<F, L>>;
  /** Fetches one object by id. */
  get<const L extends readonly IncludeIn<F>[] = []>(
    id: number | string,
    options?: RequestOptions & { include?: L | undefined },
  ): Promise<ResolvedIn<F, L>>;
  /** Creates one object. */
  create<const L extends readonly IncludeIn<F>[] = []>(
    fields: CreateFieldsIn<F>,
    options?: RequestOptions & { include?: L | undefined },
  ): Promise<ResolvedIn<F, L>>;
  /**
   * Creates any number of objects in bulk requests of the API's maximum size, and says for
   * each input whether it was created or why not (see the README's "Bulk jobs").
   */
  createMany(
    inputs: readonly CreateFieldsIn<F>[],
    options?: CreateManyOptions,
  ): Promise<CreateManyResult<ObjectIn<F>, CreateFieldsIn<F>>>;
  /** Changes one object. */
  update<const L extends readonly IncludeIn<F>[] = []>(
    id: number | string,
    fields: UpdateFieldsIn<F>,
    options?: RequestOptions & { include?: L | undefined },
  ): Promise<ResolvedIn<F, L>>;
  /** Deletes one object. */
  delete(id: number | string, options?: RequestOptions): Promise<void>;
}

type Has<F extends ResourceFacts, A extends string, Shape = unknown> =
  Operations<F> extends { [K in A]: Shape } ? true : false;
/** Whether the entry's list takes a parameter with `x-kantata-role: only`. */
type HasOnly<F extends ResourceFacts> =
  Operations<F> extends {
    list: { parameters: infer P };
  }
    ? true extends { [K in keyof P]: P[K] extends { role: 'only' } ? true : false }[keyof P]
      ? true
      : false
    : false;

/** Which helpers an entry gets: the same rules as `createResourceClient` at run time. */
type HelperNames<F extends ResourceFacts> =
  | (Has<F, 'list'> extends true ? 'list' | 'listAll' : never)
  | (Has<F, 'get'> extends true ? 'get' : HasOnly<F> extends true ? 'get' : never)
  | (Has<F, 'create', { body: object }> extends true ? 'create' : never)
  | (Has<F, 'create', { body: { bulk: object } }> extends true ? 'createMany' : never)
  | (Has<F, 'update', { body: object }> extends true ? 'update' : never)
  | (Has<F, 'delete'> extends true ? 'delete' : never);

/** The helpers of a table entry: one per operation it has, none for one it lacks. */
export type HelpersIn<F extends ResourceFacts> = Pick<AllHelpers<F>, HelperNames<F>>;

/** The helpers of one resource. Helpers exist only for operations the spec has. */
export type ResourceClient<R extends ResourceName> = HelpersIn<Table[R]>;
