/**
 * `buildModel`: reads a bundled OpenAPI document once into the spec model (see types.ts).
 *
 * It also checks the conventions the generators rely on, and reports every problem at once
 * with the spec location, so that a spec change that the tooling cannot follow fails at
 * `pnpm generate` with a message saying what to add, never later at run time.
 */
import { arr, isObject, type JsonObject, obj } from './json';
import { deepEqual, deref, refOf } from './resolve';
import { readServerTimeout, readTimestamps } from './timestamps';
import type {
  Action,
  BodyModel,
  BulkRule,
  FilterOp,
  FilterRule,
  IncludeRule,
  OperationModel,
  ParameterModel,
  ParameterRole,
  ResourceModel,
  ResponseModel,
  SpecModel,
} from './types';

/** Every problem found in the spec, one line each. */
export class SpecModelError extends Error {
  override readonly name = 'SpecModelError';
  constructor(readonly problems: readonly string[]) {
    super(
      `The spec does not follow the conventions the generators read:\n  ${problems.join('\n  ')}`,
    );
  }
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const ACTIONS: Record<string, { collection?: Action; item?: Action }> = {
  get: { collection: 'list', item: 'get' },
  post: { collection: 'create' },
  put: { item: 'update' },
  delete: { item: 'delete' },
};
const FILTER_OPS: readonly FilterOp[] = ['eq', 'in', 'gt', 'lt'];
const ROLES: readonly ParameterRole[] = ['page', 'per-page', 'limit', 'offset', 'only', 'order'];
const SCHEMA_PREFIX = '#/components/schemas/';
// Keywords of a parameter schema that say nothing a validator or a generator needs.
const PROSE = new Set(['description', 'title', 'examples', 'example', '$comment']);

/**
 * Builds the model of a bundled document (`$ref`s to `#/components/...` kept, as
 * `pnpm --filter @kantata-ox/spec bundle` writes it). Throws `SpecModelError` listing every
 * convention the document breaks.
 *
 * @example
 * const model = buildModel(JSON.parse(readFileSync('spec/dist/openapi.json', 'utf8')));
 * model.resources.organization_memberships.operations.create?.body?.bulk?.limit; // 100
 */
export function buildModel(document: JsonObject): SpecModel {
  const problems: string[] = [];
  const resolve = (node: unknown): JsonObject => obj(deref(document, node));
  const info = resolve(document.info);
  const serverUrl = String(resolve(arr(document.servers)?.[0]).url ?? '');
  let basePath = '';
  try {
    basePath = new URL(serverUrl).pathname.replace(/\/$/, '');
  } catch {
    problems.push(`servers[0].url must be an absolute URL, got ${JSON.stringify(serverUrl)}`);
  }
  const schemas = obj(obj(document.components).schemas) as Record<string, JsonObject>;

  const operations: OperationModel[] = [];
  for (const [path, itemNode] of Object.entries(obj(document.paths))) {
    const item = resolve(itemNode);
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const op = readOperation(where, method, path, item, resolve(item[method]));
      if (op) operations.push(op);
    }
  }

  const resources: Record<string, ResourceModel> = {};
  for (const op of operations) {
    resources[op.objectsKey] ??= emptyResource(op.objectsKey);
    const resource = resources[op.objectsKey] as ResourceModel;
    if (resource.operations[op.action]) {
      problems.push(`${op.operationId}: ${op.objectsKey} already has a ${op.action} operation`);
    }
    resource.operations[op.action] = op;
  }
  for (const resource of Object.values(resources)) completeResource(resource);
  const serverTimeoutSeconds = readServerTimeout(document, problems);
  if (problems.length > 0) throw new SpecModelError(problems);

  return {
    document,
    version: String(info.version ?? ''),
    title: String(info.title ?? ''),
    serverUrl,
    basePath,
    serverTimeoutSeconds,
    resources,
    operations,
    schemas,
  };

  function componentName(node: unknown, where: string): string | undefined {
    const ref = refOf(node);
    if (ref?.startsWith(SCHEMA_PREFIX)) return decodeURIComponent(ref.slice(SCHEMA_PREFIX.length));
    problems.push(
      `${where}: refer to a named schema under components/schemas (found an inline schema)`,
    );
    return undefined;
  }

  function readOperation(
    where: string,
    method: (typeof METHODS)[number],
    path: string,
    item: JsonObject,
    op: JsonObject,
  ): OperationModel | undefined {
    const isItemPath = /\/\{[^/]+\}$/.test(path);
    const action = isItemPath ? ACTIONS[method]?.item : ACTIONS[method]?.collection;
    const objectsKey = op['x-kantata-objects-key'];
    const operationId = op.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      problems.push(`${where}: has no operationId`);
      return undefined;
    }
    if (!action) {
      problems.push(
        `${operationId} (${where}): no helper action for ${method.toUpperCase()} on a ${isItemPath ? 'item' : 'collection'} path (the conventions are GET/POST on a collection, GET/PUT/DELETE on /{id})`,
      );
      return undefined;
    }
    if (typeof objectsKey !== 'string' || objectsKey === '') {
      problems.push(`${operationId}: has no x-kantata-objects-key`);
      return undefined;
    }
    const parameters = [...(arr(item.parameters) ?? []), ...(arr(op.parameters) ?? [])].map((p) =>
      readParameter(operationId, resolve(p)),
    );
    const requestBody = op.requestBody === undefined ? undefined : resolve(op.requestBody);
    const media = requestBody ? obj(obj(requestBody.content)['application/json']) : undefined;
    return {
      operationId,
      method: method.toUpperCase() as OperationModel['method'],
      path,
      action,
      objectsKey,
      paginated: op['x-kantata-paginated'] === true,
      parameters,
      ...(requestBody && media
        ? { body: readBody(operationId, op, requestBody.required === true, media) }
        : {}),
      requestExamples: media ? examplesOf(media) : {},
      responses: readResponses(operationId, obj(op.responses)),
    };
  }

  function readParameter(operationId: string, param: JsonObject): ParameterModel {
    const name = String(param.name);
    const location = String(param.in) as ParameterModel['in'];
    const where = `${operationId}: parameter "${name}"`;
    const style =
      typeof param.style === 'string' ? param.style : location === 'query' ? 'form' : 'simple';
    const model: ParameterModel = {
      name,
      in: location,
      required: param.required === true,
      style,
      explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
      schema: inlineSchema(param.schema, new Set()),
    };
    const role = param['x-kantata-role'];
    if (role !== undefined) {
      if (ROLES.includes(role as ParameterRole)) model.role = role as ParameterRole;
      else problems.push(`${where}: x-kantata-role must be one of ${ROLES.join(', ')}`);
    }
    const filter = param['x-kantata-filter'];
    if (filter !== undefined) {
      const rule = obj(filter);
      if (typeof rule.field === 'string' && FILTER_OPS.includes(rule.op as FilterOp)) {
        model.filter = { field: rule.field, op: rule.op as FilterOp };
      } else {
        problems.push(
          `${where}: x-kantata-filter needs { field, op } with op one of ${FILTER_OPS.join(', ')}`,
        );
      }
    }
    if (param['x-kantata-includes'] !== undefined) {
      model.includes = readIncludes(where, obj(param['x-kantata-includes']));
    }
    const kinds = [model.role, model.filter, model.includes].filter((k) => k !== undefined);
    if (location === 'query' && kinds.length !== 1) {
      problems.push(
        kinds.length === 0
          ? `${where}: say what it does: x-kantata-filter { field, op } for a filter, x-kantata-role for paging and shaping, x-kantata-includes for include`
          : `${where}: has more than one of x-kantata-filter, x-kantata-role and x-kantata-includes`,
      );
    }
    return model;
  }

  function readIncludes(where: string, map: JsonObject): Record<string, IncludeRule> {
    const includes: Record<string, IncludeRule> = {};
    for (const [name, value] of Object.entries(map)) {
      const rule = obj(value);
      if (typeof rule.key !== 'string' || typeof rule.foreignKey !== 'string') {
        problems.push(`${where}: x-kantata-includes.${name} needs a key and a foreignKey`);
        continue;
      }
      includes[name] = { key: rule.key, foreignKey: rule.foreignKey };
      if (rule.match !== undefined) {
        const match = obj(rule.match) as Record<string, string | number | boolean>;
        if (
          !Object.values(match).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
        ) {
          problems.push(`${where}: x-kantata-includes.${name}.match maps fields to plain values`);
        }
        includes[name].match = match;
      }
    }
    return includes;
  }

  /** A parameter schema with references resolved, for validators that know no components. */
  function inlineSchema(node: unknown, stack: ReadonlySet<string>): JsonObject {
    const ref = refOf(node);
    if (ref !== undefined) {
      if (stack.has(ref)) {
        problems.push(`a parameter schema refers to itself through ${ref}`);
        return {};
      }
      return inlineSchema(deref(document, node), new Set([...stack, ref]));
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(obj(node))) {
      if (PROSE.has(key) || key.startsWith('x-') || key === '$ref') continue;
      out[key] = Array.isArray(value)
        ? value.map((v) => (isObject(v) ? inlineSchema(v, stack) : v))
        : isObject(value) && key !== 'default' && key !== 'const'
          ? inlineSchema(value, stack)
          : value;
    }
    return out;
  }

  function readBody(
    operationId: string,
    op: JsonObject,
    required: boolean,
    media: JsonObject,
  ): BodyModel | undefined {
    const where = `${operationId}: request body`;
    const schema = componentName(media.schema, where);
    if (!schema) return undefined;
    const body = resolve(media.schema);
    const branches = (arr(body.oneOf) ?? [body]).map((branch) => ({
      node: branch,
      schema: resolve(branch),
    }));
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
          ? (arr(branches[0]?.schema.required)?.[0] as string | undefined)
          : undefined;
    const single = branches.find(
      (b) => key !== undefined && isObject(obj(b.schema.properties)[key]),
    );
    if (!key || !single) {
      problems.push(
        `${where}: cannot tell which key holds the object (add x-kantata-bulk.singleKey, or one required property)`,
      );
      return undefined;
    }
    const itemNode = obj(single.schema.properties)[key];
    const itemSchema = componentName(itemNode, `${where}: ${key}`);
    if (!itemSchema) return undefined;
    const item = resolve(itemNode);
    const model: BodyModel = {
      required,
      schema,
      key,
      itemSchema,
      fields: Object.keys(obj(item.properties)),
      requiredFields: (arr(item.required) ?? []).map(String),
    };
    if (bulkFacts) {
      const bulkKey = bulkFacts.bulkKey;
      const array = branches
        .map((b) => obj(b.schema.properties)[String(bulkKey)])
        .find((p) => p !== undefined);
      const resolvedArray = resolve(array);
      if (typeof bulkKey !== 'string' || !array) {
        problems.push(
          `${operationId}: x-kantata-bulk.bulkKey must name the array property of a oneOf branch`,
        );
      } else if (typeof resolvedArray.maxItems !== 'number') {
        problems.push(`${operationId}: the ${bulkKey} array needs a maxItems (the bulk limit)`);
      } else if (
        componentName(obj(resolvedArray).items, `${where}: ${bulkKey} items`) !== itemSchema
      ) {
        problems.push(
          `${operationId}: ${bulkKey} items must be the same schema as ${key} (${itemSchema})`,
        );
      } else {
        model.bulk = { singleKey: key, bulkKey, limit: resolvedArray.maxItems } satisfies BulkRule;
      }
    }
    return model;
  }

  function readResponses(
    operationId: string,
    responses: JsonObject,
  ): Record<string, ResponseModel> {
    const out: Record<string, ResponseModel> = {};
    for (const [status, node] of Object.entries(responses)) {
      const response = resolve(node);
      const media = obj(response.content)['application/json'];
      out[status] = {
        schema: isObject(media)
          ? componentName(media.schema, `${operationId}: response ${status}`)
          : undefined,
        headers: Object.keys(obj(response.headers))
          .map((h) => h.toLowerCase())
          .sort(),
        examples: isObject(media) ? examplesOf(media) : {},
      };
    }
    return out;
  }

  function examplesOf(media: JsonObject): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, node] of Object.entries(obj(media.examples))) {
      const example = resolve(node);
      if ('value' in example) out[name] = example.value;
      else problems.push(`example ${name} has no inline value`);
    }
    return out;
  }

  function emptyResource(objectsKey: string): ResourceModel {
    return {
      name: objectsKey.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
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

  function completeResource(resource: ResourceModel): void {
    const ops = Object.values(resource.operations);
    const where = resource.objectsKey;
    const envelopes = new Set(ops.map((op) => op.responses['200']?.schema).filter(Boolean));
    if (envelopes.size !== 1) {
      problems.push(
        `${where}: every 200 response must share one envelope schema (found ${[...envelopes].join(', ') || 'none'})`,
      );
      return;
    }
    const envelope = [...envelopes][0] as string;
    resource.schemas.envelope = envelope;
    const properties = obj(resolve({ $ref: `${SCHEMA_PREFIX}${envelope}` }).properties);
    const objectsMap = resolve(properties[resource.objectsKey]);
    const object = componentName(
      objectsMap.additionalProperties,
      `${envelope}.${resource.objectsKey}`,
    );
    if (!object) return;
    resource.schemas.object = object;
    // Side-loaded maps: every other property that maps ids to a named schema.
    for (const [key, node] of Object.entries(properties)) {
      const map = resolve(node);
      if (key === resource.objectsKey || !refOf(map.additionalProperties)) continue;
      const name = componentName(map.additionalProperties, `${envelope}.${key}`);
      if (name) resource.sideLoaded[key] = name;
    }
    const objectSchema = resolve({ $ref: `${SCHEMA_PREFIX}${object}` });
    const fields = obj(objectSchema.properties);
    resource.timestamps = readTimestamps(object, fields, resolve, problems);

    for (const op of ops) {
      for (const param of op.parameters) {
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
      const targetFields = target
        ? obj(resolve({ $ref: `${SCHEMA_PREFIX}${target}` }).properties)
        : {};
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
        problems.push(
          `${object}.${field}: x-kantata-when-included must name an include of ${where}`,
        );
    }

    const list = resource.operations.list;
    for (const param of list?.parameters ?? []) {
      if (param.filter) {
        resource.filters[param.name] = param.filter;
        checkFilter(`${list?.operationId}: parameter "${param.name}"`, param, param.filter, fields);
      }
      if (param.role === 'per-page') {
        const { default: byDefault, maximum } = param.schema;
        if (typeof byDefault === 'number' && typeof maximum === 'number') {
          resource.paging = { default: byDefault, max: maximum };
        } else problems.push(`${list?.operationId}: per_page needs a default and a maximum`);
      }
      if (param.role === 'order') {
        resource.order = {
          parameter: param.name,
          default: typeof param.schema.default === 'string' ? param.schema.default : undefined,
          values: (arr(param.schema.enum) ?? []).map(String),
        };
      }
    }
    if (list?.paginated && !resource.paging)
      problems.push(`${list.operationId}: paginates but has no per-page parameter`);
    if (resource.operations.create?.body)
      resource.schemas.create = resource.operations.create.body.itemSchema;
    if (resource.operations.update?.body)
      resource.schemas.update = resource.operations.update.body.itemSchema;
  }

  function checkFilter(
    where: string,
    param: ParameterModel,
    filter: FilterRule,
    fields: JsonObject,
  ): void {
    if (!(filter.field in fields)) {
      problems.push(
        `${where}: x-kantata-filter.field ${filter.field} is not a field of the object`,
      );
      return;
    }
    const isArray = param.schema.type === 'array';
    if ((filter.op === 'in') !== isArray) {
      problems.push(
        `${where}: op ${filter.op} ${filter.op === 'in' ? 'needs' : 'cannot take'} an array parameter`,
      );
    }
  }
}
