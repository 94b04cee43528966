/**
 * Generates the client's operation table, `src/operations.gen.ts`, from the bundled spec
 * that @kantata-ox/types ships. The resource helpers are driven by this table, so a new
 * operation, include or bulk limit in the spec reaches them without a hand edit.
 *
 * Which helper an operation backs follows from its method and path: GET on a collection
 * lists, POST creates, and GET / PUT / DELETE on `{id}` get, update and delete.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const require = createRequire(import.meta.url);
const out = resolve(dirname(fileURLToPath(import.meta.url)), '../src/operations.gen.ts');
const spec = JSON.parse(
  await readFile(require.resolve('@kantata-ox/types/openapi.json'), 'utf8'),
) as JsonObject;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s to the object they name. */
function deref(value: Json | undefined): JsonObject {
  let node = value;
  while (isObject(node) && typeof node.$ref === 'string') {
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce<Json | undefined>((acc, part) => (isObject(acc) ? acc[part] : undefined), spec);
  }
  if (!isObject(node)) throw new Error(`Unresolvable reference: ${JSON.stringify(value)}`);
  return node;
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

const ACTIONS: Record<string, { collection?: string; item?: string }> = {
  get: { collection: 'list', item: 'get' },
  post: { collection: 'create' },
  put: { item: 'update' },
  delete: { item: 'delete' },
};

interface Resource {
  objectsKey: string;
  operations: Record<string, JsonObject>;
  includes: JsonObject;
  pageSize?: { default: number; max: number };
  createRequired?: string[];
}
const resources = new Map<string, Resource>();

for (const [path, itemValue] of Object.entries(deref(spec.paths))) {
  const item = deref(itemValue);
  const isItemPath = path.endsWith('/{id}');
  for (const [method, actions] of Object.entries(ACTIONS)) {
    if (!isObject(item[method])) continue;
    const op = item[method];
    const action = isItemPath ? actions.item : actions.collection;
    const objectsKey = op['x-kantata-objects-key'];
    if (!action || typeof objectsKey !== 'string') {
      throw new Error(`${method.toUpperCase()} ${path}: no helper action or x-kantata-objects-key`);
    }
    const resource = resources.get(objectsKey) ?? { objectsKey, operations: {}, includes: {} };
    resources.set(objectsKey, resource);

    const parameters = [
      ...(Array.isArray(item.parameters) ? item.parameters : []),
      ...(Array.isArray(op.parameters) ? op.parameters : []),
    ].map(deref);
    const query = parameters.filter((p) => p.in === 'query');
    const entry: JsonObject = {
      operationId: String(op.operationId),
      method: method.toUpperCase(),
      path,
      bounds: integerBounds(query),
    };
    const bulk = op['x-kantata-bulk'];
    if (isObject(bulk)) {
      entry.bulk = bulk;
      resource.createRequired = requiredBulkFields(op, String(bulk.bulkKey));
    }
    const include = parameters.find((p) => p.name === 'include');
    if (include && isObject(include['x-kantata-includes'])) {
      resource.includes = include['x-kantata-includes'];
    }
    const perPage = parameters.find((p) => p.name === 'per_page');
    if (perPage) {
      const schema = deref(perPage.schema);
      resource.pageSize = { default: Number(schema.default), max: Number(schema.maximum) };
    }
    resource.operations[action] = entry;
  }
}

/** Bounds of integer (and integer-array) query parameters, checked before any request. */
function integerBounds(query: JsonObject[]): JsonObject {
  const bounds: JsonObject = {};
  for (const parameter of query) {
    const schema = deref(parameter.schema);
    const isArray = schema.type === 'array';
    const scalar = isArray ? deref(schema.items) : schema;
    if (scalar.type !== 'integer') continue;
    const entry: JsonObject = {};
    if (typeof scalar.minimum === 'number') entry.minimum = scalar.minimum;
    if (typeof scalar.maximum === 'number') entry.maximum = scalar.maximum;
    if (isArray) entry.array = true;
    bounds[String(parameter.name)] = entry;
  }
  return bounds;
}

/** Required fields of one item of a bulk create body (its `oneOf` branch with the array). */
function requiredBulkFields(op: JsonObject, bulkKey: string): string[] {
  const media = deref(op.requestBody).content;
  const body = deref(isObject(media) ? media['application/json'] : undefined);
  for (const branch of (deref(body.schema).oneOf ?? []) as Json[]) {
    const properties = deref(branch).properties;
    if (isObject(properties) && properties[bulkKey]) {
      return (deref(deref(properties[bulkKey]).items).required ?? []) as string[];
    }
  }
  throw new Error(`${String(op.operationId)}: no bulk branch under "${bulkKey}"`);
}

const info = deref(spec.info);
const table = Object.fromEntries(
  [...resources.values()].map((r) => [camelCase(r.objectsKey), r] as const),
);
const header = `/**
 * Generated by packages/client/scripts/generate.ts from the Kantata OX spec version ${String(info.version)}.
 * Do not edit by hand: change spec/ and run \`pnpm generate\`.
 */
`;
const body = `${header}
/** Version of the spec this client was generated from. */
export const specVersion = ${JSON.stringify(info.version)};

/** Default server of the API. */
export const defaultBaseUrl = ${JSON.stringify(deref((spec.servers as Json[])[0]).url)};

/** Every resource of the spec, with the operations behind each helper. */
export const resources = ${JSON.stringify(table, null, 2)} as const;
`;
const current = await readFile(out, 'utf8').catch(() => '');
if (current !== body) await writeFile(out, body);
console.log(
  `@kantata-ox/client: spec ${String(info.version)} → src/operations.gen.ts (${resources.size} resources)`,
);
