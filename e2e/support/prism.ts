/**
 * Stoplight Prism (`@stoplight/prism-cli`) as a child process: `prism mock` answers from the
 * spec and validates requests, `prism proxy` forwards to a real server and validates both
 * directions. Either one flags a violation with an `sl-violations` response header.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A running Prism server. */
export interface PrismServer {
  /** `http://127.0.0.1:<port>`: the spec's paths hang directly off it. */
  readonly url: string;
  /** Everything Prism printed so far (for failure messages). */
  output(): string;
  /** Stops Prism (SIGTERM, then SIGKILL) and resolves once it has exited. */
  close(): Promise<void>;
}

/** Options of {@link startPrism}. */
export interface StartPrismOptions {
  /** Give up when Prism is not listening after this long (default 60 s). */
  startTimeoutMs?: number;
}

const MAX_OUTPUT = 200_000;

/**
 * A port that was free a moment ago: bind port 0 on 127.0.0.1, read it, release it.
 *
 * @example
 * const port = await freePort(); // e.g. 41873
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The Prism CLI script, run with the current Node (one process, nothing in between). */
function prismBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.prism ?? 'dist/index.js');
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Prism on 127.0.0.1 and a free port; resolves once it listens.
 *
 * @example
 * const prism = await startPrism(['mock', specPath, '--errors']);
 * await fetch(`${prism.url}/organization_memberships`, { headers: { authorization: 'Bearer x' } });
 * await prism.close();
 *
 * const proxy = await startPrism(['proxy', specPath, 'http://127.0.0.1:4010/api/v1', '--errors']);
 */
export async function startPrism(
  args: readonly string[],
  options: StartPrismOptions = {},
): Promise<PrismServer> {
  // The free port may be taken by someone else before Prism binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPrismOnce(args, await freePort(), options);
    } catch (error) {
      const lostRace = error instanceof Error && error.message.includes('EADDRINUSE');
      if (!lostRace || attempt === 3) throw error;
    }
  }
}

async function startPrismOnce(
  args: readonly string[],
  port: number,
  options: StartPrismOptions,
): Promise<PrismServer> {
  const child = spawn(
    process.execPath,
    [prismBin(), ...args, '--host', '127.0.0.1', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const server: PrismServer = {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    close: () => stop(child),
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (output.includes('Prism is listening')) done();
      };
      const exited = (code: number | null) =>
        done(new Error(`Prism exited (code ${code}) before listening`));
      child.stdout?.on('data', check);
      child.once('exit', exited);
      child.once('error', (error) => done(error));
    });
  } catch (error) {
    await stop(child);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}: prism ${args.join(' ')}\n${output}`);
  }
  return server;
}
