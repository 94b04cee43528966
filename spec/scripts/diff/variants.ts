/**
 * Union comparison: pairs the `oneOf`/`anyOf` variants of two schemas, reports the variants
 * removed (narrows) and added (additive) and compares each pair. Pairing is the hard part, so
 * it lives here; comparing a pair is the schema comparison of `schema.ts`, passed in as a
 * function so that the two modules do not import each other.
 */

import { componentOf, deref, refOf } from '../../model/resolve';
import {
  ADDITIVE,
  BREAKING,
  emit,
  here,
  kebab,
  listTypes,
  NARROWS,
  type SchemaCtx,
  typeSet,
} from './schema-core';
import { arr, type JsonObject, obj } from './types';

/** Compares two schemas (either may be a `$ref`) in `ctx`: `compareSchema` of `schema.ts`. */
export type CompareSchema = (ctx: SchemaCtx, base: unknown, head: unknown) => void;

/** Names a variant: its title, its component, its keys (`{ things }`) or its type. */
function variantLabel(doc: unknown, variant: unknown, index: number): string {
  const ref = refOf(variant);
  const component = ref === undefined ? undefined : componentOf(ref);
  if (component) return component.name;
  const resolved = obj(deref(doc, variant));
  if (typeof resolved.title === 'string') return resolved.title;
  const keys = Object.keys(obj(resolved.properties));
  if (keys.length > 0 && keys.length <= 3) return `{ ${keys.join(', ')} }`;
  const types = typeSet(resolved);
  return types && types.size > 0 ? listTypes(types) : `#${index + 1}`;
}

/** A variant's shape: its types, plus its property names for objects. */
function shape(doc: unknown, variant: unknown, strong: boolean): string {
  const resolved = obj(deref(doc, variant));
  const types = listTypes(typeSet(resolved) ?? new Set());
  return strong ? `${types}:${Object.keys(obj(resolved.properties)).sort().join(',')}` : types;
}

/**
 * Pairs `oneOf`/`anyOf` variants: by `$ref`, then inline ones by shape (types and property
 * names), then by position among those of the same type. Each pair is compared with
 * `compare` (the caller's `compareSchema`).
 */
export function compareVariants(
  ctx: SchemaCtx,
  b: JsonObject,
  h: JsonObject,
  keyword: 'oneOf' | 'anyOf',
  compare: CompareSchema,
): void {
  const ba = arr(b[keyword]);
  const ha = arr(h[keyword]);
  if (!ba && !ha) return;
  const subject = here(ctx).subject;
  if (!ba || !ha) {
    // Restructuring into or out of a union: too many shapes to judge, so stay conservative.
    emit(
      ctx,
      BREAKING,
      `${kebab(keyword)}-changed`,
      `Restructured ${subject} (\`${keyword}\` ${ba ? 'removed' : 'added'}).`,
    );
    return;
  }
  const used = new Set<number>();
  const match = new Map<number, number>();
  const free = (k: number, w: unknown, ref: string | undefined): boolean =>
    !used.has(k) && refOf(w) === ref;
  const passes: Array<(i: number, v: unknown) => number> = [
    (_i, v) => {
      const ref = refOf(v);
      return ref === undefined ? -1 : ha.findIndex((w, k) => free(k, w, ref));
    },
    (_i, v) =>
      ha.findIndex(
        (w, k) => free(k, w, undefined) && shape(ctx.base, v, true) === shape(ctx.head, w, true),
      ),
    (i, v) =>
      free(i, ha[i], undefined) && shape(ctx.base, v, false) === shape(ctx.head, ha[i], false)
        ? i
        : -1,
    (_i, v) =>
      ha.findIndex(
        (w, k) => free(k, w, undefined) && shape(ctx.base, v, false) === shape(ctx.head, w, false),
      ),
  ];
  for (const pass of passes) {
    ba.forEach((variant, i) => {
      if (match.has(i) || (pass !== passes[0] && refOf(variant) !== undefined)) return;
      const j = pass(i, variant);
      if (j < 0) return;
      used.add(j);
      match.set(i, j);
    });
  }
  const unmatched = ba.map((_v, i) => i).filter((i) => !match.has(i));
  const pairs = [...match.entries()].sort(([a], [b]) => a - b);
  for (const i of unmatched) {
    const label = variantLabel(ctx.base, ba[i], i);
    emit(ctx, NARROWS, 'variant-removed', `Removed the ${label} variant from ${subject}.`);
  }
  ha.forEach((variant, j) => {
    if (used.has(j)) return;
    const label = variantLabel(ctx.head, variant, j);
    emit(ctx, ADDITIVE, 'variant-added', `Added the ${label} variant to ${subject}.`);
  });
  for (const [i, j] of pairs) {
    const label = variantLabel(ctx.head, ha[j], j);
    const inner: SchemaCtx =
      ctx.path.length === 0
        ? {
            ...ctx,
            loc: `${ctx.loc} › ${label} variant`,
            subject: `the ${label} variant of ${ctx.subject}`,
          }
        : { ...ctx, path: [...ctx.path, ` (${label} variant)`] };
    compare(inner, ba[i], ha[j]);
  }
}
