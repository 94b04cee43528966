/**
 * Reads the operations of the document's paths. Each must have an operationId, an
 * `x-kantata-objects-key` (the resource it belongs to) and a method and path shape that maps
 * to a helper action (GET/POST on a collection, GET/PUT/DELETE on `/{id}`), since the client
 * and the fake API are organised by resource and action.
 */
import { examplesOf, readBody, readResponses } from './body';
import type { ModelContext } from './context';
import { arr, isObject, type JsonObject, obj } from './json';
import { readParameter } from './parameter';
import type { Action, OperationModel } from './types';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const ACTIONS: Record<string, { collection?: Action; item?: Action }> = {
  get: { collection: 'list', item: 'get' },
  post: { collection: 'create' },
  put: { item: 'update' },
  delete: { item: 'delete' },
};

/**
 * Every operation of the document, in path and method order, leaving out (with a problem
 * pushed) those that break a convention.
 *
 * @example
 * readOperations(context).map((op) => op.operationId);
 * // ['listOrganizationMemberships', 'createOrganizationMemberships', ...]
 */
export function readOperations(context: ModelContext): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const [path, itemNode] of Object.entries(obj(context.document.paths))) {
    const item = context.resolve(itemNode);
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const op = readOperation(context, where, method, path, item, context.resolve(item[method]));
      if (op) operations.push(op);
    }
  }
  return operations;
}

function readOperation(
  context: ModelContext,
  where: string,
  method: (typeof METHODS)[number],
  path: string,
  item: JsonObject,
  op: JsonObject,
): OperationModel | undefined {
  const { problems, resolve } = context;
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
  // By name; an operation's own parameter overrides the path's of the same name.
  const parameters = Object.fromEntries(
    [...(arr(item.parameters) ?? []), ...(arr(op.parameters) ?? [])].map((node) => {
      const param = resolve(node);
      return [String(param.name), readParameter(context, operationId, param)];
    }),
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
      ? { body: readBody(context, operationId, op, requestBody.required === true, media) }
      : {}),
    requestExamples: media ? examplesOf(context, media) : {},
    responses: readResponses(context, operationId, obj(op.responses)),
  };
}
