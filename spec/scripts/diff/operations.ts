/**
 * Paths and operations: parameters, request bodies, responses and per-operation security.
 */
import { compareDocs, compareExtensions, type Scope } from './annotations';
import type { ChangeCollector } from './changes';
import { componentOf, deepEqual, deref, refOf } from './resolve';
import { compareSchema, type Direction, type Role, type SchemaCtx } from './schema';
import { compareSecurity, compareServers } from './toplevel';
import { arr, isObject, type JsonObject, type OpenAPIDocument, obj, str } from './types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Everything a document walk shares. */
export interface DiffContext {
  base: OpenAPIDocument;
  head: OpenAPIDocument;
  out: ChangeCollector;
  /** Component schemas reached from operations (the rest are compared on their own). */
  visited: Set<string>;
}

function scope(dc: DiffContext, op: string | undefined, loc: string, subject: string): Scope {
  return { base: dc.base, head: dc.head, out: dc.out, op, loc, subject, shared: false };
}

function schemaCtx(dc: DiffContext, where: Scope, dir: Direction, role: Role): SchemaCtx {
  return { ...where, dir, role, path: [], stack: new Set(), visited: dc.visited };
}

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

interface Side {
  item: JsonObject;
  op: JsonObject;
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

interface Param {
  raw: unknown;
  value: JsonObject;
}

/** Effective parameters: path-level ones overridden by operation-level ones (by `in` + name). */
function parametersOf(doc: OpenAPIDocument, side: Side): Map<string, Param> {
  const out = new Map<string, Param>();
  for (const raw of [...(arr(side.item.parameters) ?? []), ...(arr(side.op.parameters) ?? [])]) {
    const value = obj(deref(doc, raw));
    const name = str(value.name);
    const location = str(value.in);
    if (name === undefined || location === undefined) continue;
    // Header names are case-insensitive.
    out.set(`${location}:${location === 'header' ? name.toLowerCase() : name}`, { raw, value });
  }
  return out;
}

function isRequired(p: JsonObject): boolean {
  return p.required === true || p.in === 'path';
}

/** A parameter's schema: `schema`, or the schema of its single `content` entry. */
function paramSchema(p: JsonObject): unknown {
  if (p.schema !== undefined) return p.schema;
  const first = Object.values(obj(p.content))[0];
  return obj(first).schema;
}

function compareParameters(dc: DiffContext, where: Scope, b: Side, h: Side): void {
  const bParams = parametersOf(dc.base, b);
  const hParams = parametersOf(dc.head, h);
  const op = where.op ?? '';
  for (const [key, bp] of bParams) {
    const name = str(bp.value.name) ?? key;
    const kind = `${str(bp.value.in)} parameter`;
    const pWhere = scope(dc, op, `${op} › ${kind} ${name}`, `the ${kind} \`${name}\` of ${op}`);
    const hp = hParams.get(key);
    if (!hp) {
      dc.out.add(
        pWhere,
        'breaking',
        'parameter-removed',
        `Removed the ${kind} \`${name}\` from ${op}.`,
      );
      continue;
    }
    // A parameter component used on both sides is compared once, in its own location.
    const ref = refOf(bp.raw);
    const component = ref !== undefined && ref === refOf(hp.raw) ? componentOf(ref) : undefined;
    const inner: Scope = component
      ? {
          ...pWhere,
          loc: `parameter ${component.name} (${kind} ${name})`,
          subject: `the shared ${kind} \`${name}\``,
          shared: true,
        }
      : pWhere;
    compareParameter(dc, inner, bp.value, hp.value);
  }
  for (const [key, hp] of hParams) {
    if (bParams.has(key)) continue;
    const name = str(hp.value.name) ?? key;
    const kind = `${str(hp.value.in)} parameter`;
    const pWhere = scope(dc, op, `${op} › ${kind} ${name}`, `the ${kind} \`${name}\` of ${op}`);
    if (isRequired(hp.value)) {
      dc.out.add(
        pWhere,
        'breaking',
        'required-parameter-added',
        `Added the required ${kind} \`${name}\` to ${op}.`,
      );
    } else {
      dc.out.add(
        pWhere,
        'additive',
        'optional-parameter-added',
        `Added the optional ${kind} \`${name}\` to ${op}.`,
      );
    }
  }
}

function compareParameter(dc: DiffContext, where: Scope, b: JsonObject, h: JsonObject): void {
  if (!isRequired(b) && isRequired(h)) {
    dc.out.add(where, 'breaking', 'parameter-made-required', `Made ${where.subject} required.`);
  } else if (isRequired(b) && !isRequired(h)) {
    dc.out.add(where, 'additive', 'parameter-made-optional', `Made ${where.subject} optional.`);
  }
  if (b.deprecated !== true && h.deprecated === true)
    dc.out.add(where, 'additive', 'parameter-deprecated', `Deprecated ${where.subject}.`);
  if (b.deprecated === true && h.deprecated !== true)
    dc.out.add(where, 'docs', 'parameter-undeprecated', `Un-deprecated ${where.subject}.`);
  for (const key of ['style', 'explode', 'allowReserved'] as const) {
    if (!deepEqual(b[key], h[key])) {
      // The serialisation changes, so requests built the old way are read differently.
      dc.out.add(
        where,
        'breaking',
        'parameter-serialization-changed',
        `Changed \`${key}\` of ${where.subject} from ${String(b[key] ?? 'default')} to ${String(h[key] ?? 'default')}.`,
      );
    }
  }
  if (b.allowEmptyValue === true && h.allowEmptyValue !== true) {
    dc.out.add(
      where,
      'breaking',
      'parameter-empty-value-disallowed',
      `Disallowed empty values for ${where.subject}.`,
    );
  }
  compareDocs(where, b, h, ['description', 'example', 'examples']);
  compareExtensions(where, b, h);
  compareSchema(schemaCtx(dc, where, 'request', 'parameter'), paramSchema(b), paramSchema(h));
}

function mediaSubject(base: string, media: string, count: number): string {
  return media === 'application/json' || count <= 1 ? base : `${base} (\`${media}\`)`;
}

/** Compares the media types of a body; unmatched single types are treated as a change of type. */
function compareContent(
  dc: DiffContext,
  where: Scope,
  b: JsonObject,
  h: JsonObject,
  dir: 'request' | 'response',
): void {
  const bTypes = Object.keys(b);
  const hTypes = Object.keys(h);
  const pairs: Array<[string, string]> = bTypes
    .filter((t) => hTypes.includes(t))
    .map((t) => [t, t]);
  const removed = bTypes.filter((t) => !hTypes.includes(t));
  const added = hTypes.filter((t) => !bTypes.includes(t));
  if (removed.length === 1 && added.length === 1 && removed[0] && added[0]) {
    dc.out.add(
      where,
      'breaking',
      `${dir}-media-type-changed`,
      `Changed the media type of ${where.subject} from \`${removed[0]}\` to \`${added[0]}\`.`,
    );
    pairs.push([removed[0], added[0]]);
  } else {
    for (const t of removed)
      dc.out.add(
        where,
        'breaking',
        `${dir}-media-type-removed`,
        `Removed the media type \`${t}\` from ${where.subject}.`,
      );
    for (const t of added)
      dc.out.add(
        where,
        'additive',
        `${dir}-media-type-added`,
        `Added the media type \`${t}\` to ${where.subject}.`,
      );
  }
  for (const [bt, ht] of pairs) {
    const bm = obj(b[bt]);
    const hm = obj(h[ht]);
    const count = Math.max(bTypes.length, hTypes.length);
    const subject = mediaSubject(where.subject, ht, count);
    const loc = ht === 'application/json' || count <= 1 ? where.loc : `${where.loc} › ${ht}`;
    const mWhere: Scope = { ...where, subject, loc };
    compareDocs(mWhere, bm, hm, ['example', 'examples']);
    compareExtensions(mWhere, bm, hm);
    compareSchema(schemaCtx(dc, mWhere, dir, dir), bm.schema, hm.schema);
  }
}

function compareRequestBody(dc: DiffContext, where: Scope, bRaw: unknown, hRaw: unknown): void {
  if (bRaw === undefined && hRaw === undefined) return;
  const op = where.op ?? '';
  let bWhere: Scope = {
    ...where,
    loc: `${op} › request body`,
    subject: `the request body of ${op}`,
  };
  const b = obj(deref(dc.base, bRaw));
  const h = obj(deref(dc.head, hRaw));
  if (bRaw === undefined) {
    const required = h.required === true;
    dc.out.add(
      bWhere,
      required ? 'breaking' : 'additive',
      required ? 'request-body-added-required' : 'request-body-added',
      `Added ${required ? 'a required' : 'an optional'} request body to ${op}.`,
    );
    return;
  }
  if (hRaw === undefined) {
    dc.out.add(bWhere, 'breaking', 'request-body-removed', `Removed the request body of ${op}.`);
    return;
  }
  const ref = refOf(bRaw);
  const component = ref !== undefined && ref === refOf(hRaw) ? componentOf(ref) : undefined;
  if (component)
    bWhere = {
      ...bWhere,
      loc: `request body ${component.name}`,
      subject: `the shared request body \`${component.name}\``,
      shared: true,
    };
  if (b.required !== true && h.required === true)
    dc.out.add(
      bWhere,
      'breaking',
      'request-body-made-required',
      `Made ${bWhere.subject} required.`,
    );
  if (b.required === true && h.required !== true)
    dc.out.add(
      bWhere,
      'additive',
      'request-body-made-optional',
      `Made ${bWhere.subject} optional.`,
    );
  compareDocs(bWhere, b, h, ['description']);
  compareExtensions(bWhere, b, h);
  compareContent(dc, bWhere, obj(b.content), obj(h.content), 'request');
}

function isSuccess(status: string): boolean {
  return status.startsWith('2');
}

function compareResponses(dc: DiffContext, where: Scope, b: JsonObject, h: JsonObject): void {
  const op = where.op ?? '';
  const norm = (o: JsonObject): Map<string, unknown> =>
    new Map(
      Object.entries(o)
        .filter(([k]) => !k.startsWith('x-'))
        .map(([k, v]) => [k.toUpperCase(), v]),
    );
  const bs = norm(b);
  const hs = norm(h);
  const pairs: Array<[string, string]> = [...bs.keys()].filter((s) => hs.has(s)).map((s) => [s, s]);
  const removed = [...bs.keys()].filter((s) => !hs.has(s));
  const added = [...hs.keys()].filter((s) => !bs.has(s));
  const addedSuccess = added.filter(isSuccess);
  const statusWhere: Scope = { ...where, loc: `${op} › responses` };
  for (const s of removed) {
    if (isSuccess(s)) {
      const replacement = addedSuccess.shift();
      if (replacement !== undefined) {
        dc.out.add(
          statusWhere,
          'breaking',
          'success-status-changed',
          `Changed the success status of ${op} from ${s} to ${replacement}.`,
        );
        pairs.push([s, replacement]);
        added.splice(added.indexOf(replacement), 1);
      } else {
        dc.out.add(
          statusWhere,
          'breaking',
          'success-status-removed',
          `Removed the ${s} response from ${op}.`,
        );
      }
    } else {
      // Clients that handled this error keep compiling and working.
      dc.out.add(
        statusWhere,
        'additive',
        'error-status-removed',
        `Removed the ${s} response from ${op}.`,
      );
    }
  }
  for (const s of added) {
    const code = isSuccess(s) ? 'success-status-added' : 'error-status-added';
    dc.out.add(statusWhere, 'additive', code, `Added the ${s} response to ${op}.`);
  }
  for (const [bsKey, hsKey] of pairs) {
    const bRaw = bs.get(bsKey);
    const hRaw = hs.get(hsKey);
    let rWhere: Scope = {
      ...where,
      loc: `${op} › response ${hsKey}`,
      subject: `the ${hsKey} response of ${op}`,
    };
    const ref = refOf(bRaw);
    const component = ref !== undefined && ref === refOf(hRaw) ? componentOf(ref) : undefined;
    if (component)
      rWhere = {
        ...rWhere,
        loc: `response ${component.name}`,
        subject: `the shared response \`${component.name}\``,
        shared: true,
      };
    compareResponse(dc, rWhere, obj(deref(dc.base, bRaw)), obj(deref(dc.head, hRaw)));
  }
}

function compareResponse(dc: DiffContext, where: Scope, b: JsonObject, h: JsonObject): void {
  compareDocs(where, b, h, ['description', 'summary']);
  compareExtensions(where, b, h);
  if (!deepEqual(b.links, h.links))
    dc.out.add(where, 'docs', 'links-changed', `Updated the links of ${where.subject}.`);
  const bh = obj(b.headers);
  const hh = obj(h.headers);
  const lower = (o: JsonObject): Map<string, unknown> =>
    new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
  const bl = lower(bh);
  const hl = lower(hh);
  for (const [name, raw] of bl) {
    const hWhere: Scope = {
      ...where,
      loc: `${where.loc} › header ${name}`,
      subject: `the response header \`${name}\` of ${where.subject}`,
    };
    if (!hl.has(name)) {
      dc.out.add(
        hWhere,
        'breaking',
        'response-header-removed',
        `Removed the response header \`${name}\` from ${where.subject}.`,
      );
      continue;
    }
    const bv = obj(deref(dc.base, raw));
    const hv = obj(deref(dc.head, hl.get(name)));
    if (bv.required === true && hv.required !== true)
      dc.out.add(
        hWhere,
        'breaking',
        'response-header-made-optional',
        `Made ${hWhere.subject} optional.`,
      );
    compareDocs(hWhere, bv, hv, ['description', 'example', 'examples']);
    compareSchema(schemaCtx(dc, hWhere, 'response', 'response'), paramSchema(bv), paramSchema(hv));
  }
  for (const name of hl.keys()) {
    if (bl.has(name)) continue;
    dc.out.add(
      { ...where, loc: `${where.loc} › header ${name}` },
      'additive',
      'response-header-added',
      `Added the response header \`${name}\` to ${where.subject}.`,
    );
  }
  compareContent(dc, { ...where }, obj(b.content), obj(h.content), 'response');
}
