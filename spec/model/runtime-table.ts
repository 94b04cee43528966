/**
 * The resource table as `@kantata-ox/types/resources` ships it (`SpecModel.table`): the
 * model's resources by helper name, each cut down to the table's type (table.ts). The model's
 * types extend the table's, so this only leaves out what the tools alone need (names already
 * used as keys, filters kept on their parameters, serialisation, schema names, responses and
 * examples); it renames and reshapes nothing.
 */
import type {
  BodyFacts,
  BodyModel,
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

function resourceFacts(resource: ResourceModel): ResourceFacts {
  return {
    objectsKey: resource.objectsKey,
    schemas: resource.schemas,
    includes: resource.includes,
    sideLoaded: resource.sideLoaded,
    whenIncluded: resource.whenIncluded,
    timestamps: resource.timestamps,
    ...(resource.paging ? { paging: resource.paging } : {}),
    ...(resource.order ? { order: resource.order } : {}),
    operations: Object.fromEntries(
      Object.entries(resource.operations).map(([action, op]) => [action, operationFacts(op)]),
    ),
  };
}

function operationFacts(op: OperationModel): OperationFacts {
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    paginated: op.paginated,
    parameters: Object.fromEntries(
      Object.entries(op.parameters).map(([name, p]) => [name, parameterFacts(p)]),
    ),
    ...(op.body ? { body: bodyFacts(op.body) } : {}),
  };
}

/** `required` only when true, as the table states it. */
function parameterFacts(param: ParameterModel): ParameterFacts {
  return {
    in: param.in,
    ...(param.required ? { required: true } : {}),
    schema: param.schema,
    ...(param.role ? { role: param.role } : {}),
    ...(param.filter ? { filter: param.filter } : {}),
  };
}

function bodyFacts(body: BodyModel): BodyFacts {
  return {
    key: body.key,
    fields: body.fields,
    required: body.required,
    ...(body.bulk ? { bulk: body.bulk } : {}),
  };
}
