/**
 * Documentation fields and `x-` extensions, which can appear on almost any object.
 */

import { deepEqual, resolveDeep } from '../../model/resolve';
import type { Where } from './changes';
import { type JsonObject, type OpenAPIDocument, show } from './types';

/** A `Where` that can also resolve references in either document. */
export interface Scope extends Where {
  base: OpenAPIDocument;
  head: OpenAPIDocument;
}

/** Documentation-only fields and how messages name them. */
const DOC_FIELDS: Record<string, string> = {
  summary: 'summary',
  description: 'description',
  title: 'title',
  example: 'example',
  examples: 'examples',
  externalDocs: 'external documentation link',
  $comment: 'comment',
};

/** Compares documentation-only fields (after resolving example `$ref`s) and reports docs changes. */
export function compareDocs(
  scope: Scope,
  base: JsonObject,
  head: JsonObject,
  fields: readonly string[] = Object.keys(DOC_FIELDS),
): void {
  for (const field of fields) {
    const b = resolveDeep(scope.base, base[field]);
    const h = resolveDeep(scope.head, head[field]);
    if (deepEqual(b, h)) continue;
    const label = DOC_FIELDS[field] ?? field;
    const verb = b === undefined ? 'Added' : h === undefined ? 'Removed' : 'Updated';
    const message =
      verb === 'Added'
        ? `Added ${article(label)} ${label} to ${scope.subject}.`
        : `${verb} the ${label} of ${scope.subject}.`;
    scope.out.add(scope, 'docs', `${field.replace(/^\$/, '').toLowerCase()}-changed`, message);
  }
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? 'an' : 'a';
}

/** Extensions known to feed only documentation renderers. */
const DOC_ONLY_EXTENSIONS = new Set([
  'x-codeSamples',
  'x-code-samples',
  'x-logo',
  'x-tagGroups',
  'x-displayName',
  'x-traitTag',
  'x-badges',
  'x-examples',
]);

/** Whether an extension only carries prose (e.g. `x-kantata-description`). */
function isDocExtension(key: string): boolean {
  return DOC_ONLY_EXTENSIONS.has(key) || /(description|summary|title|examples?|docs)$/i.test(key);
}

/**
 * Compares `x-` extensions. Unknown ones are treated conservatively as additive (generators may
 * read them). The bulk limit is not an extension: it is the bulk array's `maxItems`, which the
 * constraint rules compare (a lowered limit is breaking).
 */
export function compareExtensions(scope: Scope, base: JsonObject, head: JsonObject): void {
  const keys = new Set(
    [...Object.keys(base), ...Object.keys(head)].filter((k) => k.startsWith('x-')),
  );
  for (const key of keys) {
    const b = base[key];
    const h = head[key];
    if (deepEqual(b, h)) continue;
    if (isDocExtension(key)) {
      scope.out.add(
        scope,
        'docs',
        'extension-docs-changed',
        `Updated \`${key}\` of ${scope.subject}.`,
      );
      continue;
    }
    const detail =
      b === undefined
        ? `added it (${show(h)})`
        : h === undefined
          ? `removed it (was ${show(b)})`
          : `${show(b)} → ${show(h)}`;
    scope.out.add(
      scope,
      'additive',
      'extension-changed',
      `Changed the \`${key}\` extension of ${scope.subject}: ${detail}.`,
    );
  }
}
