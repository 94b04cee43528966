/**
 * Generates @kantata-ox/types from the spec model:
 *   - openapi.json          the bundled spec, shipped as `@kantata-ox/types/openapi.json`
 *   - src/schema.gen.ts     `paths`, `components` and `operations` from openapi-typescript
 *   - src/aliases.gen.ts    a friendly name for every schema and every operation's query, and
 *                           the per-resource type maps (objects, envelopes, side-loaded maps)
 *   - src/resources.gen.ts  the spec model's resource table (`model.table`), written as it is:
 *                           what the client and the fake run on (`@kantata-ox/types/resources`)
 *   - package.json          `kantata.specVersion` stamped with the spec's `info.version`
 *
 * Run with `pnpm generate` (turbo bundles the spec first).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generatedHeader,
  loadModel,
  type OperationModel,
  type SpecModel,
  writeGenerated,
} from '@kantata-ox/spec/model';
import openapiTS, { astToString } from 'openapi-typescript';

const require = createRequire(import.meta.url);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generatorVersion: string = require('openapi-typescript/package.json').version;
const GENERATOR = 'packages/types/scripts/generate.ts';

const model = await loadModel();
const at = (file: string) => resolve(packageDir, file);

const ast = await openapiTS(model.document as unknown as Parameters<typeof openapiTS>[0], {
  // Query parameters with a default stay optional for callers.
  defaultNonNullable: false,
});

const changed = await Promise.all([
  writeGenerated(at('openapi.json'), `${JSON.stringify(model.document, null, 2)}\n`),
  writeGenerated(
    at('src/schema.gen.ts'),
    generatedHeader(`openapi-typescript ${generatorVersion}`, model.version) + astToString(ast),
  ),
  writeGenerated(
    at('src/aliases.gen.ts'),
    generatedHeader(GENERATOR, model.version) + aliases(model),
  ),
  writeGenerated(
    at('src/resources.gen.ts'),
    generatedHeader(GENERATOR, model.version) + table(model),
  ),
  stampSpecVersion(model.version),
]);
console.log(
  `@kantata-ox/types: spec ${model.version} → openapi.json, src/{schema,aliases,resources}.gen.ts${changed.some(Boolean) ? '' : ' (unchanged)'}`,
);

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A plain object schema (not a union or a scalar), which a mapped type can name. */
function isObjectSchema(schema: Record<string, unknown>): boolean {
  return schema.type === 'object' && !('oneOf' in schema || 'anyOf' in schema || 'allOf' in schema);
}

/** Operations that take query parameters get a `<OperationId>Query` alias. */
function hasQuery(op: OperationModel): boolean {
  return Object.values(op.parameters).some((p) => p.in === 'query');
}

function aliases(spec: SpecModel): string {
  const resources = Object.values(spec.resources);
  const lines = [
    "import type { components } from './schema.gen.js';",
    "import type { QueryOf } from './helpers.js';",
    '',
    '// Every schema of the spec, under its own name. An object schema gets a mapped type of its',
    '// own (the same type): editors then show its name, not its expansion.',
    ...Object.entries(spec.schemas).map(([name, schema]) => {
      const type = `components['schemas']['${name}']`;
      return `export type ${name} = ${isObjectSchema(schema) ? `{ [K in keyof ${type}]: ${type}[K] }` : type};`;
    }),
    '',
    '// The query parameters of each operation that takes any.',
    ...spec.operations
      .filter(hasQuery)
      .map(
        (op) => `export type ${pascalCase(op.operationId)}Query = QueryOf<'${op.operationId}'>;`,
      ),
    '',
    '/** The object each resource holds, by objects key. */',
    'export interface ObjectByKey {',
    ...resources.map((r) => `  ${r.objectsKey}: ${r.schemas.object};`),
    '}',
    '',
    '/** The response envelope of each resource, by objects key. */',
    'export interface EnvelopeByKey {',
    ...resources.map((r) => `  ${r.objectsKey}: ${r.schemas.envelope};`),
    '}',
    '',
    '/** The side-loaded maps each envelope may carry, with their object types. */',
    'export interface SideLoadedByKey {',
    ...resources.map(
      (r) =>
        `  ${r.objectsKey}: {${Object.entries(r.sideLoaded)
          .map(([key, schema]) => ` ${key}: ${schema};`)
          .join('')} };`,
    ),
    '}',
    '',
    "/** A key that holds a resource's objects, e.g. `organization_memberships`. */",
    'export type ObjectsKey = keyof ObjectByKey;',
    '',
    ...(['create', 'update'] as const).flatMap((action) => [
      `/** The fields one ${action} takes (the body under the singular key), by objects key. */`,
      `export interface ${pascalCase(action)}FieldsByKey {`,
      ...resources.flatMap((r) => {
        const schema = r.schemas[action];
        return schema ? [`  ${r.objectsKey}: ${schema};`] : [];
      }),
      '}',
      '',
    ]),
  ];
  return lines.join('\n');
}

/** The model's resource table, written out as it is. */
function table(spec: SpecModel): string {
  return `import type { ResourceTable } from './table.js';

/** Version of the spec these packages were generated from. */
export const specVersion = ${JSON.stringify(spec.version)};

/** The spec's server: the default base URL of the API. */
export const serverUrl = ${JSON.stringify(spec.serverUrl)};

/** The path every operation is served under (the server URL's path). */
export const basePath = ${JSON.stringify(spec.basePath)};

/**
 * How long the server may go on working on a request, in seconds, or undefined when the spec
 * does not say (\`x-kantata-server-timeout-seconds\`). A request older than this changes
 * nothing more.
 */
export const serverTimeoutSeconds: number | undefined = ${JSON.stringify(spec.serverTimeoutSeconds) ?? 'undefined'};

/**
 * Every resource of the spec by helper name: its objects key, schemas, includes and
 * operations, with each parameter's schema and \`x-kantata-*\` facts.
 */
export const resources = ${JSON.stringify(spec.table, null, 2)} as const satisfies ResourceTable;
`;
}

/** Records the spec version in package.json, the way @octokit/openapi-types does. */
async function stampSpecVersion(version: string): Promise<boolean> {
  const path = at('package.json');
  const pkg = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  pkg.kantata = { ...(pkg.kantata as object | undefined), specVersion: version };
  return writeGenerated(path, `${JSON.stringify(pkg, null, 2)}\n`);
}
