/**
 * Reads what an operation sends and gets back: the request body (which key holds the object,
 * its named schema and fields, and the bulk rule of `x-kantata-bulk`), the responses (schema,
 * headers) and the examples of both. The bulk limit is read from the `maxItems` of the bulk
 * array only, so that the spec states it once.
 */
import { componentName, type ModelContext } from './context';
import { arr, isObject, type JsonObject, obj } from './json';
import type { BodyFacts, BodyModel, ResponseModel } from './types';

/** The bulk form of a create: the plural key and the most objects one request may carry. */
type BulkRule = NonNullable<BodyFacts['bulk']>;

/**
 * The request body of `operationId` (`op` is the operation, `media` its `application/json`
 * content), or undefined when it breaks a convention (the problem is pushed).
 *
 * @example
 * readBody(context, 'createOrganizationMemberships', op, true, media)?.bulk;
 * // { key: 'organization_memberships', limit: 100 }
 */
export function readBody(
  context: ModelContext,
  operationId: string,
  op: JsonObject,
  required: boolean,
  media: JsonObject,
): BodyModel | undefined {
  const { problems, resolve } = context;
  const where = `${operationId}: request body`;
  const schema = componentName(context, media.schema, where);
  if (!schema) return undefined;
  const body = resolve(media.schema);
  const branches = (arr(body.oneOf) ?? [body]).map((branch) => resolve(branch));
  const bulkExtension = op['x-kantata-bulk'];
  const bulkFacts = bulkExtension === undefined ? undefined : obj(bulkExtension);
  if (bulkFacts && 'limit' in bulkFacts) {
    problems.push(
      `${operationId}: x-kantata-bulk.limit states the bulk limit a second time; the limit is the maxItems of the ${String(bulkFacts.bulkKey)} array`,
    );
  }
  const key =
    typeof bulkFacts?.singleKey === 'string'
      ? bulkFacts.singleKey
      : branches.length === 1
        ? (arr(branches[0]?.required)?.[0] as string | undefined)
        : undefined;
  const single = branches.find((b) => key !== undefined && isObject(obj(b.properties)[key]));
  if (!key || !single) {
    problems.push(
      `${where}: cannot tell which key holds the object (add x-kantata-bulk.singleKey, or one required property)`,
    );
    return undefined;
  }
  const itemNode = obj(single.properties)[key];
  const itemSchema = componentName(context, itemNode, `${where}: ${key}`);
  if (!itemSchema) return undefined;
  const item = resolve(itemNode);
  const bulk = bulkFacts
    ? readBulkRule(context, operationId, bulkFacts, branches, key, itemSchema)
    : undefined;
  return {
    key,
    fields: Object.keys(obj(item.properties)),
    required: (arr(item.required) ?? []).map(String),
    ...(bulk ? { bulk } : {}),
    requestRequired: required,
    schema,
    itemSchema,
  };
}

/**
 * The bulk rule of `x-kantata-bulk` (`facts`): the array property of one of the body's oneOf
 * `branches`, whose items must be the schema of the single object (`key`, `itemSchema`).
 */
function readBulkRule(
  context: ModelContext,
  operationId: string,
  facts: JsonObject,
  branches: readonly JsonObject[],
  key: string,
  itemSchema: string,
): BulkRule | undefined {
  const { problems, resolve } = context;
  const bulkKey = facts.bulkKey;
  const array = branches
    .map((b) => obj(b.properties)[String(bulkKey)])
    .find((p) => p !== undefined);
  const resolvedArray = resolve(array);
  if (typeof bulkKey !== 'string' || !array) {
    problems.push(
      `${operationId}: x-kantata-bulk.bulkKey must name the array property of a oneOf branch`,
    );
  } else if (typeof resolvedArray.maxItems !== 'number') {
    problems.push(`${operationId}: the ${bulkKey} array needs a maxItems (the bulk limit)`);
  } else if (
    componentName(
      context,
      obj(resolvedArray).items,
      `${operationId}: request body: ${bulkKey} items`,
    ) !== itemSchema
  ) {
    problems.push(
      `${operationId}: ${bulkKey} items must be the same schema as ${key} (${itemSchema})`,
    );
  } else {
    return { key: bulkKey, limit: resolvedArray.maxItems };
  }
  return undefined;
}

/**
 * The responses of `operationId` by status: the named schema of their JSON content, their
 * header names (lower case, sorted) and their examples.
 *
 * @example
 * readResponses(context, 'getOrganizationMembership', obj(op.responses))['200']?.schema;
 * // 'OrganizationMembershipsEnvelope'
 */
export function readResponses(
  context: ModelContext,
  operationId: string,
  responses: JsonObject,
): Record<string, ResponseModel> {
  const out: Record<string, ResponseModel> = {};
  for (const [status, node] of Object.entries(responses)) {
    const response = context.resolve(node);
    const media = obj(response.content)['application/json'];
    out[status] = {
      schema: isObject(media)
        ? componentName(context, media.schema, `${operationId}: response ${status}`)
        : undefined,
      headers: Object.keys(obj(response.headers))
        .map((h) => h.toLowerCase())
        .sort(),
      examples: isObject(media) ? examplesOf(context, media) : {},
    };
  }
  return out;
}

/**
 * The examples of a media type object by name. Each must hold its value inline, since the
 * fixtures and the contract tests use the values as they stand.
 *
 * @example
 * examplesOf(context, media); // { created: { count: 1, ... } }
 */
export function examplesOf(
  { problems, resolve }: ModelContext,
  media: JsonObject,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(obj(media.examples))) {
    const example = resolve(node);
    if ('value' in example) out[name] = example.value;
    else problems.push(`example ${name} has no inline value`);
  }
  return out;
}
