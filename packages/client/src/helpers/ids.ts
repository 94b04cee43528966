/**
 * Validation of ids before they are put into a URL path.
 *
 * Why: an id goes straight into a path segment. `".."`, `"1/2"`, `"%2e"` or `"1?x"` would
 * change which resource is addressed, so only a canonical positive integer gets through.
 */
import { KantataInputError } from '../errors/classes.js';

// No sign, no leading zero, ASCII digits only (`\d` with the u flag is still ASCII, but be explicit).
const CANONICAL_ID_RE = /^[1-9][0-9]*$/;

/**
 * Returns the canonical decimal string of an id, or throws `KantataInputError`.
 *
 * Accepts a positive safe integer (`42`) or its plain decimal string (`"42"`). Rejects
 * everything else: zero, negatives, fractions, exponents (`"1e3"`), leading zeros (`"042"`,
 * which is suspicious: it may be an octal or a padded value from elsewhere), whitespace,
 * signs, non-ASCII digits, integers above 2^53-1, bigints and non-primitive values.
 *
 * @example
 * assertId(42); // '42'
 * assertId('42', 'workspaceId'); // '42'
 * assertId('../1'); // throws KantataInputError: Invalid id: must be a positive integer ...
 */
export function assertId(value: unknown, name = 'id'): string {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
  } else if (typeof value === 'string') {
    if (CANONICAL_ID_RE.test(value) && Number.isSafeInteger(Number(value))) return value;
  }
  throw new KantataInputError(
    name,
    `must be a positive integer or its decimal string, got ${preview(value)}`,
  );
}

/** A short, harmless description of a rejected value for the error message. */
function preview(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
