/**
 * `buildModel`: reads a bundled OpenAPI document once into the spec model (see types.ts), and
 * the resource table the packages ship (runtime-table.ts, typed by table.ts).
 *
 * It also checks the conventions the generators rely on, and reports every problem at once
 * with the spec location, so that a spec change that the tooling cannot follow fails at
 * `pnpm generate` with a message saying what to add, never later at run time. The reading
 * itself is done by operation.ts (operations, with parameter.ts and body.ts) and resource.ts
 * (grouping and completing resources); they share one context (context.ts).
 */
import { createContext } from './context';
import { arr, type JsonObject, obj } from './json';
import { readOperations } from './operation';
import { readResources } from './resource';
import { runtimeTable } from './runtime-table';
import { readServerTimeout } from './timestamps';
import type { SpecModel } from './types';

/** Every problem found in the spec, one line each. */
export class SpecModelError extends Error {
  override readonly name = 'SpecModelError';
  constructor(readonly problems: readonly string[]) {
    super(
      `The spec does not follow the conventions the generators read:\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * Builds the model of a bundled document (`$ref`s to `#/components/...` kept, as
 * `pnpm --filter @kantata-ox/spec bundle` writes it). Throws `SpecModelError` listing every
 * convention the document breaks.
 *
 * @example
 * const model = buildModel(JSON.parse(readFileSync('spec/dist/openapi.json', 'utf8')));
 * model.resources.organization_memberships.operations.create?.body?.bulk?.limit; // 100
 */
export function buildModel(document: JsonObject): SpecModel {
  const context = createContext(document);
  const { problems, resolve } = context;
  const info = resolve(document.info);
  const serverUrl = String(resolve(arr(document.servers)?.[0]).url ?? '');
  let basePath = '';
  try {
    basePath = new URL(serverUrl).pathname.replace(/\/$/, '');
  } catch {
    problems.push(`servers[0].url must be an absolute URL, got ${JSON.stringify(serverUrl)}`);
  }
  const schemas = obj(obj(document.components).schemas) as Record<string, JsonObject>;
  const operations = readOperations(context);
  const resources = readResources(context, operations);
  const serverTimeoutSeconds = readServerTimeout(document, problems);
  if (problems.length > 0) throw new SpecModelError(problems);

  return {
    document,
    version: String(info.version ?? ''),
    title: String(info.title ?? ''),
    serverUrl,
    basePath,
    serverTimeoutSeconds,
    resources,
    table: runtimeTable(resources),
    operations,
    schemas,
  };
}
