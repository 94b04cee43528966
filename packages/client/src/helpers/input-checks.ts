/** Checks of helper input against facts from the resource table, before any request. */
import type { ParameterFacts } from '@kantata-ox/types/resources';
import { KantataInputError } from '../errors/classes.js';

/** The bounds of an integer (or integer-list) parameter's schema. */
interface Bound {
  readonly minimum?: number;
  readonly maximum?: number;
}

function integerBound(schema: Readonly<Record<string, unknown>> | undefined): Bound | undefined {
  return schema?.type === 'integer' ? (schema as Bound) : undefined;
}

/**
 * Refuses integer query parameters outside the spec's bounds (e.g. `per_page` 0 or 500),
 * so a typo fails loudly instead of being clamped or ignored by the server.
 */
export function checkQuery(
  query: Readonly<Record<string, unknown>> | undefined,
  parameters: Readonly<Record<string, ParameterFacts>>,
): void {
  if (query === undefined) return;
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    throw new KantataInputError('query', 'must be an object of query parameters');
  }
  for (const [name, parameter] of Object.entries(parameters)) {
    const value = query[name];
    if (value === undefined || parameter.in !== 'query') continue;
    const array = parameter.schema.type === 'array';
    const bound = integerBound(
      array ? (parameter.schema.items as Readonly<Record<string, unknown>>) : parameter.schema,
    );
    if (!bound) continue;
    const values = array ? value : [value];
    if (!Array.isArray(values)) throw new KantataInputError(name, 'must be an array of integers');
    for (const v of values) {
      if (!Number.isSafeInteger(v))
        throw new KantataInputError(name, `must be an integer, got ${String(v)}`);
      const n = v as number;
      if (bound.minimum !== undefined && n < bound.minimum) {
        throw new KantataInputError(name, `must be at least ${bound.minimum}, got ${n}`);
      }
      if (bound.maximum !== undefined && n > bound.maximum) {
        throw new KantataInputError(name, `must be at most ${bound.maximum}, got ${n}`);
      }
    }
  }
}

/** Requires a plain object with the given fields present (not undefined or null). */
export function checkFields(
  value: unknown,
  required: readonly string[],
  field: string,
  options: { nonEmpty?: boolean } = {},
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KantataInputError(field, 'must be an object');
  }
  const record = value as Record<string, unknown>;
  const missing = required.filter((name) => record[name] === undefined || record[name] === null);
  if (missing.length > 0) {
    throw new KantataInputError(
      field,
      `is missing required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  if (options.nonEmpty && Object.keys(record).length === 0) {
    throw new KantataInputError(field, 'must change at least one field');
  }
}

/** A positive integer option such as `concurrency` or `limit`. */
export function checkPositiveInteger(
  value: unknown,
  field: string,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > maximum) {
    throw new KantataInputError(
      field,
      `must be an integer from 1 to ${maximum}, got ${String(value)}`,
    );
  }
  return value as number;
}
