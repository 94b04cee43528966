/**
 * Stoplight Prism (`@stoplight/prism-cli`) as a child process: `prism mock` answers from the
 * spec and validates requests, `prism proxy` forwards to a real server and validates both
 * directions. Either one flags a violation with an `sl-violations` response header.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '@kantata-ox/testkit/loopback';
import { startProcess } from '@kantata-ox/testkit/process';

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

/** The Prism CLI script, run with the current Node (one process, nothing in between). */
function prismBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.prism ?? 'dist/index.js');
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
  const prism = await startProcess(
    process.execPath,
    [prismBin(), ...args, '--host', '127.0.0.1', '--port', String(port)],
    {
      name: `prism ${args.join(' ')}`,
      ready: /Prism is listening/,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
    },
  );
  return { url: `http://127.0.0.1:${port}`, output: prism.output, close: prism.stop };
}
