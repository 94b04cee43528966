/**
 * The one rule that turns an objects key into a name: the resource table's keys (the client's
 * helper names) and the fake's store tables both follow it. Declared here, once; the fixtures
 * package re-exports it, and its build inlines it, so the published package depends on
 * nothing private.
 */

/** `organization_memberships` → `organizationMemberships`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/**
 * `organization_memberships` → `organizationMemberships`.
 *
 * @example
 * camelCase('workspace_groups'); // 'workspaceGroups'
 */
export function camelCase<S extends string>(key: S): CamelCase<S> {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as CamelCase<S>;
}
