/**
 * Turns the API's envelope (`count`, `meta`, `results`, id-keyed maps) into a page of
 * objects in `results` order, with requested associations resolved onto each object.
 */
import type { Meta } from '@kantata-ox/types';
import { isObject as isMap } from './json.js';

/** One include of the operation table: the side-loaded map and the foreign key. */
export interface IncludeRule {
  readonly key: string;
  readonly foreignKey: string;
}

/** A normalised page; the caller's types narrow its items. */
export interface NormalizedPage {
  items: Record<string, unknown>[];
  /** The id of each item's `results` entry, as a string (an object may lack its own `id`). */
  ids: string[];
  count: number;
  meta: Meta;
}

type JsonMap = Record<string, unknown>;

/** Reads `map[id]` without ever reaching the prototype chain (`__proto__`, `constructor`). */
function own(map: unknown, id: string): unknown {
  return isMap(map) && Object.hasOwn(map, id) ? map[id] : undefined;
}

/**
 * Normalises a parsed envelope. Returns a problem string instead of throwing, so the caller
 * can raise an error that names the request.
 *
 * @example
 * normalizeEnvelope(body, 'organization_memberships', { department: rule }, ['department']);
 */
export function normalizeEnvelope(
  body: unknown,
  objectsKey: string,
  includes: Readonly<Record<string, IncludeRule>>,
  requested: readonly string[] | undefined,
): NormalizedPage | string {
  if (!isMap(body)) return `expected a JSON object but got ${describe(body)}`;
  const results = body.results;
  if (!Array.isArray(results)) return 'the response has no `results` array';

  const items: Record<string, unknown>[] = [];
  const ids: string[] = [];
  for (let i = 0; i < results.length; i++) {
    const ref = results[i];
    if (!isMap(ref) || ref.id === undefined) return `results[${i}] is not a { key, id } reference`;
    const key = typeof ref.key === 'string' ? ref.key : objectsKey;
    const id = String(ref.id);
    const object = own(own(body, key), id);
    if (!isMap(object)) return `results[${i}] points at ${key}/${id}, which is missing`;
    items.push(requested?.length ? resolveIncludes(object, body, includes, requested) : object);
    ids.push(id);
  }

  const count = typeof body.count === 'number' ? body.count : results.length;
  return { items, ids, count, meta: readMeta(body.meta, count, results.length) };
}

function resolveIncludes(
  object: JsonMap,
  body: JsonMap,
  includes: Readonly<Record<string, IncludeRule>>,
  requested: readonly string[],
): JsonMap {
  // A spread copies own properties as data, so a `__proto__` key stays a plain key.
  const resolved: JsonMap = { ...object };
  for (const name of requested) {
    // Own keys only: `constructor` or `__proto__` must not reach Object.prototype.
    const rule = Object.hasOwn(includes, name) ? includes[name] : undefined;
    if (!rule) continue;
    const id = object[rule.foreignKey];
    const related = id === undefined || id === null ? undefined : own(body[rule.key], String(id));
    resolved[name] = isMap(related) ? related : null;
  }
  return resolved;
}

/** `meta` as sent, or computed from `count` when the API left it out. */
function readMeta(meta: unknown, count: number, pageLength: number): Meta {
  if (
    isMap(meta) &&
    typeof meta.count === 'number' &&
    typeof meta.page_count === 'number' &&
    typeof meta.page_number === 'number' &&
    typeof meta.page_size === 'number'
  ) {
    return meta as Meta;
  }
  const pageSize = Math.max(pageLength, 1);
  return { count, page_count: Math.ceil(count / pageSize), page_number: 1, page_size: pageSize };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  // A parsed JSON value: a string, a number or a boolean here.
  return `a ${typeof value}`;
}
