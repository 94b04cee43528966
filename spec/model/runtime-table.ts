/**
 * The resource table as `@kantata-ox/types/resources` ships it (`SpecModel.table`): the
 * model's resources by helper name, each cut down to the table's type (table.ts). The model's
 * types extend the table's, so this only leaves out what the tools alone need (names already
 * used as keys, filters kept on their parameters, serialisation, schema names, responses and
 * examples); it renames and reshapes nothing.
 */
import type {
  OperationFacts,
  OperationModel,
  ParameterFacts,
  ParameterModel,
  ResourceFacts,
  ResourceModel,
  ResourceTable,
} from './types';

/**
 * The table of `resources` (by objects key), by helper name, in the same order.
 *
 * @example
 * runtimeTable(model.resources).organizationMemberships?.operations.create?.body?.bulk;
 * // { key: 'organization_memberships', limit: 100 }
 */
export function runtimeTable(resources: Readonly<Record<string, ResourceModel>>): ResourceTable {
  return Object.fromEntries(Object.values(resources).map((r) => [r.name, resourceFacts(r)]));
}

/** The `keys` of `from` that it has, in the order of `keys` (the order they are written in). */
function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out as Pick<T, K>;
}

/** Each value of `record` mapped, under the same keys. */
function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function resourceFacts(resource: ResourceModel): ResourceFacts {
  return {
    ...pick(resource, [
      'objectsKey',
      'schemas',
      'includes',
      'sideLoaded',
      'whenIncluded',
      'timestamps',
      'paging',
      'order',
    ]),
    operations: mapValues(resource.operations, operationFacts),
  };
}

function operationFacts(op: OperationModel): OperationFacts {
  return {
    ...pick(op, ['operationId', 'method', 'path', 'paginated']),
    parameters: mapValues(op.parameters, parameterFacts),
    ...(op.body ? { body: pick(op.body, ['key', 'fields', 'required', 'bulk']) } : {}),
  };
}

/** The table states `required` only when it is true. */
function parameterFacts(param: ParameterModel): ParameterFacts {
  return {
    in: param.in,
    ...(param.required ? { required: true } : {}),
    ...pick(param, ['schema', 'role', 'filter']),
  };
}
