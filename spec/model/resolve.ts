/**
 * Local `$ref` resolution for bundled documents, with cycle protection, plus deep equality.
 */
import { isObject, type JsonObject } from './json';

/** Decodes one JSON-pointer segment (RFC 6901, and URI-encoded in a fragment). */
function decodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not URI-encoded after all: use it as is.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves a local reference such as `#/components/schemas/Thing`; undefined if absent. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  // A bundled document only has local references; anything else cannot be followed.
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeSegment(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The `$ref` of a node, if it is a reference object. */
export function refOf(node: unknown): string | undefined {
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
}

/** Splits `#/components/<section>/<name>` into its parts. */
export function componentOf(ref: string): { section: string; name: string } | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match?.[1] || !match[2]) return undefined;
  return { section: match[1], name: decodeSegment(match[2]) };
}

/** The keys next to a `$ref` (OpenAPI 3.1 allows `description`/`summary` there). */
export function refSiblings(node: unknown): JsonObject {
  if (!isObject(node) || refOf(node) === undefined) return {};
  const { $ref: _ref, ...siblings } = node;
  return siblings;
}

/**
 * Follows a chain of `$ref`s to the target. Keys beside a `$ref` override the target's, as
 * OpenAPI 3.1 specifies for `summary`/`description`. A pure cycle resolves to `{}`.
 */
export function deref(doc: unknown, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  let overrides: JsonObject = {};
  for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
    if (seen.has(ref)) return { ...overrides };
    seen.add(ref);
    overrides = { ...refSiblings(current), ...overrides };
    current = resolvePointer(doc, ref);
  }
  if (Object.keys(overrides).length === 0) return current;
  return isObject(current) ? { ...current, ...overrides } : current;
}

/**
 * Replaces every `$ref` with its target, recursively, for value comparisons (examples).
 * A reference back into its own ancestry is left as the `$ref` to stop cycles.
 */
export function resolveDeep(
  doc: unknown,
  node: unknown,
  stack: ReadonlySet<string> = new Set(),
): unknown {
  const ref = refOf(node);
  if (ref !== undefined) {
    if (stack.has(ref)) return node;
    return resolveDeep(doc, deref(doc, node), new Set([...stack, ref]));
  }
  if (Array.isArray(node)) return node.map((item) => resolveDeep(doc, item, stack));
  if (isObject(node)) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) out[key] = resolveDeep(doc, value, stack);
    return out;
  }
  return node;
}

/** Structural equality of JSON values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}
