/**
 * Groups the operations into resources by objects key and completes each resource from its
 * operations and schemas: the envelope and object schemas, the side-loaded maps, timestamps,
 * include rules, filters, paging and order. The checks here are the ones that need several
 * operations or the object schema at once, such as an include landing in a map the envelope
 * has, or a filter naming a field the object has.
 */
import { componentName, type ModelContext, namedSchema } from './context';
import { arr, type JsonObject, obj } from './json';
import { camelCase } from './naming';
import { deepEqual, refOf } from './resolve';
import { readTimestamps } from './timestamps';
import type { FilterRule, OperationModel, ParameterModel, ResourceModel } from './types';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
/** A resource while it is read: its fields, and the maps and names in them, writable. */
type Draft = { -readonly [K in keyof ResourceModel]: Writable<ResourceModel[K]> };

/**
 * The resources of `operations` by objects key, each completed. Two operations with the same
 * action on one resource are a problem: the helpers have one method per action.
 *
 * @example
 * readResources(context, operations).organization_memberships?.schemas.object;
 * // 'OrganizationMembership'
 */
export function readResources(
  context: ModelContext,
  operations: readonly OperationModel[],
): Record<string, ResourceModel> {
  const resources: Record<string, Draft> = {};
  for (const op of operations) {
    resources[op.objectsKey] ??= emptyResource(op.objectsKey);
    const resource = resources[op.objectsKey] as Draft;
    if (resource.operations[op.action]) {
      context.problems.push(
        `${op.operationId}: ${op.objectsKey} already has a ${op.action} operation`,
      );
    }
    resource.operations[op.action] = op;
  }
  for (const resource of Object.values(resources)) completeResource(context, resource);
  return resources;
}

function emptyResource(objectsKey: string): Draft {
  return {
    name: camelCase(objectsKey),
    objectsKey,
    operations: {},
    schemas: { object: '', envelope: '' },
    includes: {},
    sideLoaded: {},
    filters: {},
    whenIncluded: {},
    timestamps: {},
  };
}

function completeResource(context: ModelContext, resource: Draft): void {
  const fields = readSchemas(context, resource);
  // Without the object schema the checks below would only repeat that problem.
  if (!fields) return;
  readIncludeRules(context, resource, fields);
  readListParameters(context, resource, fields);
  if (resource.operations.create?.body)
    resource.schemas.create = resource.operations.create.body.itemSchema;
  if (resource.operations.update?.body)
    resource.schemas.update = resource.operations.update.body.itemSchema;
}

/**
 * The envelope, object and side-loaded schemas and the timestamps of `resource`; gives the
 * object schema's properties, or undefined when there is no single envelope or no named object.
 */
function readSchemas(context: ModelContext, resource: Draft): JsonObject | undefined {
  const { problems, resolve } = context;
  const ops = Object.values(resource.operations);
  const envelopes = new Set(ops.map((op) => op.responses['200']?.schema).filter(Boolean));
  if (envelopes.size !== 1) {
    problems.push(
      `${resource.objectsKey}: every 200 response must share one envelope schema (found ${[...envelopes].join(', ') || 'none'})`,
    );
    return undefined;
  }
  const envelope = [...envelopes][0] as string;
  resource.schemas.envelope = envelope;
  const properties = obj(namedSchema(context, envelope).properties);
  const objectsMap = resolve(properties[resource.objectsKey]);
  const object = componentName(
    context,
    objectsMap.additionalProperties,
    `${envelope}.${resource.objectsKey}`,
  );
  if (!object) return undefined;
  resource.schemas.object = object;
  // Side-loaded maps: every other property that maps ids to a named schema.
  for (const [key, node] of Object.entries(properties)) {
    const map = resolve(node);
    if (key === resource.objectsKey || !refOf(map.additionalProperties)) continue;
    const name = componentName(context, map.additionalProperties, `${envelope}.${key}`);
    if (name) resource.sideLoaded[key] = name;
  }
  const fields = obj(namedSchema(context, object).properties);
  resource.timestamps = readTimestamps(object, fields, resolve, problems);
  return fields;
}

/**
 * The include rules of `resource`, which all its operations must state alike, checked against
 * the envelope's maps and the object's `fields`, and the fields only present when an include
 * is asked for (`x-kantata-when-included`).
 */
function readIncludeRules(context: ModelContext, resource: Draft, fields: JsonObject): void {
  const { problems } = context;
  const where = resource.objectsKey;
  const { envelope, object } = resource.schemas;
  for (const op of Object.values(resource.operations)) {
    for (const param of Object.values(op.parameters)) {
      if (!param.includes) continue;
      if (Object.keys(resource.includes).length === 0) resource.includes = param.includes;
      else if (!deepEqual(resource.includes, param.includes)) {
        problems.push(
          `${op.operationId}: x-kantata-includes differs from the other operations of ${where}`,
        );
      }
    }
  }
  for (const [name, rule] of Object.entries(resource.includes)) {
    const target = resource.sideLoaded[rule.key];
    if (!target)
      problems.push(
        `${where}: include ${name} lands in "${rule.key}", which ${envelope} has no map for`,
      );
    if (!(rule.foreignKey in fields))
      problems.push(
        `${where}: include ${name}'s foreignKey ${rule.foreignKey} is not a field of ${object}`,
      );
    const targetFields = target ? obj(namedSchema(context, target).properties) : {};
    for (const field of Object.keys(rule.match ?? {})) {
      if (target && !(field in targetFields))
        problems.push(
          `${where}: include ${name} matches on ${field}, which ${target} does not have`,
        );
    }
  }
  for (const [field, node] of Object.entries(fields)) {
    const include = obj(node)['x-kantata-when-included'];
    if (include === undefined) continue;
    if (typeof include === 'string' && include in resource.includes)
      resource.whenIncluded[field] = include;
    else
      problems.push(`${object}.${field}: x-kantata-when-included must name an include of ${where}`);
  }
}

/** The filters, paging and order of `resource`, from the parameters of its list operation. */
function readListParameters({ problems }: ModelContext, resource: Draft, fields: JsonObject): void {
  const list = resource.operations.list;
  for (const [name, param] of Object.entries(list?.parameters ?? {})) {
    if (param.filter) {
      resource.filters[name] = param.filter;
      const where = `${list?.operationId}: parameter "${name}"`;
      checkFilter(problems, where, param, param.filter, fields);
    }
    if (param.role === 'per-page') {
      const { default: byDefault, maximum } = param.schema;
      if (typeof byDefault === 'number' && typeof maximum === 'number') {
        resource.paging = { default: byDefault, max: maximum };
      } else problems.push(`${list?.operationId}: per_page needs a default and a maximum`);
    }
    if (param.role === 'order') {
      resource.order = {
        parameter: name,
        default: typeof param.schema.default === 'string' ? param.schema.default : undefined,
        values: (arr(param.schema.enum) ?? []).map(String),
      };
    }
  }
  if (list?.paginated && !resource.paging)
    problems.push(`${list.operationId}: paginates but has no per-page parameter`);
}

/** A filter must name a field of the object, and only an `in` filter takes an array. */
function checkFilter(
  problems: string[],
  where: string,
  param: ParameterModel,
  filter: FilterRule,
  fields: JsonObject,
): void {
  if (!(filter.field in fields)) {
    problems.push(`${where}: x-kantata-filter.field ${filter.field} is not a field of the object`);
    return;
  }
  const isArray = param.schema.type === 'array';
  if ((filter.op === 'in') !== isArray) {
    problems.push(
      `${where}: op ${filter.op} ${filter.op === 'in' ? 'needs' : 'cannot take'} an array parameter`,
    );
  }
}
