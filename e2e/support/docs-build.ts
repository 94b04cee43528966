/**
 * Runs `pnpm run docs` (scripts/docs.mjs) and reads what the site must show: the guides of
 * `site/guide/` and the operations of the spec.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOk, startProcess } from '@kantata-ox/testkit/process';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `docs/` with `pnpm run docs`; rejects with its output when it fails.
 *
 * @example
 * await buildDocs(); // docs/index.html, docs/guide/, docs/spec/index.html and docs/api/ now exist
 */
export async function buildDocs(timeoutMs = 600_000): Promise<void> {
  // The command the README names, as a reader types it (the README commands test relies on
  // this run to exercise it).
  await runOk('pnpm', ['run', 'docs'], { cwd: repoRoot, timeoutMs });
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

/** A guide of the site: its Markdown source and the page it becomes. */
export interface GuidePage {
  /** `bulk-jobs` for `site/guide/bulk-jobs.md`, served as `/guide/bulk-jobs.html`. */
  slug: string;
  file: string;
}

/**
 * The guides in `site/guide/`, by name.
 *
 * @example
 * guidePages().map((g) => g.slug); // ['bulk-jobs', 'getting-started', ...]
 */
export function guidePages(): GuidePage[] {
  const dir = join(repoRoot, 'site/guide');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ slug: name.replace(/\.md$/, ''), file: join(dir, name) }));
}

/** A running `pnpm run docs:preview`. */
export interface DocsPreview {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts `pnpm run docs:preview 0` (any free port) and resolves once it serves.
 *
 * @example
 * const preview = await startDocsPreview();
 * await fetch(`${preview.origin}/`);
 * await preview.stop();
 */
export async function startDocsPreview(timeoutMs = 60_000): Promise<DocsPreview> {
  const preview = await startProcess('pnpm', ['run', 'docs:preview', '0'], {
    name: 'pnpm run docs:preview',
    ready: /serving docs\/ on (http:\/\/127\.0\.0\.1:\d+)\//,
    cwd: repoRoot,
    startTimeoutMs: timeoutMs,
    // pnpm, tsx and node all go down with it.
    group: true,
  });
  return { origin: preview.ready[1] as string, stop: preview.stop };
}
