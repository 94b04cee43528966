/**
 * A throwaway npm registry: Verdaccio on 127.0.0.1 with no uplinks, its storage and config in a
 * temp dir, and one user whose token goes into user-level npmrc files in that dir (never the
 * repository's). Shared by the e2e registry test and `pnpm release:dry`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from './process.js';

const serveScript = fileURLToPath(new URL('verdaccio-serve.mjs', import.meta.url));

/** The scope whose packages the registry accepts and serves. */
export const SCOPE = '@kantata-ox';

/** Options of {@link startLocalRegistry}. */
export interface LocalRegistryOptions {
  /** Give up if Verdaccio is not listening after this long (default 30 s). */
  startTimeoutMs?: number;
}

/** How a user-level npmrc written by {@link LocalRegistry.writeNpmrc} routes packages. */
export type NpmrcMode =
  /** Only `@kantata-ox/*` comes from the local registry; everything else from `defaultRegistry`. */
  | { kind: 'scoped'; defaultRegistry: string }
  /** Every request goes to the local registry (publishing: nothing can leak elsewhere). */
  | { kind: 'everything' };

/** A running local registry. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  /** Publish token of the registry's only user. */
  readonly token: string;
  /** The temp dir holding config, storage and npmrc files. */
  readonly dir: string;
  /** Writes a user-level npmrc (with the token) and returns its path. */
  writeNpmrc(name: string, mode: NpmrcMode): string;
  /** Stops Verdaccio and deletes the temp dir. */
  close(): Promise<void>;
}

/**
 * Starts Verdaccio on 127.0.0.1 (a free port), with no uplinks: it serves only what is
 * published to it, and answers 404 for anything else rather than asking npmjs.
 *
 * @example
 * const registry = await startLocalRegistry();
 * const npmrc = registry.writeNpmrc('publish.npmrc', { kind: 'everything' });
 * // npm publish x.tgz --registry <registry.url> --userconfig <npmrc>
 * await registry.close();
 */
export async function startLocalRegistry(
  options: LocalRegistryOptions = {},
): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'kantata-verdaccio-'));
  const configPath = join(dir, 'config.yaml');
  writeFileSync(join(dir, 'htpasswd'), '');
  // JSON is valid YAML; relative paths are resolved from the config file's directory.
  writeFileSync(configPath, `${JSON.stringify(verdaccioConfig(), null, 2)}\n`);

  // The IPC channel lets the server notice when this process is gone (see verdaccio-serve.mjs).
  const verdaccio = await startProcess(process.execPath, [serveScript, configPath], {
    name: 'Verdaccio',
    ready: /^VERDACCIO_READY (\{.*\})$/m,
    cwd: dir,
    ipc: true,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    stopGraceMs: 5_000,
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= verdaccio.stop().finally(() => rmSync(dir, { recursive: true, force: true }));
    return closed;
  };
  try {
    const { port } = JSON.parse(verdaccio.ready[1] ?? '{}') as { port: number };
    const url = `http://127.0.0.1:${port}/`;
    const token = await addUser(url);
    return {
      url,
      port,
      token,
      dir,
      writeNpmrc: (name, mode) => writeNpmrc(join(dir, name), url, token, mode),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Verdaccio's config: local storage, htpasswd auth, no uplinks, no proxying, no web UI. */
function verdaccioConfig() {
  return {
    storage: './storage',
    auth: { htpasswd: { file: './htpasswd', max_users: 1 } },
    uplinks: {},
    packages: {
      [`${SCOPE}/*`]: { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
      // Anything else: readable if present (it never is), and never fetched from elsewhere.
      '**': { access: '$all' },
    },
    web: { enable: false },
    middlewares: {},
    server: { keepAliveTimeout: 60 },
    log: { type: 'stdout', format: 'json', level: 'warn' },
  };
}

/** Creates the registry's user through npm's adduser API and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'kantata-release';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      // A fresh registry per run, so a random password is never needed again.
      password: crypto.randomUUID(),
      email: 'release@kantata-ox.invalid',
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) {
    throw new Error(
      `Verdaccio refused to add a user (${response.status}): ${JSON.stringify(body)}`,
    );
  }
  return body.token;
}

function writeNpmrc(file: string, url: string, token: string, mode: NpmrcMode): string {
  const hostPath = url.replace(/^https?:/, '');
  const lines =
    mode.kind === 'everything'
      ? [`registry=${url}`, `${SCOPE}:registry=${url}`]
      : [`registry=${mode.defaultRegistry}`, `${SCOPE}:registry=${url}`];
  lines.push(
    `${hostPath}:_authToken=${token}`,
    'audit=false',
    'fund=false',
    'update-notifier=false',
  );
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}
