/**
 * Reads one operation parameter into the model. A query parameter must say what it does, with
 * exactly one of `x-kantata-filter` (a filter on a field), `x-kantata-role` (paging and
 * shaping) or `x-kantata-includes` (side-loading), because the client helpers and the fake
 * API act on that and not on the parameter's name. The schema is inlined, references
 * resolved, for validators that know no components.
 */
import type { ModelContext } from './context';
import { isObject, type JsonObject, obj } from './json';
import { deref, refOf } from './resolve';
import type { FilterOp, FilterRule, IncludeRule, ParameterModel, ParameterRole } from './types';

const FILTER_OPS: readonly FilterOp[] = ['eq', 'in', 'gt', 'lt'];
// The values of `x-kantata-role`; the `include` role is the one of `x-kantata-includes`.
const ROLES: readonly ParameterRole[] = ['page', 'per-page', 'limit', 'offset', 'only', 'order'];
// Keywords of a parameter schema that say nothing a validator or a generator needs.
const PROSE = new Set(['description', 'title', 'examples', 'example', '$comment']);

/**
 * The model of a parameter (already resolved) of `operationId`; the caller keys it by name.
 *
 * @example
 * readParameter(context, 'listOrganizationMemberships', context.resolve(node));
 * // { in: 'query', required: false, schema: { ... }, role: 'page', style: 'form', explode: true }
 */
export function readParameter(
  context: ModelContext,
  operationId: string,
  param: JsonObject,
): ParameterModel {
  const { problems } = context;
  const name = String(param.name);
  const location = String(param.in) as ParameterModel['in'];
  const where = `${operationId}: parameter "${name}"`;
  const style =
    typeof param.style === 'string' ? param.style : location === 'query' ? 'form' : 'simple';
  let role: ParameterRole | undefined;
  const roleValue = param['x-kantata-role'];
  if (roleValue !== undefined) {
    if (ROLES.includes(roleValue as ParameterRole)) role = roleValue as ParameterRole;
    else problems.push(`${where}: x-kantata-role must be one of ${ROLES.join(', ')}`);
  }
  let filter: FilterRule | undefined;
  const filterValue = param['x-kantata-filter'];
  if (filterValue !== undefined) {
    const rule = obj(filterValue);
    if (typeof rule.field === 'string' && FILTER_OPS.includes(rule.op as FilterOp)) {
      filter = { field: rule.field, op: rule.op as FilterOp };
    } else {
      problems.push(
        `${where}: x-kantata-filter needs { field, op } with op one of ${FILTER_OPS.join(', ')}`,
      );
    }
  }
  const includes =
    param['x-kantata-includes'] === undefined
      ? undefined
      : readIncludes(context, where, obj(param['x-kantata-includes']));
  const kinds = [role, filter, includes].filter((k) => k !== undefined);
  if (location === 'query' && kinds.length !== 1) {
    problems.push(
      kinds.length === 0
        ? `${where}: say what it does: x-kantata-filter { field, op } for a filter, x-kantata-role for paging and shaping, x-kantata-includes for include`
        : `${where}: has more than one of x-kantata-filter, x-kantata-role and x-kantata-includes`,
    );
  }
  return {
    in: location,
    required: param.required === true,
    schema: inlineSchema(context, param.schema, new Set()),
    ...(role ? { role } : includes ? { role: 'include' as const } : {}),
    ...(filter ? { filter } : {}),
    style,
    explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
    ...(includes ? { includes } : {}),
  };
}

function readIncludes(
  { problems }: ModelContext,
  where: string,
  map: JsonObject,
): Record<string, IncludeRule> {
  const includes: Record<string, IncludeRule> = {};
  for (const [name, value] of Object.entries(map)) {
    const rule = obj(value);
    if (typeof rule.key !== 'string' || typeof rule.foreignKey !== 'string') {
      problems.push(`${where}: x-kantata-includes.${name} needs a key and a foreignKey`);
      continue;
    }
    const match =
      rule.match === undefined
        ? undefined
        : (obj(rule.match) as Record<string, string | number | boolean>);
    if (
      match &&
      !Object.values(match).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
    ) {
      problems.push(`${where}: x-kantata-includes.${name}.match maps fields to plain values`);
    }
    includes[name] = { key: rule.key, foreignKey: rule.foreignKey, ...(match ? { match } : {}) };
  }
  return includes;
}

/** A parameter schema with references resolved, for validators that know no components. */
function inlineSchema(
  context: ModelContext,
  node: unknown,
  stack: ReadonlySet<string>,
): JsonObject {
  const ref = refOf(node);
  if (ref !== undefined) {
    if (stack.has(ref)) {
      context.problems.push(`a parameter schema refers to itself through ${ref}`);
      return {};
    }
    return inlineSchema(context, deref(context.document, node), new Set([...stack, ref]));
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj(node))) {
    if (PROSE.has(key) || key.startsWith('x-') || key === '$ref') continue;
    out[key] = Array.isArray(value)
      ? value.map((v) => (isObject(v) ? inlineSchema(context, v, stack) : v))
      : isObject(value) && key !== 'default' && key !== 'const'
        ? inlineSchema(context, value, stack)
        : value;
  }
  return out;
}
