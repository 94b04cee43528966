/**
 * Keyword-level schema rules: types, enums, bounds, patterns, formats, defaults, discriminators.
 */
import { deepEqual, resolveDeep } from '../../model/resolve';
import {
  ADDITIVE,
  BREAKING,
  covers,
  emit,
  here,
  kebab,
  listTypes,
  NARROWS,
  type Rule,
  type SchemaCtx,
  typeSet,
  WIDENS,
} from './schema-core';
import { arr, type JsonObject, num, obj, show, str } from './types';

/** Compares `type` (with `nullable`); `integer` counts as a subset of `number`. */
export function compareTypes(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const bt = typeSet(b);
  const ht = typeSet(h);
  if (!bt || !ht) return;
  const lost = [...bt].filter((t) => !covers(ht, t));
  const gained = [...ht].filter((t) => !covers(bt, t));
  if (lost.length === 0 && gained.length === 0) return;
  const subject = here(ctx).subject;
  const from = listTypes(bt);
  const to = listTypes(ht);
  if (lost.length > 0 && gained.length > 0) {
    emit(ctx, BREAKING, 'type-changed', `Changed the type of ${subject} from ${from} to ${to}.`);
  } else if (gained.length > 0) {
    if (gained.length === 1 && gained[0] === 'null') {
      emit(ctx, WIDENS, 'made-nullable', `Made ${subject} nullable.`);
    } else {
      emit(ctx, WIDENS, 'type-widened', `Widened the type of ${subject} from ${from} to ${to}.`);
    }
  } else if (lost.length === 1 && lost[0] === 'null') {
    emit(ctx, NARROWS, 'made-non-nullable', `Made ${subject} non-nullable.`);
  } else {
    emit(ctx, NARROWS, 'type-narrowed', `Narrowed the type of ${subject} from ${from} to ${to}.`);
  }
}

/** Compares `enum` and `const`: a removed value is breaking both ways (project policy). */
export function compareEnum(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const subject = here(ctx).subject;
  const be = arr(b.enum);
  const he = arr(h.enum);
  if (be && he) {
    // Project policy: a removed enum value is breaking in both directions (readers may
    // switch on it); a new one is additive in both (readers must tolerate unknown values).
    for (const value of be.filter((v) => !he.some((w) => deepEqual(v, w)))) {
      emit(
        ctx,
        BREAKING,
        'enum-value-removed',
        `Removed the enum value \`${show(value)}\` from ${subject}.`,
      );
    }
    for (const value of he.filter((v) => !be.some((w) => deepEqual(v, w)))) {
      emit(
        ctx,
        ADDITIVE,
        'enum-value-added',
        `Added the enum value \`${show(value)}\` to ${subject}.`,
      );
    }
  } else if (he) {
    emit(ctx, NARROWS, 'enum-added', `Restricted ${subject} to ${he.map(show).join(', ')}.`);
  } else if (be) {
    emit(ctx, ADDITIVE, 'enum-removed', `Lifted the enum restriction of ${subject}.`);
  }
  if (!deepEqual(b.const, h.const)) {
    if (b.const === undefined) {
      emit(ctx, NARROWS, 'const-added', `Fixed ${subject} to \`${show(h.const)}\`.`);
    } else if (h.const === undefined) {
      emit(ctx, ADDITIVE, 'const-removed', `Lifted the constant value of ${subject}.`);
    } else {
      emit(
        ctx,
        BREAKING,
        'const-changed',
        `Changed the constant value of ${subject} from \`${show(b.const)}\` to \`${show(h.const)}\`.`,
      );
    }
  }
}

/** Numeric bounds: `true` for upper bounds (lowering narrows), `false` for lower bounds. */
const BOUNDS: Record<string, boolean> = {
  maximum: true,
  exclusiveMaximum: true,
  maxLength: true,
  maxItems: true,
  maxProperties: true,
  minimum: false,
  exclusiveMinimum: false,
  minLength: false,
  minItems: false,
  minProperties: false,
};

/** Compares numeric bounds and `multipleOf`: tighter breaks senders, any change is fine for readers. */
export function compareBounds(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const subject = here(ctx).subject;
  for (const [key, upper] of Object.entries(BOUNDS)) {
    const bv = num(b[key]);
    const hv = num(h[key]);
    if (bv === hv) continue;
    const tightened = bv === undefined || (hv !== undefined && (upper ? hv < bv : hv > bv));
    // Bounds constrain what the server accepts; for readers any change is harmless.
    const rule: Rule = tightened ? NARROWS : ADDITIVE;
    if (bv === undefined) {
      emit(ctx, rule, `${kebab(key)}-added`, `Set \`${key}\` of ${subject} to ${hv}.`);
    } else if (hv === undefined) {
      emit(ctx, rule, `${kebab(key)}-removed`, `Removed \`${key}\` (${bv}) from ${subject}.`);
    } else {
      const verb = hv < bv ? 'Lowered' : 'Raised';
      emit(
        ctx,
        rule,
        `${kebab(key)}-${verb.toLowerCase()}`,
        `${verb} \`${key}\` of ${subject} from ${bv} to ${hv}.`,
      );
    }
  }
  const bm = num(b.multipleOf);
  const hm = num(h.multipleOf);
  if (bm !== hm) {
    // A new step that divides the old one accepts every value accepted before.
    const loosened = hm === undefined || (bm !== undefined && bm % hm === 0);
    emit(
      ctx,
      loosened ? ADDITIVE : NARROWS,
      'multiple-of-changed',
      `Changed \`multipleOf\` of ${subject} from ${bm ?? 'none'} to ${hm ?? 'none'}.`,
    );
  }
}

/** Compares `pattern` and `format`. */
export function compareStringRules(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const subject = here(ctx).subject;
  const bp = str(b.pattern);
  const hp = str(h.pattern);
  if (bp !== hp) {
    if (hp === undefined) {
      emit(ctx, ADDITIVE, 'pattern-removed', `Removed the pattern \`${bp}\` from ${subject}.`);
    } else if (bp === undefined) {
      emit(ctx, NARROWS, 'pattern-added', `Added the pattern \`${hp}\` to ${subject}.`);
    } else {
      emit(
        ctx,
        NARROWS,
        'pattern-changed',
        `Changed the pattern of ${subject} from \`${bp}\` to \`${hp}\`.`,
      );
    }
  }
  const bf = str(b.format);
  const hf = str(h.format);
  if (bf !== hf) {
    if (hf === undefined) {
      emit(ctx, WIDENS, 'format-removed', `Removed the format \`${bf}\` from ${subject}.`);
    } else if (bf === undefined) {
      emit(ctx, NARROWS, 'format-added', `Added the format \`${hf}\` to ${subject}.`);
    } else {
      emit(
        ctx,
        BREAKING,
        'format-changed',
        `Changed the format of ${subject} from ${bf} to ${hf}.`,
      );
    }
  }
}

/** Compares `uniqueItems`, `default`, `deprecated`, `not` and `discriminator`. */
export function compareMisc(ctx: SchemaCtx, b: JsonObject, h: JsonObject): void {
  const subject = here(ctx).subject;
  if (b.uniqueItems !== h.uniqueItems) {
    const now = h.uniqueItems === true;
    emit(
      ctx,
      now ? NARROWS : ADDITIVE,
      now ? 'unique-items-added' : 'unique-items-removed',
      now ? `Required unique items in ${subject}.` : `Allowed duplicate items in ${subject}.`,
    );
  }
  if (!deepEqual(b.default, h.default)) {
    // A new default changes what the server does when the client omits the value: not a
    // contract break, but more than documentation.
    const rule: Rule = { request: 'additive', response: 'docs' };
    emit(
      ctx,
      rule,
      'default-changed',
      `Changed the default of ${subject} from ${b.default === undefined ? 'none' : `\`${show(b.default)}\``} to ${h.default === undefined ? 'none' : `\`${show(h.default)}\``}.`,
    );
  }
  if (b.deprecated !== true && h.deprecated === true) {
    emit(ctx, ADDITIVE, 'deprecated', `Deprecated ${subject}.`);
  } else if (b.deprecated === true && h.deprecated !== true) {
    emit(ctx, { request: 'docs', response: 'docs' }, 'undeprecated', `Un-deprecated ${subject}.`);
  }
  if (!deepEqual(resolveDeep(ctx.base, b.not), resolveDeep(ctx.head, h.not))) {
    emit(ctx, ADDITIVE, 'not-changed', `Changed the \`not\` constraint of ${subject}.`);
  }
  const bd = obj(b.discriminator);
  const hd = obj(h.discriminator);
  if (!deepEqual(bd, hd)) {
    if (bd.propertyName !== hd.propertyName) {
      emit(
        ctx,
        BREAKING,
        'discriminator-changed',
        `Changed the discriminator of ${subject} from \`${show(bd.propertyName)}\` to \`${show(hd.propertyName)}\`.`,
      );
    }
    const bm = obj(bd.mapping);
    const hm = obj(hd.mapping);
    for (const key of new Set([...Object.keys(bm), ...Object.keys(hm)])) {
      if (bm[key] === hm[key]) continue;
      const [rule, verb] =
        hm[key] === undefined
          ? [NARROWS, 'Removed']
          : bm[key] === undefined
            ? [ADDITIVE, 'Added']
            : [BREAKING, 'Changed'];
      emit(
        ctx,
        rule,
        `discriminator-mapping-${verb.toLowerCase()}`,
        `${verb} the discriminator value \`${key}\` of ${subject}.`,
      );
    }
  }
}
