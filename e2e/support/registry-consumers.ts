/**
 * Consumer projects (e2e/consumers/*) installed the way a downstream team installs them: a
 * copy in a temp dir, `npm install` with the Kantata scope mapped to the local registry and
 * every other package from the normal registry.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv } from '@kantata-ox/testkit/npm';
import { type RunResult, run } from '@kantata-ox/testkit/process';
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

/** An install that prints no line (npm logs every request at `http` level) for this long has stalled. */
export const INSTALL_STALL_MS = 60_000;

/**
 * Copies a consumer template (with the shared files it lists under `e2e.shared`), pins its
 * `@kantata-ox/*` dependencies to the published version and runs `npm install` (cached
 * downloads are reused; nothing is audited; a stalled download is retried by npm). An install
 * that stalls altogether (no output for a minute, as seen on a busy machine) is killed and run
 * again from scratch, once, with a message saying so; an install that fails, or stalls twice,
 * fails with all of its output.
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
    /** Files of consumers/shared the project runs as its own (copied into its src/). */
    e2e?: { shared?: string[] };
  };
  for (const file of manifest.e2e?.shared ?? []) {
    mkdirSync(join(dir, 'src'), { recursive: true });
    cpSync(join(consumersDir, 'shared', file), join(dir, 'src', file));
  }
  for (const name of Object.keys(manifest.dependencies)) {
    if (name.startsWith(`${SCOPE}/`)) manifest.dependencies[name] = options.version;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const env = npmEnv(options.userconfig);
  // npm waits up to 5 minutes on a stalled download by default; give up on one after 30 s
  // and let npm retry it, so that a flaky connection costs a retry rather than the test.
  // `--loglevel=http` prints a line per request: silence then means a stall, not slowness.
  const args = [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--fetch-timeout=30000',
    '--fetch-retries=4',
    '--loglevel=http',
  ];
  const install = () =>
    run('npm', args, { cwd: dir, env, timeoutMs: 180_000, idleTimeoutMs: INSTALL_STALL_MS });
  await retryOnceIfStalled(install, {
    what: `\`npm ${args.join(' ')}\` (in ${dir})`,
    beforeRetry: () => {
      console.warn(
        `e2e: \`npm install\` of the ${options.name} consumer printed nothing for ${INSTALL_STALL_MS / 1000} s and was killed; installing it again from scratch (once)`,
      );
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      rmSync(join(dir, 'package-lock.json'), { force: true });
    },
  });
  return { name: options.name, dir, env };
}

/**
 * Runs `attempt`; when it stalled (printed nothing for too long), runs `beforeRetry` and
 * attempts once more. Resolves with the successful result; rejects with the output of every
 * attempt when the last one failed. A command that failed without stalling is never retried:
 * its failure is real.
 *
 * @example
 * await retryOnceIfStalled(() => run('npm', ['install'], { cwd, idleTimeoutMs: 60_000 }), {
 *   what: 'npm install',
 *   beforeRetry: () => rmSync('node_modules', { recursive: true, force: true }),
 * });
 */
export async function retryOnceIfStalled(
  attempt: () => Promise<RunResult>,
  options: { what: string; beforeRetry: () => void },
): Promise<RunResult> {
  const first = await attempt();
  if (first.code === 0 || !first.stalled) return failUnlessOk(first, options.what, []);
  options.beforeRetry();
  return failUnlessOk(await attempt(), options.what, [first]);
}

function failUnlessOk(result: RunResult, what: string, earlier: RunResult[]): RunResult {
  if (result.code === 0) return result;
  const how = result.stalled
    ? earlier.length > 0
      ? 'stalled twice (no output for too long, each time)'
      : 'stalled (no output for too long)'
    : earlier.length > 0
      ? `exited ${result.code} when run again after a stall`
      : `exited ${result.code}`;
  const before = earlier.map((r) => `\n--- the stalled attempt's stderr\n${r.stderr.slice(-4000)}`);
  throw new Error(
    `${what} ${how}${before.join('')}\n--- stdout\n${result.stdout.slice(-8000)}\n--- stderr\n${result.stderr.slice(-8000)}`,
  );
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
