/**
 * Parameters: matched by location and name (header names case-insensitively).
 */

import { componentOf, deepEqual, deref, refOf } from '../../model/resolve';
import { compareDocs, compareExtensions, type Scope } from './annotations';
import { compareSchema } from './schema';
import { arr, type JsonObject, type OpenAPIDocument, obj, str } from './types';
import { type DiffContext, paramSchema, type Side, schemaCtx, scope } from './walk';

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

/** Compares the effective parameters of an operation. */
export function compareParameters(dc: DiffContext, where: Scope, b: Side, h: Side): void {
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
