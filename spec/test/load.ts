import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { deref as resolveRef } from '../model/resolve.js';
import { bundleSpec } from '../scripts/bundle.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  op: JsonObject;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Bundles the spec once and gives the tests typed access to its parts. */
export async function loadSpec() {
  const doc = (await bundleSpec()) as JsonObject;
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  // The bundled document is registered whole so `#/components/...` refs resolve.
  ajv.addSchema(doc as object, 'openapi.json');

  /** Follows a local `$ref` chain to the object it names (cycle-safe: the model's resolver). */
  function deref<T extends Json>(value: T): T {
    return resolveRef(doc, value) as T;
  }

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const op = (item as JsonObject)[method];
      if (isObject(op)) operations.push({ method, path, operationId: String(op.operationId), op });
    }
  }

  /** Parameters of an operation, path-level ones included, dereferenced. */
  function parameters(operation: Operation): JsonObject[] {
    const item = doc.paths && (doc.paths as JsonObject)[operation.path];
    const shared = isObject(item) && Array.isArray(item.parameters) ? item.parameters : [];
    const own = Array.isArray(operation.op.parameters) ? operation.op.parameters : [];
    return [...shared, ...own].map((p) => deref(p) as JsonObject);
  }

  /** Validates a value against a schema found at `pointer` inside the bundled document. */
  function validate(pointerOrSchema: string | JsonObject, value: unknown) {
    const schema =
      typeof pointerOrSchema === 'string'
        ? { $ref: `openapi.json${pointerOrSchema}` }
        : rebase(pointerOrSchema);
    const check = ajv.compile(schema);
    const valid = check(value);
    return { valid, errors: ajv.errorsText(check.errors) };
  }

  function operation(operationId: string): Operation {
    const found = operations.find((o) => o.operationId === operationId);
    if (!found) throw new Error(`no operation ${operationId}`);
    return found;
  }

  return { doc, operations, operation, parameters, deref, validate };
}

/** Points local refs of an inline schema at the registered document. */
function rebase(schema: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi.json#/'));
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
