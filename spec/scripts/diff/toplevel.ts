/**
 * Document-level parts: info, servers, security requirements and schemes, tags.
 */

import { deepEqual, deref } from '../../model/resolve';
import { compareDocs, compareExtensions, type Scope } from './annotations';
import { arr, type JsonObject, obj, show, str } from './types';

/** One security requirement as a stable key, e.g. `oauth2[read,write] + apiKey`. */
function requirementKey(requirement: unknown): string {
  const entries = Object.entries(obj(requirement)).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return 'anonymous';
  return entries
    .map(([name, scopes]) => {
      const list = (arr(scopes) ?? []).map(String).sort();
      return list.length > 0 ? `${name}[${list.join(',')}]` : name;
    })
    .join(' + ');
}

/**
 * Compares two security requirement lists (alternatives). Losing an alternative or starting
 * to require authentication is breaking; a new alternative, or dropping authentication, is not.
 */
export function compareSecurity(where: Scope, base: unknown, head: unknown): void {
  const b = new Set((arr(base) ?? []).map(requirementKey));
  const h = new Set((arr(head) ?? []).map(requirementKey));
  if (b.size === 0 && h.size > 0 && !h.has('anonymous')) {
    where.out.add(
      where,
      'breaking',
      'security-added',
      `Required authentication (${[...h].join(' or ')}) for ${where.subject}.`,
    );
    return;
  }
  if (h.size === 0 && b.size > 0) {
    where.out.add(
      where,
      'additive',
      'security-removed',
      `Stopped requiring authentication for ${where.subject}.`,
    );
    return;
  }
  for (const key of b) {
    if (!h.has(key)) {
      where.out.add(
        where,
        'breaking',
        'security-requirement-removed',
        `Removed \`${key}\` as a way to authenticate to ${where.subject}.`,
      );
    }
  }
  for (const key of h) {
    if (!b.has(key)) {
      where.out.add(
        where,
        'additive',
        'security-requirement-added',
        `Added \`${key}\` as a way to authenticate to ${where.subject}.`,
      );
    }
  }
}

/** Compares server lists: a removed or changed URL (or variable) breaks configured clients. */
export function compareServers(where: Scope, base: unknown, head: unknown): void {
  const b = (arr(base) ?? []).map(obj);
  const h = (arr(head) ?? []).map(obj);
  const of = where.op === undefined ? '' : ` of ${where.op}`;
  const bUrls = b.map((s) => str(s.url));
  const hUrls = h.map((s) => str(s.url));
  const removed = b.filter((s) => !hUrls.includes(str(s.url)));
  const added = h.filter((s) => !bUrls.includes(str(s.url)));
  while (removed.length > 0 && added.length > 0) {
    const from = removed.shift();
    const to = added.shift();
    where.out.add(
      where,
      'breaking',
      'server-url-changed',
      `Changed the server URL${of} from ${show(from?.url)} to ${show(to?.url)}.`,
    );
  }
  for (const s of removed)
    where.out.add(where, 'breaking', 'server-removed', `Removed the server ${show(s.url)}${of}.`);
  for (const s of added)
    where.out.add(where, 'additive', 'server-added', `Added the server ${show(s.url)}${of}.`);
  for (const bs of b) {
    const hs = h.find((s) => s.url === bs.url);
    if (!hs) continue;
    const sWhere: Scope = {
      ...where,
      loc: `${where.loc} › ${show(bs.url)}`,
      subject: `the server ${show(bs.url)}${of}`,
    };
    compareDocs(sWhere, bs, hs, ['description']);
    compareExtensions(sWhere, bs, hs);
    const bv = obj(bs.variables);
    const hv = obj(hs.variables);
    for (const name of new Set([...Object.keys(bv), ...Object.keys(hv)])) {
      const x = obj(bv[name]);
      const y = obj(hv[name]);
      if (deepEqual(x, y)) continue;
      const vWhere: Scope = { ...sWhere, subject: `the variable \`${name}\` of ${sWhere.subject}` };
      if (!Object.hasOwn(hv, name)) {
        where.out.add(vWhere, 'breaking', 'server-variable-removed', `Removed ${vWhere.subject}.`);
        continue;
      }
      if (!Object.hasOwn(bv, name)) {
        where.out.add(vWhere, 'additive', 'server-variable-added', `Added ${vWhere.subject}.`);
        continue;
      }
      if (x.default !== y.default) {
        where.out.add(
          vWhere,
          'breaking',
          'server-variable-default-changed',
          `Changed the default of ${vWhere.subject} from ${show(x.default)} to ${show(y.default)}.`,
        );
      }
      const xe = arr(x.enum) ?? [];
      const ye = arr(y.enum) ?? [];
      for (const v of xe.filter((e) => !ye.includes(e)))
        where.out.add(
          vWhere,
          'breaking',
          'server-variable-value-removed',
          `Removed the value ${show(v)} from ${vWhere.subject}.`,
        );
      for (const v of ye.filter((e) => !xe.includes(e)))
        where.out.add(
          vWhere,
          'additive',
          'server-variable-value-added',
          `Added the value ${show(v)} to ${vWhere.subject}.`,
        );
      compareDocs(vWhere, x, y, ['description']);
    }
  }
}

const SCHEME_FIELDS = ['type', 'scheme', 'in', 'name', 'bearerFormat', 'openIdConnectUrl'] as const;
const FLOW_URLS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const;

/** Compares `components.securitySchemes`: removing or altering a scheme breaks authentication. */
export function compareSecuritySchemes(where: Scope, base: JsonObject, head: JsonObject): void {
  for (const name of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const sWhere: Scope = {
      ...where,
      loc: `security scheme ${name}`,
      subject: `the security scheme \`${name}\``,
    };
    if (!Object.hasOwn(head, name)) {
      where.out.add(
        sWhere,
        'breaking',
        'security-scheme-removed',
        `Removed the security scheme \`${name}\`.`,
      );
      continue;
    }
    if (!Object.hasOwn(base, name)) {
      where.out.add(
        sWhere,
        'additive',
        'security-scheme-added',
        `Added the security scheme \`${name}\`.`,
      );
      continue;
    }
    const b = obj(deref(where.base, base[name]));
    const h = obj(deref(where.head, head[name]));
    for (const field of SCHEME_FIELDS) {
      if (b[field] !== h[field]) {
        where.out.add(
          sWhere,
          'breaking',
          'security-scheme-changed',
          `Changed \`${field}\` of the security scheme \`${name}\` from ${show(b[field] ?? 'none')} to ${show(h[field] ?? 'none')}.`,
        );
      }
    }
    compareDocs(sWhere, b, h, ['description']);
    compareExtensions(sWhere, b, h);
    const bFlows = obj(b.flows);
    const hFlows = obj(h.flows);
    for (const flow of new Set([...Object.keys(bFlows), ...Object.keys(hFlows)])) {
      const fWhere: Scope = {
        ...sWhere,
        loc: `${sWhere.loc} › ${flow} flow`,
        subject: `the ${flow} flow of the security scheme \`${name}\``,
      };
      if (!Object.hasOwn(hFlows, flow)) {
        where.out.add(fWhere, 'breaking', 'oauth-flow-removed', `Removed ${fWhere.subject}.`);
        continue;
      }
      if (!Object.hasOwn(bFlows, flow)) {
        where.out.add(fWhere, 'additive', 'oauth-flow-added', `Added ${fWhere.subject}.`);
        continue;
      }
      const bf = obj(bFlows[flow]);
      const hf = obj(hFlows[flow]);
      for (const field of FLOW_URLS) {
        if (bf[field] !== hf[field]) {
          where.out.add(
            fWhere,
            'breaking',
            'oauth-flow-changed',
            `Changed \`${field}\` of ${fWhere.subject} from ${show(bf[field] ?? 'none')} to ${show(hf[field] ?? 'none')}.`,
          );
        }
      }
      const bs = obj(bf.scopes);
      const hs = obj(hf.scopes);
      for (const scope of Object.keys(bs)) {
        if (!Object.hasOwn(hs, scope))
          where.out.add(
            fWhere,
            'breaking',
            'oauth-scope-removed',
            `Removed the scope \`${scope}\` from ${fWhere.subject}.`,
          );
        else if (bs[scope] !== hs[scope])
          where.out.add(
            fWhere,
            'docs',
            'oauth-scope-description-changed',
            `Updated the description of the scope \`${scope}\` of ${fWhere.subject}.`,
          );
      }
      for (const scope of Object.keys(hs)) {
        if (!Object.hasOwn(bs, scope))
          where.out.add(
            fWhere,
            'additive',
            'oauth-scope-added',
            `Added the scope \`${scope}\` to ${fWhere.subject}.`,
          );
      }
    }
  }
}

/** Compares `info` (all documentation, including the version) and the `openapi` version. */
export function compareInfo(where: Scope, base: JsonObject, head: JsonObject): void {
  const b = obj(base.info);
  const h = obj(head.info);
  const iWhere: Scope = { ...where, loc: 'info', subject: 'the API' };
  if (b.version !== h.version) {
    where.out.add(
      iWhere,
      'docs',
      'info-version-changed',
      `Changed the API version from ${show(b.version ?? 'none')} to ${show(h.version ?? 'none')}.`,
    );
  }
  compareDocs(iWhere, b, h, ['title', 'summary', 'description']);
  for (const field of ['termsOfService', 'contact', 'license'] as const) {
    if (!deepEqual(b[field], h[field]))
      where.out.add(
        iWhere,
        'docs',
        `info-${field.toLowerCase()}-changed`,
        `Updated the ${field === 'termsOfService' ? 'terms of service' : field} of the API.`,
      );
  }
  compareExtensions(iWhere, b, h);
  if (base.openapi !== head.openapi) {
    where.out.add(
      { ...where, loc: 'openapi' },
      'docs',
      'openapi-version-changed',
      `Changed the OpenAPI version from ${show(base.openapi ?? 'none')} to ${show(head.openapi ?? 'none')}.`,
    );
  }
  compareDocs({ ...where, loc: 'externalDocs', subject: 'the API' }, base, head, ['externalDocs']);
}

/** Compares the tag list: tags only group operations in the documentation. */
export function compareTags(where: Scope, base: unknown, head: unknown): void {
  const byName = (list: unknown): Map<string, JsonObject> =>
    new Map((arr(list) ?? []).map(obj).map((t) => [str(t.name) ?? '', t]));
  const b = byName(base);
  const h = byName(head);
  for (const name of new Set([...b.keys(), ...h.keys()])) {
    const tWhere: Scope = { ...where, loc: `tag ${name}`, subject: `the tag \`${name}\`` };
    const bt = b.get(name);
    const ht = h.get(name);
    if (!ht) where.out.add(tWhere, 'docs', 'tag-removed', `Removed the tag \`${name}\`.`);
    else if (!bt) where.out.add(tWhere, 'docs', 'tag-added', `Added the tag \`${name}\`.`);
    else {
      compareDocs(tWhere, bt, ht, ['summary', 'description', 'externalDocs']);
      compareExtensions(tWhere, bt, ht);
      if (!deepEqual(bt.parent, ht.parent) || !deepEqual(bt.kind, ht.kind)) {
        where.out.add(tWhere, 'docs', 'tag-changed', `Changed the grouping of ${tWhere.subject}.`);
      }
    }
  }
}
