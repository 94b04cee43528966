/**
 * The fake Kantata API in a process of its own (the `kantata-mock` CLI of
 * `@kantata-ox/fixtures`), so that the server's CPU time and garbage collections are not
 * spent in the process whose calls are timed. On a 2-core machine each side gets a core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { benchDir } from './paths.js';

export interface ServerProcess {
  /** `http://127.0.0.1:<port>/api/v1` */
  readonly url: string;
  readonly token: string;
  /** Stops the server (SIGTERM) and waits for the process to exit. */
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
}

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
export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
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
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // If the benchmark dies without closing the server (a crash, an uncaught error), the
  // server goes with it instead of staying behind on its port.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  return new Promise<ServerProcess>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`kantata-mock did not start: ${why}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(
      () => fail(`no "listening" line within ${options.startTimeoutMs ?? 30_000} ms`),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /kantata-mock listening on (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume(); // keep draining: a full pipe would block the server
      child.off('exit', onEarlyExit);
      resolve({ url: match[1]!, token, close: () => stop(child) });
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited early (${signal ?? `exit ${code}`})`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', onEarlyExit);
    child.on('error', (error) => fail(error.message));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
