/**
 * Paths and operations: matching (renames included), operation fields and per-operation
 * security and servers; parameters and bodies are in `parameters.ts` and `bodies.ts`.
 */

import { deepEqual, deref } from '../../model/resolve';
import { compareDocs, compareExtensions, type Scope } from './annotations';
import { compareRequestBody, compareResponses } from './bodies';
import { compareParameters } from './parameters';
import { compareSecurity, compareServers } from './toplevel';
import { isObject, type JsonObject, obj, str } from './types';
import { type DiffContext, type Side, scope } from './walk';

export type { DiffContext } from './walk';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function methodsOf(item: JsonObject): string[] {
  return METHODS.filter((m) => isObject(item[m]));
}

function label(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** `/things/{id}` and `/things/{thingId}` are the same route. */
function template(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

/** Whether a head path is the base path under a new name (same operations, same ids). */
function isRename(base: JsonObject, head: JsonObject): boolean {
  const bm = methodsOf(base);
  const hm = methodsOf(head);
  if (bm.length === 0 || bm.join() !== hm.join()) return false;
  const ids = (item: JsonObject): Array<string | undefined> =>
    bm.map((m) => str(obj(item[m]).operationId));
  const bIds = ids(base);
  if (bIds.every((id) => id !== undefined)) return deepEqual(bIds, ids(head));
  return deepEqual(
    bm.map((m) => base[m]),
    bm.map((m) => head[m]),
  );
}

/** Compares `paths`: matches paths (also across a renamed path parameter or path), then operations. */
export function comparePaths(dc: DiffContext): void {
  const bPaths = obj(dc.base.paths);
  const hPaths = obj(dc.head.paths);
  const pairs: Array<[string, string]> = [];
  const bLeft = Object.keys(bPaths).filter((p) => !Object.hasOwn(hPaths, p));
  const hLeft = new Set(Object.keys(hPaths).filter((p) => !Object.hasOwn(bPaths, p)));
  for (const p of Object.keys(bPaths)) if (Object.hasOwn(hPaths, p)) pairs.push([p, p]);
  const removed: string[] = [];
  for (const p of bLeft) {
    const sameTemplate = [...hLeft].find((q) => template(q) === template(p));
    const renamed =
      sameTemplate ??
      [...hLeft].find((q) =>
        isRename(obj(deref(dc.base, bPaths[p])), obj(deref(dc.head, hPaths[q]))),
      );
    if (renamed === undefined) {
      removed.push(p);
      continue;
    }
    hLeft.delete(renamed);
    pairs.push([p, renamed]);
    if (sameTemplate === undefined) {
      const methods = methodsOf(obj(deref(dc.base, bPaths[p])));
      const where = scope(dc, undefined, `path ${p}`, `the path ${p}`);
      const message = `Renamed the path ${p} to ${renamed} (${methods.map((m) => m.toUpperCase()).join(', ')}); requests to the old path fail.`;
      for (const m of methods)
        dc.out.add({ ...where, op: label(m, renamed) }, 'breaking', 'path-renamed', message);
    }
  }
  for (const p of removed) {
    const methods = methodsOf(obj(deref(dc.base, bPaths[p])));
    const where = scope(dc, undefined, `path ${p}`, `the path ${p}`);
    for (const m of methods)
      dc.out.add(
        { ...where, op: label(m, p) },
        'breaking',
        'path-removed',
        `Removed the path ${p} (${methods.map((x) => x.toUpperCase()).join(', ')}).`,
      );
    if (methods.length === 0)
      dc.out.add(where, 'breaking', 'path-removed', `Removed the path ${p}.`);
  }
  for (const p of hLeft) {
    const methods = methodsOf(obj(deref(dc.head, hPaths[p])));
    const where = scope(dc, undefined, `path ${p}`, `the path ${p}`);
    for (const m of methods)
      dc.out.add(
        { ...where, op: label(m, p) },
        'additive',
        'path-added',
        `Added the path ${p} (${methods.map((x) => x.toUpperCase()).join(', ')}).`,
      );
    if (methods.length === 0) dc.out.add(where, 'additive', 'path-added', `Added the path ${p}.`);
  }
  for (const [bp, hp] of pairs)
    comparePathItem(dc, bp, hp, obj(deref(dc.base, bPaths[bp])), obj(deref(dc.head, hPaths[hp])));
}

function comparePathItem(
  dc: DiffContext,
  bPath: string,
  hPath: string,
  b: JsonObject,
  h: JsonObject,
): void {
  const where = scope(dc, undefined, `path ${hPath}`, `the path ${hPath}`);
  compareDocs(where, b, h, ['summary', 'description']);
  compareExtensions(where, b, h);
  for (const m of METHODS) {
    const bo = b[m];
    const ho = h[m];
    if (!isObject(bo) && !isObject(ho)) continue;
    const op = label(m, hPath);
    const opWhere = scope(dc, op, op, op);
    if (!isObject(ho)) {
      dc.out.add(
        { ...opWhere, op: label(m, bPath) },
        'breaking',
        'operation-removed',
        `Removed the operation ${label(m, bPath)}.`,
        label(m, bPath),
      );
    } else if (!isObject(bo)) {
      dc.out.add(opWhere, 'additive', 'operation-added', `Added the operation ${op}.`);
    } else {
      compareOperation(dc, opWhere, { item: b, op: bo }, { item: h, op: ho });
    }
  }
}

function compareOperation(dc: DiffContext, where: Scope, b: Side, h: Side): void {
  const bId = str(b.op.operationId);
  const hId = str(h.op.operationId);
  if (bId !== hId) {
    // The generated types and client are keyed by operationId.
    dc.out.add(
      where,
      bId === undefined ? 'additive' : 'breaking',
      'operation-id-changed',
      `Changed the operationId of ${where.op} from \`${bId ?? 'none'}\` to \`${hId ?? 'none'}\`.`,
    );
  }
  compareDocs(where, b.op, h.op, ['summary', 'description', 'externalDocs']);
  if (!deepEqual(b.op.tags, h.op.tags))
    dc.out.add(where, 'docs', 'tags-changed', `Changed the tags of ${where.op}.`);
  if (b.op.deprecated !== true && h.op.deprecated === true)
    dc.out.add(where, 'additive', 'operation-deprecated', `Deprecated ${where.op}.`);
  if (b.op.deprecated === true && h.op.deprecated !== true)
    dc.out.add(where, 'docs', 'operation-undeprecated', `Un-deprecated ${where.op}.`);
  compareExtensions(where, b.op, h.op);
  // Operation-level security overrides the document's; compare the effective requirements
  // only when an override exists (document-level changes are reported once, elsewhere).
  if (b.op.security !== undefined || h.op.security !== undefined) {
    compareSecurity(
      { ...where, loc: `${where.loc} › security`, subject: where.op ?? where.subject },
      b.op.security ?? dc.base.security,
      h.op.security ?? dc.head.security,
    );
  }
  const bServers = b.op.servers ?? b.item.servers;
  const hServers = h.op.servers ?? h.item.servers;
  if (bServers !== undefined || hServers !== undefined) {
    compareServers(
      { ...where, loc: `${where.loc} › servers` },
      bServers ?? dc.base.servers,
      hServers ?? dc.head.servers,
    );
  }
  compareParameters(dc, where, b, h);
  compareRequestBody(dc, where, b.op.requestBody, h.op.requestBody);
  compareResponses(dc, where, obj(b.op.responses), obj(h.op.responses));
}
