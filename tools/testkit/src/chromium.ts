/**
 * The system's headless Chromium (Debian's `chromium` package), driven by playwright-core.
 * No browser is ever downloaded: playwright-core only speaks the DevTools protocol to the
 * binary we point it at.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian installs it; `CHROMIUM_PATH` overrides. */
export const defaultChromiumPath = '/usr/bin/chromium';

/**
 * Flags for a quiet, sandbox-less headless run as root, that talks to nothing but the pages
 * it is sent to. playwright-core adds `--headless` and a fresh `--user-data-dir` itself.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Returns the Chromium binary to use, or throws an error that says how to install it.
 *
 * @example
 * const executablePath = findChromium(); // '/usr/bin/chromium'
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH ?? defaultChromiumPath;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(
      `Chromium was not found at ${path}. Install Debian's package: ` +
        '`apt-get install -y --no-install-recommends chromium` (`pnpm test` does this when run ' +
        'as root), or set CHROMIUM_PATH.',
    );
  }
}

/**
 * Launches the system Chromium headless.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await browser.close();
 */
export function launchChromium(executablePath = findChromium()): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...chromiumArgs],
    timeout: 60_000,
  });
}
