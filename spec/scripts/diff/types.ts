import type { JsonObject } from '../../model/json';

export { arr, isObject, type JsonObject, obj } from '../../model/json';

/**
 * Shared types of the spec-diff classifier. Documents are plain JSON, so everything is
 * `unknown` until narrowed with the helpers below.
 */

/** How a change affects consumers; decides the semver bump. */
export type ChangeKind = 'breaking' | 'additive' | 'docs';

/** A semver bump, as changesets spells it (plus `none`). */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** One classified difference between two specs. */
export interface SpecChange {
  kind: ChangeKind;
  /** Stable machine-readable identifier, e.g. `operation-removed`. */
  code: string;
  /** Where the change is, e.g. `GET /things › query parameter per_page`. */
  location: string;
  /** A plain-English sentence suitable for a CHANGELOG. */
  message: string;
  /** The operations affected, e.g. `['GET /things']`; several when a shared component changed. */
  operations: string[];
}

/** A bundled OpenAPI 3.1 document: loosely typed on purpose, it is narrowed where read. */
export type OpenAPIDocument = JsonObject;

/** The value as a string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value as a finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Renders a JSON value compactly for messages. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const SEVERITY: Record<ChangeKind, number> = { docs: 0, additive: 1, breaking: 2 };

/** The more severe of two kinds. */
export function worse(a: ChangeKind, b: ChangeKind): ChangeKind {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Sorts kinds most severe first. */
export function severity(kind: ChangeKind): number {
  return SEVERITY[kind];
}
