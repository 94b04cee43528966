/** JSON helpers shared by everything that reads the bundled spec. */

/** A JSON object, loosely typed: narrowed where it is read. */
export type JsonObject = { [key: string]: unknown };

/** Narrows to a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or an empty object. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** The value as an array, or undefined when it is not one. */
export function arr(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
