/**
 * Consumer projects (e2e/consumers/*) installed the way a downstream team installs them: a
 * copy in a temp dir, `npm install` with the Kantata scope mapped to the local registry and
 * every other package from the normal registry.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv } from '@kantata-ox/testkit/npm';
import { runOk } from '@kantata-ox/testkit/process';
import { SCOPE } from '@kantata-ox/testkit/registry';

/** The consumer templates. */
export const consumersDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../consumers');

/** An installed consumer project. */
export interface InstalledConsumer {
  name: string;
  dir: string;
  /** Environment for commands in the project (npm reads only its own npmrc). */
  env: NodeJS.ProcessEnv;
}

/** Options of {@link installConsumer}. */
export interface InstallConsumerOptions {
  /** Template name under e2e/consumers, e.g. `esm`. */
  name: string;
  /** Where the copy goes (a temp dir). */
  into: string;
  /** The version every `@kantata-ox/*` dependency is pinned to. */
  version: string;
  /** A user-level npmrc that maps the scope to the local registry. */
  userconfig: string;
}

/**
 * Copies a consumer template (with the shared files it lists under `e2e.shared`), pins its
 * `@kantata-ox/*` dependencies to the published version and runs `npm install` (cached downloads are reused; nothing is audited; a stalled download
 * is retried).
 *
 * @example
 * const esm = await installConsumer({ name: 'esm', into: tmp, version: '0.1.0', userconfig });
 */
export async function installConsumer(options: InstallConsumerOptions): Promise<InstalledConsumer> {
  const dir = join(options.into, options.name);
  cpSync(join(consumersDir, options.name), dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|build)$/.test(source),
  });
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    dependencies: Record<string, string>;
    /** Files of consumers/shared the project compiles as its own (copied into its src/). */
    e2e?: { shared?: string[] };
  };
  for (const file of manifest.e2e?.shared ?? []) {
    cpSync(join(consumersDir, 'shared', file), join(dir, 'src', file));
  }
  for (const name of Object.keys(manifest.dependencies)) {
    if (name.startsWith(`${SCOPE}/`)) manifest.dependencies[name] = options.version;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const env = npmEnv(options.userconfig);
  // npm waits up to 5 minutes on a stalled download by default; give up on one after 30 s
  // and let npm retry it, so that a flaky connection costs a retry rather than the test.
  const flags = [
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--fetch-timeout=30000',
    '--fetch-retries=4',
  ];
  await runOk('npm', ['install', ...flags], {
    cwd: dir,
    env,
    timeoutMs: 180_000,
  });
  return { name: options.name, dir, env };
}

/** Where each installed package came from, per `package-lock.json` (`resolved` URLs). */
export function resolvedFrom(consumerDir: string): Map<string, string> {
  const lock = JSON.parse(readFileSync(join(consumerDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string; link?: boolean }>;
  };
  const out = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || !entry.resolved) continue;
    out.set(path.replace(/^.*node_modules\//, ''), entry.resolved);
  }
  return out;
}
