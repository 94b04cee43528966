/**
 * Runs `pnpm docs` (scripts/docs.mjs) and reads the operations the spec reference must show.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runOk } from '@kantata-ox/testkit/process';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `docs/` with the repository's docs script; rejects with its output when it fails.
 *
 * @example
 * await buildDocs(); // docs/spec/index.html and docs/api/ now exist
 */
export async function buildDocs(timeoutMs = 240_000): Promise<void> {
  await runOk(process.execPath, ['scripts/docs.mjs'], { cwd: repoRoot, timeoutMs });
}

/** One operation of the spec, as the reference should present it. */
export interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
}

interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/**
 * Every operation of the bundled spec shipped in `@kantata-ox/types/openapi.json`.
 *
 * @example
 * (await specOperations()).map((op) => op.operationId); // ['listOrganizationMemberships', ...]
 */
export async function specOperations(): Promise<SpecOperation[]> {
  const file = createRequire(import.meta.url).resolve('@kantata-ox/types/openapi.json');
  const document = JSON.parse(await readFile(file, 'utf8')) as {
    paths: Record<string, Record<string, OperationObject>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? '',
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? '',
      })),
  );
}
