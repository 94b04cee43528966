/**
 * Schema comparison. The same difference means different things depending on who writes the
 * data: a narrower type breaks clients that *send* it (request) but not clients that *read*
 * it (response), and vice versa. Every rule is therefore stated for both directions
 * (see `schema-core.ts`); keyword rules live in `constraints.ts`.
 */

import { componentOf, deref, refOf, refSiblings } from '../../model/resolve';
import { compareDocs, compareExtensions } from './annotations';
import {
  compareBounds,
  compareEnum,
  compareMisc,
  compareStringRules,
  compareTypes,
} from './constraints';
import {
  ADDITIVE,
  BREAKING,
  emit,
  fieldNoun,
  here,
  NARROWS,
  renderPath,
  type SchemaCtx,
  WIDENS,
} from './schema-core';
import { arr, isObject, type JsonObject, obj } from './types';
import { compareVariants } from './variants';

export type { Direction, Role, SchemaCtx } from './schema-core';

/**
 * Compares two schemas (either may be a `$ref`). When both point at the same component, the
 * component is compared in its own location so that a change inside it is reported once and
 * attributed to every operation whose walk reaches it.
 */
export function compareSchema(ctx: SchemaCtx, base: unknown, head: unknown): void {
  const bRef = refOf(base);
  const hRef = refOf(head);
  const component = bRef !== undefined && bRef === hRef ? componentOf(bRef) : undefined;
  if (bRef !== undefined && component?.section === 'schemas') {
    compareDocs(here(ctx), refSiblings(base), refSiblings(head));
    const key = `${bRef}|${ctx.dir}|${ctx.role}`;
    if (ctx.stack.has(key)) return;
    ctx.visited.add(component.name);
    const inner: SchemaCtx = {
      ...ctx,
      loc: `schema ${component.name}`,
      subject: `schema \`${component.name}\``,
      path: [],
      shared: true,
      stack: new Set([...ctx.stack, key]),
    };
    compareNode(inner, deref(ctx.base, { $ref: bRef }), deref(ctx.head, { $ref: bRef }));
    return;
  }
  let next = ctx;
  if (bRef !== undefined || hRef !== undefined) {
    const key = `${bRef ?? '-'}|${hRef ?? '-'}|${ctx.dir}|${ctx.role}`;
    if (ctx.stack.has(key)) return;
    next = { ...ctx, stack: new Set([...ctx.stack, key]) };
  }
  compareNode(next, deref(ctx.base, base), deref(ctx.head, head));
}

/** Compares two resolved schemas. */
function compareNode(ctx: SchemaCtx, base: unknown, head: unknown): void {
  // No structural shortcut here: equal `$ref` text may point at changed targets.
  if (base === head) return;
  // A missing schema (or `true`) accepts anything.
  if (base === undefined || base === true || head === undefined || head === true) {
    if (base === undefined || base === true) {
      emit(ctx, NARROWS, 'schema-added', `Constrained ${here(ctx).subject} with a schema.`);
    } else {
      emit(ctx, WIDENS, 'schema-removed', `Removed the schema of ${here(ctx).subject}.`);
    }
    return;
  }
  if (!isObject(base) || !isObject(head)) {
    emit(ctx, BREAKING, 'schema-changed', `Changed the schema of ${here(ctx).subject}.`);
    return;
  }
  const [b, h] = alignAllOf(ctx, base, head);
  const at = here(ctx);
  compareDocs(at, b, h);
  compareExtensions(at, b, h);
  compareTypes(ctx, b, h);
  compareEnum(ctx, b, h);
  compareBounds(ctx, b, h);
  compareStringRules(ctx, b, h);
  compareMisc(ctx, b, h);
  compareProperties(ctx, b, h);
  compareAdditional(ctx, b, h);
  if (b.items !== undefined || h.items !== undefined) {
    compareSchema({ ...ctx, path: [...ctx.path, '[]'] }, b.items, h.items);
  }
  compareVariants(ctx, b, h, 'oneOf', compareSchema);
  compareVariants(ctx, b, h, 'anyOf', compareSchema);
}

/**
 * `allOf` lists that line up member by member are compared pairwise (keeping shared members
 * attributed to their component); otherwise both sides are flattened into one schema so that
 * moving a property between members is not reported as a change.
 */
function alignAllOf(ctx: SchemaCtx, base: JsonObject, head: JsonObject): [JsonObject, JsonObject] {
  const ba = arr(base.allOf);
  const ha = arr(head.allOf);
  if (!ba && !ha) return [base, head];
  if (
    ba &&
    ha &&
    ba.length === ha.length &&
    ba.every((member, i) => refOf(member) === refOf(ha[i]))
  ) {
    ba.forEach((member, i) => {
      compareSchema(ctx, member, ha[i]);
    });
    const { allOf: _b, ...bRest } = base;
    const { allOf: _h, ...hRest } = head;
    return [bRest, hRest];
  }
  return [flatten(ctx.base, base, new Set()), flatten(ctx.head, head, new Set())];
}

/** Merges an `allOf` schema into one object schema (properties and `required` are unions). */
function flatten(doc: unknown, schema: JsonObject, stack: ReadonlySet<string>): JsonObject {
  const members = arr(schema.allOf);
  if (!members) return schema;
  const { allOf: _allOf, ...own } = schema;
  let merged: JsonObject = {};
  const properties: JsonObject = {};
  const required = new Set<string>();
  for (const member of [...members, own]) {
    const ref = refOf(member);
    if (ref !== undefined && stack.has(ref)) continue;
    const resolved = obj(deref(doc, member));
    const flat = flatten(doc, resolved, ref === undefined ? stack : new Set([...stack, ref]));
    Object.assign(properties, obj(flat.properties));
    for (const name of arr(flat.required) ?? []) if (typeof name === 'string') required.add(name);
    merged = { ...merged, ...flat };
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  else delete merged.required;
  return merged;
}

/** Whether a property is part of the payload in this direction (readOnly is never sent). */
function visible(ctx: SchemaCtx, doc: unknown, property: unknown): boolean {
  const resolved = obj(deref(doc, property));
  if (ctx.dir === 'request') return resolved.readOnly !== true;
  if (ctx.dir === 'response') return resolved.writeOnly !== true;
  return true;
}

function stringSet(value: unknown): Set<string> {
  return new Set((arr(value) ?? []).filter((v) => typeof v === 'string'));
}

function compareProperties(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const bp = obj(b.properties);
  const hp = obj(h.properties);
  const bReq = stringSet(b.required);
  const hReq = stringSet(h.required);
  const noun = fieldNoun(ctx);
  const handled = new Set<string>();
  const names = new Set([...Object.keys(bp), ...Object.keys(hp)]);
  for (const name of names) {
    const inBase = Object.hasOwn(bp, name) && visible(ctx, ctx.base, bp[name]);
    const inHead = Object.hasOwn(hp, name) && visible(ctx, ctx.head, hp[name]);
    const field = renderPath([...ctx.path, name]);
    if (inBase && !inHead) {
      handled.add(name);
      const closed = h.additionalProperties === false;
      let why = '';
      if (Object.hasOwn(hp, name))
        why = ctx.dir === 'request' ? ' (it is now read-only)' : ' (it is now write-only)';
      else if (ctx.dir === 'request' && closed)
        why = '; the schema rejects unknown fields, so requests sending it now fail';
      // A removed request field is breaking too: the generated request types drop it, so
      // client code that sets it stops compiling (and the server rejects it when closed).
      emit(
        ctx,
        BREAKING,
        'field-removed',
        `Removed the ${noun} \`${field}\` from ${ctx.subject}${why}.`,
      );
    } else if (!inBase && inHead) {
      handled.add(name);
      const required = hReq.has(name);
      if (required) {
        emit(
          ctx,
          NARROWS,
          'required-field-added',
          `Added the required ${noun} \`${field}\` to ${ctx.subject}.`,
        );
      } else {
        emit(
          ctx,
          ADDITIVE,
          ctx.dir === 'request' ? 'optional-field-added' : 'field-added',
          `Added the ${ctx.dir === 'request' ? 'optional ' : ''}${noun} \`${field}\` to ${ctx.subject}.`,
        );
      }
    } else if (inBase && inHead) {
      compareSchema({ ...ctx, path: [...ctx.path, name] }, bp[name], hp[name]);
    }
  }
  const hidden = (name: string): boolean =>
    (Object.hasOwn(hp, name) && !visible(ctx, ctx.head, hp[name])) ||
    (Object.hasOwn(bp, name) && !visible(ctx, ctx.base, bp[name]));
  for (const name of new Set([...bReq, ...hReq])) {
    if (handled.has(name) || hidden(name) || bReq.has(name) === hReq.has(name)) continue;
    const field = renderPath([...ctx.path, name]);
    if (hReq.has(name)) {
      emit(
        ctx,
        NARROWS,
        'field-made-required',
        `Made the ${noun} \`${field}\` of ${ctx.subject} required.`,
      );
    } else {
      // Readers relied on a required response field always being there.
      emit(
        ctx,
        WIDENS,
        'field-made-optional',
        `Made the ${noun} \`${field}\` of ${ctx.subject} optional.`,
      );
    }
  }
}

/** `additionalProperties`: `open` (absent or true), `closed` (false), or a schema. */
function compareAdditional(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const ba = b.additionalProperties;
  const ha = h.additionalProperties;
  if (ba === ha) return;
  const open = (v: unknown): boolean => v === undefined || v === true;
  const subject = here(ctx).subject;
  if (isObject(ba) && isObject(ha)) {
    compareSchema({ ...ctx, path: [...ctx.path, '{*}'] }, ba, ha);
  } else if (open(ba) && open(ha)) {
    return;
  } else if (open(ba) || (isObject(ba) && ha === false)) {
    emit(
      ctx,
      NARROWS,
      'additional-properties-narrowed',
      `Restricted the extra keys allowed in ${subject}.`,
    );
  } else {
    emit(ctx, ADDITIVE, 'additional-properties-widened', `Allowed more extra keys in ${subject}.`);
  }
}
