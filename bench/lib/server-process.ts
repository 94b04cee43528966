/**
 * The fake Kantata API in a process of its own (the `kantata-mock` CLI of
 * `@kantata-ox/fixtures`), so that the server's CPU time and garbage collections are not
 * spent in the process whose calls are timed. On a 2-core machine each side gets a core.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startProcess } from '@kantata-ox/testkit/process';
import { benchDir } from './paths.js';

export interface ServerProcess {
  /** `http://127.0.0.1:<port>/api/v1` */
  readonly url: string;
  readonly token: string;
  /** The rate limit the server says it applies (defaults filled in), when it has one. */
  readonly rateLimit: { readonly requestsPerSecond: number; readonly burst: number } | undefined;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for the process to exit. */
  close(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Organization and user group memberships the fake generates (`--records`). */
  records: number;
  /** Seed of the generated data (`--seed`); the same seed in-process gives the same store. */
  seed?: number;
  token?: string;
  /** How long to wait for the "listening" line. */
  startTimeoutMs?: number;
  /** Delay of every answer, in ms (`--latency`). */
  latencyMs?: number;
  /** Requests a second the server admits, 429 over that (`--rate-limit`). */
  rateLimit?: number;
}

const LISTENING = /kantata-mock listening on (\S+)\r?\n/;
const RATE_LIMIT = /rate limit: ([\d.]+) requests\/s, burst (\d+)/;

/** The CLI of the built fixtures package, as `kantata-mock` runs it. */
function cliPath(): string {
  const require = createRequire(join(benchDir, 'package.json'));
  return join(dirname(require.resolve('@kantata-ox/fixtures/package.json')), 'dist/cli.js');
}

/**
 * Starts `kantata-mock --port 0` on 127.0.0.1 and resolves once it listens.
 *
 * @example
 * const server = await startServerProcess({ records: 10_000 });
 * await fetch(`${server.url}/organization_memberships`, { headers: { authorization: `Bearer ${server.token}` } });
 * await server.close();
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const token = options.token ?? 'bench-server-token';
  const args = [
    cliPath(),
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--quiet',
    '--records',
    String(options.records),
    '--seed',
    String(options.seed ?? 1),
    '--token',
    token,
    ...(options.latencyMs === undefined ? [] : ['--latency', String(options.latencyMs)]),
    ...(options.rateLimit === undefined ? [] : ['--rate-limit', String(options.rateLimit)]),
  ];
  // With a rate limit, also wait for the line that states it: the benchmarks compute the
  // physical limit from the server's own bucket, not from a copy of its defaults.
  const ready =
    options.rateLimit === undefined
      ? LISTENING
      : new RegExp(`${LISTENING.source}[\\s\\S]*?${RATE_LIMIT.source}`);
  // Goes down with the benchmark if it dies without closing the server (see startProcess).
  const server = await startProcess(process.execPath, args, {
    name: 'kantata-mock',
    ready,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  });
  const [, url = '', requestsPerSecond, burst] = server.ready;
  const rateLimit =
    requestsPerSecond === undefined
      ? undefined
      : { requestsPerSecond: Number(requestsPerSecond), burst: Number(burst) };
  return { url, token, rateLimit, close: server.stop };
}
