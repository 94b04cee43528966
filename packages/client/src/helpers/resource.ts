/**
 * Builds the helpers of one resource from its entry in the resource table: a helper for each
 * operation the spec has, and none for one it lacks (a read-only resource gets `list`,
 * `listAll` and maybe `get`). `get` asks the list for one id (`?only=`) when the API has no
 * get-one but its list takes an `only` parameter.
 */
import type { OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { createMany } from '../bulk/create-many.js';
import type { ListAllOptions, RequestOptions } from '../types.js';
import { call, type HelperContext, parameterWithRole } from './call.js';
import { assertId } from './ids.js';
import { checkFields, checkQuery } from './input-checks.js';
import { listAll } from './list-all.js';

type Query = Record<string, unknown>;
interface IncludeOption extends RequestOptions {
  include?: readonly string[] | undefined;
}

/**
 * The helpers of `resource`, by name (typed by the caller as `ResourceClient<R>`).
 *
 * @example
 * const memberships = createResourceClient(ctx, resources.organizationMemberships);
 * await memberships.delete?.(901);
 */
export function createResourceClient(
  ctx: HelperContext,
  resource: ResourceFacts,
): Record<string, unknown> {
  const { list, get, create, update, delete: remove } = resource.operations;
  const helpers: Record<string, unknown> = {};
  // The query of an operation that takes `include`, under the name the spec gives it.
  const withInclude = (
    operation: OperationFacts,
    include: readonly string[] | undefined,
  ): Query | undefined => {
    const name = parameterWithRole(operation, 'include');
    return name !== undefined && include?.length ? { [name]: include } : undefined;
  };

  if (list) {
    // async, so bad input rejects the promise rather than throwing synchronously.
    helpers.list = async (query?: Query, options?: RequestOptions) => {
      checkQuery(query, list.parameters);
      const { items, count, meta } = await call(
        ctx,
        resource,
        list,
        { query, signal: options?.signal },
        'page',
      );
      return { items, count, meta };
    };

    helpers.listAll = (query?: Query, options: ListAllOptions = {}) =>
      listAll(ctx, resource, list, query, options);
  }

  const only = list && parameterWithRole(list, 'only');
  if (get) {
    helpers.get = async (id: unknown, options: IncludeOption = {}) => {
      const input = { id: assertId(id), query: withInclude(get, options.include) };
      return call(ctx, resource, get, { ...input, signal: options.signal }, 'first');
    };
  } else if (list && only !== undefined) {
    // No get-one in the API: ask the list for just this id.
    helpers.get = async (id: unknown, options: IncludeOption = {}) => {
      const safeId = assertId(id);
      const query = { [only]: [Number(safeId)], ...withInclude(list, options.include) };
      return call(ctx, resource, list, { query, signal: options.signal }, { id: safeId });
    };
  }

  const createBody = create?.body;
  if (createBody) {
    helpers.create = async (fields: unknown, options: IncludeOption = {}) => {
      checkFields(fields, createBody.required, createBody.key);
      const query = withInclude(create, options.include);
      const body = { [createBody.key]: fields };
      return call(ctx, resource, create, { query, body, signal: options.signal }, 'first');
    };
    const bulk = createBody.bulk;
    if (bulk) {
      helpers.createMany = (inputs: readonly unknown[], options = {}) =>
        createMany(ctx, resource, create, { ...createBody, bulk }, inputs, options);
    }
  }

  const updateBody = update?.body;
  if (updateBody) {
    helpers.update = async (id: unknown, fields: unknown, options: IncludeOption = {}) => {
      const safeId = assertId(id);
      checkFields(fields, [], updateBody.key, { nonEmpty: true });
      const query = withInclude(update, options.include);
      const body = { [updateBody.key]: fields };
      return call(
        ctx,
        resource,
        update,
        { id: safeId, query, body, signal: options.signal },
        'first',
      );
    };
  }

  if (remove) {
    helpers.delete = async (id: unknown, options: RequestOptions = {}) => {
      // The API answers 204; a 2xx with some other body still means the object is gone.
      await call(ctx, resource, remove, { id: assertId(id), signal: options.signal }, 'nothing');
    };
  }
  return helpers;
}
