/**
 * State shared by the operation walk and the helpers that name its places.
 */
import type { Scope } from './annotations';
import type { ChangeCollector } from './changes';
import type { Direction, Role, SchemaCtx } from './schema';
import { type JsonObject, type OpenAPIDocument, obj } from './types';

/** Everything a document walk shares. */
export interface DiffContext {
  base: OpenAPIDocument;
  head: OpenAPIDocument;
  out: ChangeCollector;
  /** Component schemas reached from operations (the rest are compared on their own). */
  visited: Set<string>;
}

/** A `Scope` inside the walk. */
export function scope(
  dc: DiffContext,
  op: string | undefined,
  loc: string,
  subject: string,
): Scope {
  return { base: dc.base, head: dc.head, out: dc.out, op, loc, subject, shared: false };
}

/** Starts a schema walk at `where`. */
export function schemaCtx(dc: DiffContext, where: Scope, dir: Direction, role: Role): SchemaCtx {
  return { ...where, dir, role, path: [], stack: new Set(), visited: dc.visited };
}

/** One side (base or head) of an operation, with its path item. */
export interface Side {
  item: JsonObject;
  op: JsonObject;
}

/** A parameter's schema: `schema`, or the schema of its single `content` entry. */
export function paramSchema(p: JsonObject): unknown {
  if (p.schema !== undefined) return p.schema;
  const first = Object.values(obj(p.content))[0];
  return obj(first).schema;
}
