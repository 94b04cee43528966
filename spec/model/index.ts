/**
 * The spec model: the bundled spec read once, for every generator, the contract tests and the
 * spec diff. `import { loadModel } from '@kantata-ox/spec/model'`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from './build';
import type { JsonObject } from './json';
import type { SpecModel } from './types';

export { buildModel, SpecModelError } from './build';
export { arr, isObject, type JsonObject, obj } from './json';
export { deepEqual, deref, refOf, resolveDeep, resolvePointer } from './resolve';
export type * from './types';
export { generatedHeader, writeGenerated } from './write';

/** `spec/dist/openapi.json`, which `pnpm --filter @kantata-ox/spec bundle` writes. */
export const bundledSpecPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../dist/openapi.json',
);

/**
 * Reads the bundled spec and builds its model.
 *
 * @example
 * const model = await loadModel();
 * Object.keys(model.resources); // ['organization_memberships', 'user_group_memberships']
 */
export async function loadModel(file: string = bundledSpecPath): Promise<SpecModel> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(
      `${file} is missing: run \`pnpm generate\` from the repository root (it bundles the spec first).`,
    );
  });
  return buildModel(JSON.parse(text) as JsonObject);
}
