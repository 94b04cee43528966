/**
 * `diffSpecs`: the entry point of the classifier.
 */

import { deepEqual, resolveDeep } from '../../model/resolve';
import { compareExtensions, type Scope } from './annotations';
import { ChangeCollector } from './changes';
import { comparePaths, type DiffContext } from './operations';
import { compareSchema, type SchemaCtx } from './schema';
import {
  compareInfo,
  compareSecurity,
  compareSecuritySchemes,
  compareServers,
  compareTags,
} from './toplevel';
import { type OpenAPIDocument, obj, type SpecChange } from './types';

/**
 * Compares two bundled OpenAPI 3.1 documents and classifies every difference as breaking,
 * additive or docs. A change inside a shared component is reported once, listing the
 * operations that use it.
 */
export function diffSpecs(base: OpenAPIDocument, head: OpenAPIDocument): SpecChange[] {
  const out = new ChangeCollector();
  const dc: DiffContext = { base, head, out, visited: new Set() };
  const root: Scope = {
    base,
    head,
    out,
    op: undefined,
    loc: 'document',
    subject: 'the API',
    shared: false,
  };
  compareInfo(root, base, head);
  compareServers({ ...root, loc: 'servers' }, base.servers, head.servers);
  compareSecurity({ ...root, loc: 'security' }, base.security, head.security);
  const bComponents = obj(base.components);
  const hComponents = obj(head.components);
  compareSecuritySchemes(root, obj(bComponents.securitySchemes), obj(hComponents.securitySchemes));
  compareTags(root, base.tags, head.tags);
  comparePaths(dc);
  compareComponentSchemas(dc, root, obj(bComponents.schemas), obj(hComponents.schemas));
  compareWebhooks(root, obj(base.webhooks), obj(head.webhooks));
  compareExtensions(root, base, head);
  return out.list();
}

/**
 * Component schemas are exported as named types by `@kantata-ox/types`, so adding or removing
 * one matters on its own. Schemas no operation reached are compared in both directions.
 */
function compareComponentSchemas(
  dc: DiffContext,
  root: Scope,
  base: Record<string, unknown>,
  head: Record<string, unknown>,
): void {
  for (const name of Object.keys(base)) {
    if (!Object.hasOwn(head, name)) {
      root.out.add(
        { ...root, loc: `schema ${name}` },
        'breaking',
        'component-schema-removed',
        `Removed the schema \`${name}\` (and its exported type).`,
      );
    }
  }
  for (const name of Object.keys(head)) {
    if (!Object.hasOwn(base, name)) {
      root.out.add(
        { ...root, loc: `schema ${name}` },
        'additive',
        'component-schema-added',
        `Added the schema \`${name}\`.`,
      );
    }
  }
  for (const name of Object.keys(base)) {
    if (!Object.hasOwn(head, name) || dc.visited.has(name)) continue;
    const ref = { $ref: `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` };
    const ctx: SchemaCtx = {
      ...root,
      dir: 'both',
      role: 'schema',
      path: [],
      stack: new Set(),
      visited: dc.visited,
    };
    compareSchema(ctx, ref, ref);
  }
}

/** Webhooks are only checked for presence and change (their direction is reversed). */
function compareWebhooks(
  root: Scope,
  base: Record<string, unknown>,
  head: Record<string, unknown>,
): void {
  for (const name of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const where: Scope = { ...root, loc: `webhook ${name}` };
    if (!Object.hasOwn(head, name))
      root.out.add(where, 'breaking', 'webhook-removed', `Removed the webhook \`${name}\`.`);
    else if (!Object.hasOwn(base, name))
      root.out.add(where, 'additive', 'webhook-added', `Added the webhook \`${name}\`.`);
    else if (!deepEqual(resolveDeep(root.base, base[name]), resolveDeep(root.head, head[name]))) {
      root.out.add(where, 'additive', 'webhook-changed', `Changed the webhook \`${name}\`.`);
    }
  }
}
