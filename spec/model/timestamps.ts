/**
 * The server's clock as the spec states it: which object property records when the object was
 * created or last changed (`x-kantata-timestamp`), and how long the server may go on working
 * on a request (`x-kantata-server-timeout-seconds` at the document's root). The fake stamps
 * records by the first; the client's bulk read-back tells new objects from old ones by it,
 * and waits out the second before it calls a lost request's objects absent.
 */
import { type JsonObject, obj } from './json';
import type { TimestampKind, Timestamps } from './types';

const KINDS: readonly TimestampKind[] = ['created', 'updated'];

/**
 * The timestamp properties of an object schema (`properties` resolved one level), checking
 * that each names a known kind, that no kind is stated twice and that the property holds a
 * date-time. Problems are pushed, one line each, prefixed with `where`.
 *
 * @example
 * readTimestamps('OrganizationMembership', properties, resolve, problems);
 * // { created: 'created_at', updated: 'updated_at' }
 */
export function readTimestamps(
  where: string,
  properties: JsonObject,
  resolve: (node: unknown) => JsonObject,
  problems: string[],
): Timestamps {
  const found: Partial<Record<TimestampKind, string>> = {};
  for (const [field, node] of Object.entries(properties)) {
    const kind = obj(node)['x-kantata-timestamp'];
    if (kind === undefined) continue;
    const at = `${where}.${field}: x-kantata-timestamp`;
    if (!KINDS.includes(kind as TimestampKind)) {
      problems.push(`${at} must be one of ${KINDS.join(', ')}`);
      continue;
    }
    const name = kind as TimestampKind;
    if (found[name] !== undefined) {
      problems.push(`${at} ${name} is stated on ${found[name]} already`);
      continue;
    }
    // A property may carry its own description beside the $ref; the format is the target's.
    const schema = { ...resolve(node), ...withoutRef(obj(node)) };
    if (schema.type !== 'string' || schema.format !== 'date-time') {
      problems.push(`${at} needs a date-time string property`);
      continue;
    }
    found[name] = field;
  }
  return found;
}

function withoutRef(node: JsonObject): JsonObject {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

/**
 * `x-kantata-server-timeout-seconds` of the document's root: a positive number, or undefined
 * when the spec does not state one.
 *
 * @example
 * readServerTimeout(document, problems); // 180
 */
export function readServerTimeout(document: JsonObject, problems: string[]): number | undefined {
  const value = document['x-kantata-server-timeout-seconds'];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  problems.push('x-kantata-server-timeout-seconds must be a positive number of seconds');
  return undefined;
}
