/**
 * What every reader of the spec model shares while `buildModel` runs: the bundled document,
 * the list of problems found so far (reported all at once at the end, so that one
 * `pnpm generate` names every convention a spec change breaks) and `resolve`, which follows a
 * node's `$ref`s. The readers take this one small object instead of closing over a single
 * large function, so each can live in a module of its own.
 */
import { type JsonObject, obj } from './json';
import { deref, refOf } from './resolve';

/** The document being read, the problems found in it, and its `$ref` resolver. */
export interface ModelContext {
  readonly document: JsonObject;
  /** One line per problem, in the order found; `buildModel` throws them together. */
  readonly problems: string[];
  /** The node with its `$ref`s followed, as an object (`{}` when it is not one). */
  readonly resolve: (node: unknown) => JsonObject;
}

export const SCHEMA_PREFIX = '#/components/schemas/';

/**
 * The context for reading `document`, with no problems found yet.
 *
 * @example
 * const context = createContext(document);
 * context.resolve({ $ref: '#/components/schemas/OrganizationMembership' }).properties;
 */
export function createContext(document: JsonObject): ModelContext {
  return { document, problems: [], resolve: (node) => obj(deref(document, node)) };
}

/**
 * The name under components/schemas that `node` refers to. The generators name types after
 * components, so an inline schema where a named one is needed is a problem (pushed, with
 * `where`) and gives undefined.
 *
 * @example
 * componentName(context, { $ref: '#/components/schemas/UserGroupMembership' }, where);
 * // 'UserGroupMembership'
 */
export function componentName(
  { problems }: ModelContext,
  node: unknown,
  where: string,
): string | undefined {
  const ref = refOf(node);
  if (ref?.startsWith(SCHEMA_PREFIX)) return decodeURIComponent(ref.slice(SCHEMA_PREFIX.length));
  problems.push(
    `${where}: refer to a named schema under components/schemas (found an inline schema)`,
  );
  return undefined;
}

/** The schema named `name` under components/schemas, resolved (`{}` when there is none). */
export function namedSchema({ resolve }: ModelContext, name: string): JsonObject {
  return resolve({ $ref: `${SCHEMA_PREFIX}${name}` });
}
