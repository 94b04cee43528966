/**
 * Runs `pnpm run docs` (scripts/docs.mjs) and reads what the site must show: the guides of
 * `site/guide/` and the operations of the spec.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `docs/` with `pnpm run docs`; rejects with its output when it fails.
 *
 * @example
 * await buildDocs(); // docs/index.html, docs/guide/, docs/spec/index.html and docs/api/ now exist
 */
export function buildDocs(timeoutMs = 240_000): Promise<void> {
  return new Promise((resolve, reject) => {
    // The command the README names, as a reader types it (the README commands test relies on
    // this run to exercise it).
    const child = spawn('pnpm', ['run', 'docs'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`pnpm run docs failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
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
  stop(): void;
}

/**
 * Starts `pnpm run docs:preview 0` (any free port) and resolves once it serves.
 *
 * @example
 * const preview = await startDocsPreview();
 * await fetch(`${preview.origin}/`);
 * preview.stop();
 */
export function startDocsPreview(timeoutMs = 60_000): Promise<DocsPreview> {
  return new Promise((resolve, reject) => {
    // A process group of its own: pnpm, tsx and node all go down with it.
    const child = spawn('pnpm', ['run', 'docs:preview', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stop = () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    };
    let output = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`pnpm run docs:preview did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving docs\/ on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ origin: match[1], stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`pnpm run docs:preview exited ${code}:\n${output}`));
    });
  });
}
