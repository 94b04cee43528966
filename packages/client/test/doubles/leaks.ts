/** The leak detector of the security tests: every text a logger could render from a value. */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { TOKEN } from './observed.js';

/**
 * Every text a logger or error tracker could render from `value`: `util.inspect` (hidden
 * properties, getters, any depth), `JSON.stringify`, `String`, message and stack, following
 * the cause chain and every own property.
 */
export function renderings(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' && typeof value !== 'function') return [String(value)];
  if (seen.has(value) || depth > 6) return [];
  seen.add(value);
  const out: string[] = [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular structures cannot be serialised; inspect above already rendered them.
  }
  if (value instanceof Error) out.push(String(value), value.message, value.stack ?? '');
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor)
      out.push(...renderings(descriptor.value, seen, depth + 1));
  }
  if (value instanceof Error && 'cause' in value)
    out.push(...renderings(value.cause, seen, depth + 1));
  return out;
}

/** Fails when `secret` (default: the doubles' token) shows in any rendering of `value`. */
export function expectNoSecret(value: unknown, secret = TOKEN): void {
  for (const text of renderings(value)) expect(text).not.toContain(secret);
}
