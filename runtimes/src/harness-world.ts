/**
 * A world whose fakes are `kantata-mock` processes the harness starts on 127.0.0.1, each on a
 * fresh port, when asked (`POST /fakes`): for runtimes where the fake cannot load (workerd
 * refuses the code generation of its validator) or should not (a page talking HTTP).
 */
import type { FakeSetup, World } from './world.js';

/** How the client reaches the mock. */
export type Route =
  /** At its own origin, `http://127.0.0.1:<port>/api/v1`. */
  | 'direct'
  /** Through the harness, at the page's origin: `/fake/<id>/api/v1`. */
  | 'proxy'
  /** At its own origin, started with `--cors` (a page on another origin). */
  | 'cors';

/**
 * @example
 * const world = harnessWorld({ runtime: 'workerd', version, fakeMode, harness, route: 'direct' });
 */
export function harnessWorld(options: {
  runtime: string;
  version: string;
  fakeMode: string;
  /** The harness's origin. */
  harness: string;
  route: Route;
}): World {
  const { harness, route } = options;
  return {
    runtime: options.runtime,
    version: options.version,
    fakeMode: options.fakeMode,
    stallUrl: `${harness}/stall`,
    async startFake(setup: FakeSetup) {
      const response = await fetch(`${harness}/fakes?route=${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(setup),
      });
      const started = (await response.json()) as {
        id: string;
        baseUrl: string;
        token: string;
        error?: string;
      };
      if (!response.ok) throw new Error(started.error ?? `POST /fakes: ${response.status}`);
      return {
        baseUrl: started.baseUrl,
        token: started.token,
        fetch: undefined,
        async close() {
          await (await fetch(`${harness}/fakes/${started.id}`, { method: 'DELETE' })).arrayBuffer();
        },
      };
    },
  };
}
