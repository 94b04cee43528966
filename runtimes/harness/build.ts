/**
 * Builds the contract suite for each runtime with esbuild, into `runtimes/dist/`:
 * - `inprocess.js` (Node, Deno, Bun): the cases in one ESM file that imports
 *   `@kantata-ox/client` and `@kantata-ox/fixtures` from node_modules, as an app would;
 * - `worker/worker.js` (workerd): one module with the client bundled in;
 * - `page/` (Chromium): `contract.js` with the client, the fixtures, msw/browser bundled in,
 *   an `index.html` that loads it, and MSW's `mockServiceWorker.js` as `msw init` writes it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOk } from '@kantata-ox/testkit/process';
import { build } from 'esbuild';

/** The package's directory (`runtimes/`). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where each build is. */
export interface Built {
  /** For `node|deno|bun <inprocess> <stall URL>`. */
  readonly inprocess: string;
  /** The module worker. */
  readonly worker: string;
  /** The folder the harness serves to the page. */
  readonly pageDir: string;
}

/**
 * @example
 * const built = await buildContract(); // built.inprocess === '<repo>/runtimes/dist/inprocess.js'
 */
export async function buildContract(): Promise<Built> {
  const out = join(packageDir, 'dist');
  rmSync(out, { recursive: true, force: true });
  const entry = (name: string) => join(packageDir, 'src/entries', name);
  const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' } as const;
  const built: Built = {
    inprocess: join(out, 'inprocess.js'),
    worker: join(out, 'worker/worker.js'),
    pageDir: join(out, 'page'),
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [entry('inprocess.ts')],
      outfile: built.inprocess,
      platform: 'neutral',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: [entry('worker.ts')],
      outfile: built.worker,
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
    }),
    build({
      ...common,
      entryPoints: [entry('browser.ts')],
      outfile: join(built.pageDir, 'contract.js'),
      platform: 'browser',
    }),
  ]);
  writeFileSync(
    join(built.pageDir, 'index.html'),
    '<!doctype html>\n<meta charset="utf-8">\n<title>contract</title>\n<script type="module" src="/contract.js"></script>\n',
  );
  // MSW's worker, as `npx msw init <public dir>` writes it for an app (never committed).
  const mswCli = join(
    dirname(createRequire(import.meta.url).resolve('msw/package.json')),
    'cli/index.js',
  );
  mkdirSync(built.pageDir, { recursive: true });
  await runOk(process.execPath, [mswCli, 'init', built.pageDir, '--no-save'], { cwd: packageDir });
  return built;
}
