/**
 * Request bodies and responses: media types, status codes, headers and body schemas.
 */

import { componentOf, deepEqual, deref, refOf } from '../../model/resolve';
import { compareDocs, compareExtensions, type Scope } from './annotations';
import { compareSchema } from './schema';
import { type JsonObject, obj } from './types';
import { type DiffContext, paramSchema, schemaCtx } from './walk';

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

/** Compares request bodies: presence, `required`, media types and schemas. */
export function compareRequestBody(
  dc: DiffContext,
  where: Scope,
  bRaw: unknown,
  hRaw: unknown,
): void {
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

/** Compares responses: a success status removed or changed is breaking; new statuses are additive. */
export function compareResponses(
  dc: DiffContext,
  where: Scope,
  b: JsonObject,
  h: JsonObject,
): void {
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
