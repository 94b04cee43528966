/**
 * Shared state and helpers of a schema walk: direction, rules, locations and messages.
 */
import type { Scope } from './annotations';
import { type ChangeKind, isObject, type JsonObject, worse } from './types';

/** Who produces the data: the client (`request`), the server (`response`), or unknown (`both`). */
export type Direction = 'request' | 'response' | 'both';

/** What the schema describes; prefixes change codes (`parameter-`, `request-`, …). */
export type Role = 'parameter' | 'request' | 'response' | 'schema';

/** State of a schema walk. */
export interface SchemaCtx extends Scope {
  dir: Direction;
  role: Role;
  /** Field path below `subject`: property names, `[]` for items, `{*}` for map values. */
  path: readonly string[];
  /** `$ref` pairs being compared further up: stops recursive schemas. */
  stack: ReadonlySet<string>;
  /** Names of component schemas compared while walking operations. */
  visited: Set<string>;
}

/** Kinds of one difference for a request and for a response. */
export interface Rule {
  request: ChangeKind;
  response: ChangeKind;
}

export const BREAKING: Rule = { request: 'breaking', response: 'breaking' };
export const ADDITIVE: Rule = { request: 'additive', response: 'additive' };
/** Narrows what is accepted: breaks senders, harmless to readers. */
export const NARROWS: Rule = { request: 'breaking', response: 'additive' };
/** Widens what may appear: harmless to senders, breaks readers. */
export const WIDENS: Rule = { request: 'additive', response: 'breaking' };

/** The kind of a difference in the walk's direction (the worse of both when unknown). */
export function pick(dir: Direction, rule: Rule): ChangeKind {
  if (dir === 'request') return rule.request;
  if (dir === 'response') return rule.response;
  return worse(rule.request, rule.response);
}

/** Renders a field path: `owner.name`, `results[]`, `tags{*}`. */
export function renderPath(path: readonly string[]): string {
  let out = '';
  for (const segment of path) {
    if (out === '' || /^[[{ ]/.test(segment)) out += segment;
    else out += `.${segment}`;
  }
  return out;
}

/** How messages call a field of this role. */
export function fieldNoun(ctx: SchemaCtx): string {
  if (ctx.role === 'request') return 'request field';
  if (ctx.role === 'response') return 'response field';
  return 'field';
}

/** The scope of the node the walk is at (its location and noun phrase). */
export function here(ctx: SchemaCtx): SchemaCtx {
  if (ctx.path.length === 0) return ctx;
  const field = renderPath(ctx.path);
  return {
    ...ctx,
    loc: `${ctx.loc} › ${field}`,
    subject: `the ${fieldNoun(ctx)} \`${field}\` of ${ctx.subject}`,
  };
}

/** Records a change at the walk's current node, classified by direction. */
export function emit(ctx: SchemaCtx, rule: Rule, code: string, message: string): void {
  const at = here(ctx);
  ctx.out.add(at, pick(ctx.dir, rule), `${ctx.role}-${code}`, message);
}

/** The set of JSON types a schema allows, or undefined when it does not say. */
export function typeSet(schema: JsonObject): Set<string> | undefined {
  let types: string[];
  if (typeof schema.type === 'string') types = [schema.type];
  else if (Array.isArray(schema.type)) types = schema.type.filter((t) => typeof t === 'string');
  else if (isObject(schema.properties)) types = ['object'];
  else if (schema.items !== undefined) types = ['array'];
  else return undefined;
  // OpenAPI 3.0's `nullable` still appears in hand-written 3.1 specs.
  if (schema.nullable === true) types.push('null');
  return new Set(types);
}

/** Whether a type set accepts a type (`number` accepts `integer`). */
export function covers(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

/** Renders a type set, e.g. `string | null`. */
export function listTypes(types: Set<string>): string {
  return [...types].join(' | ');
}

/** `maxItems` → `max-items`, for change codes. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
