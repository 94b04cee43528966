/**
 * Builds the helpers of one resource from its entry in the generated operation table.
 * Only operations the spec has get a helper; `get` falls back to `list` with `only` when
 * the API has no get-one (user group memberships).
 */

import type { ResourceFacts } from '@kantata-ox/types/resources';
import { createMany } from './bulk.js';
import { KantataInputError, KantataNotFoundError, KantataResponseError } from './core/errors.js';
import { assertId } from './core/ids.js';
import type { NormalizedPage } from './normalize.js';
import { type CallInit, call, fetchPage, type HelperContext } from './request.js';
import type { ListAllOptions, RequestOptions } from './types.js';
import { checkFields, checkPositiveInteger, checkQuery } from './validate.js';

type Query = Record<string, unknown>;
type Item = Record<string, unknown>;
interface IncludeOption extends RequestOptions {
  include?: readonly string[];
}

function requireOperation(resource: ResourceFacts, action: keyof ResourceFacts['operations']) {
  const operation = resource.operations[action];
  if (!operation) throw new Error(`The spec has no ${action} operation for ${resource.objectsKey}`);
  return operation;
}

/** The one object a get, create or update answered with. */
function single(page: NormalizedPage, init: CallInit): Item {
  const item = page.items[0];
  if (item === undefined) {
    throw new KantataResponseError({
      status: 200,
      errors: [],
      method: init.method,
      path: init.id === undefined ? init.path : init.path.replace('{id}', init.id),
      attempts: 1,
      body: '',
      problem: 'the response holds no object',
    });
  }
  return item;
}

/** Builds the helpers of `resource` (typed by the caller as `ResourceClient<R>`). */
export function createResourceClient(ctx: HelperContext, resource: ResourceFacts) {
  const list = requireOperation(resource, 'list');
  const create = requireOperation(resource, 'create');
  const remove = requireOperation(resource, 'delete');
  const pageSize = resource.paging ?? { default: 20, max: 200 };
  // The parameters listAll sets itself, by their role in the spec.
  const paging = Object.entries(list.parameters).filter(([, p]) => p.role !== undefined);
  const roleName = (role: string) => paging.find(([, p]) => p.role === role)?.[0];
  const pageParameter = roleName('page') ?? 'page';
  const perPageParameter = roleName('per-page') ?? 'per_page';
  const pagingNames = paging
    .filter(([, p]) => ['page', 'per-page', 'limit', 'offset'].includes(p.role ?? ''))
    .map(([name]) => name);
  const onlyParameter = roleName('only') ?? 'only';
  const includeParameter = roleName('include') ?? 'include';
  const withInclude = (include: readonly string[] | undefined): Query | undefined =>
    include?.length ? { [includeParameter]: include } : undefined;

  const helpers: Record<string, unknown> = {
    // async, so bad input rejects the promise rather than throwing synchronously.
    async list(query?: Query, options?: RequestOptions) {
      checkQuery(query, list.parameters);
      return fetchPage(ctx, resource, { ...list, query, signal: options?.signal });
    },

    async *listAll(query?: Query, options: ListAllOptions = {}) {
      const size = checkPositiveInteger(options.pageSize ?? pageSize.max, 'pageSize', pageSize.max);
      const limit =
        options.limit === undefined
          ? Number.POSITIVE_INFINITY
          : checkPositiveInteger(options.limit, 'limit');
      checkQuery(query, list.parameters);
      // listAll pages itself: a `limit`/`offset` in the query would make the API ignore `page`.
      for (const name of pagingNames) {
        if (query?.[name] !== undefined) {
          throw new KantataInputError(
            name,
            'is set by listAll; use its pageSize and limit options',
          );
        }
      }
      // Constant page size: changing it mid-way would shift the page boundaries.
      const perPage = Math.min(size, limit);
      let yielded = 0;
      for (let page = 1; ; page++) {
        const result = await fetchPage(ctx, resource, {
          ...list,
          query: { ...query, [pageParameter]: page, [perPageParameter]: perPage },
          signal: options.signal,
        });
        for (const item of result.items) {
          yield item;
          if (++yielded >= limit) return;
        }
        if (result.items.length < perPage || page >= result.meta.page_count) return;
      }
    },

    async get(id: unknown, options: IncludeOption = {}) {
      const safeId = assertId(id);
      const get = resource.operations.get;
      if (get) {
        const init = {
          ...get,
          id: safeId,
          query: withInclude(options.include),
          signal: options.signal,
        };
        return single(await fetchPage(ctx, resource, init), init);
      }
      // No get-one in the API: ask the list for just this id.
      const init: CallInit = {
        ...list,
        query: { [onlyParameter]: [Number(safeId)], ...withInclude(options.include) },
        signal: options.signal,
      };
      const page = await fetchPage(ctx, resource, init);
      const found = page.items.find((item) => String(item.id) === safeId);
      if (found) return found;
      throw new KantataNotFoundError({
        status: 404,
        errors: [{ type: 'system', message: `No ${resource.objectsKey} with id ${safeId}` }],
        method: 'GET',
        path: `${list.path}?only=${safeId}`,
        attempts: 1,
        body: '',
      });
    },

    async create(fields: unknown, options: IncludeOption = {}) {
      const body = create.body;
      if (!body) throw new Error(`The spec has no request body for ${create.operationId}`);
      checkFields(fields, body.required, body.key);
      const init = {
        ...create,
        query: withInclude(options.include),
        body: { [body.key]: fields },
        signal: options.signal,
      };
      return single(await fetchPage(ctx, resource, init), init);
    },

    createMany(inputs: readonly unknown[], options = {}) {
      return createMany(ctx, resource, create, inputs, options);
    },

    async delete(id: unknown, options: RequestOptions = {}) {
      // The API answers 204; a 2xx with some other body still means the object is gone.
      await call(ctx, { ...remove, id: assertId(id), signal: options.signal, ignoreBody: true });
    },
  };

  const update = resource.operations.update;
  const singleKey = update?.body?.key;
  if (update && singleKey) {
    helpers.update = async (id: unknown, fields: unknown, options: IncludeOption = {}) => {
      const safeId = assertId(id);
      checkFields(fields, [], singleKey, { nonEmpty: true });
      const init = {
        ...update,
        id: safeId,
        query: withInclude(options.include),
        body: { [singleKey]: fields },
        signal: options.signal,
      };
      return single(await fetchPage(ctx, resource, init), init);
    };
  }
  return helpers;
}
