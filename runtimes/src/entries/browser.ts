/**
 * The contract in a page (Chromium). The harness serves this bundle and calls
 * `runContract(mode)`:
 * - `msw`: the fake runs in the page behind MSW's service worker (`setupWorker` with the
 *   handlers of `@kantata-ox/fixtures/msw`), and the client keeps its default base URL;
 * - `proxy`: `kantata-mock` over HTTP through the harness, at the page's own origin;
 * - `cors`: `kantata-mock --cors` at its own origin, cross-origin to the page.
 */
import { createFakeKantata } from '@kantata-ox/fixtures';
import { createKantataHandlers } from '@kantata-ox/fixtures/msw';
import { setupWorker } from 'msw/browser';
import { cases } from '../contract.js';
import { harnessWorld } from '../harness-world.js';
import { type RunReport, runCases } from '../runner.js';
import { fakeOptionsOf, type World } from '../world.js';

interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{
    fullVersionList?: { brand: string; version: string }[];
  }>;
}

/** Chromium's full version (the user agent string says only `156.0.0.0`). */
async function chromiumVersion(): Promise<string> {
  const data = (navigator as { userAgentData?: UserAgentData }).userAgentData;
  const brands = (await data?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
  return brands.find((b) => b.brand === 'Chromium')?.version ?? '?';
}

/** The three ways a page reaches the fake. */
export type PageMode = 'msw' | 'proxy' | 'cors';

async function mswWorld(version: string): Promise<World> {
  const worker = setupWorker();
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return {
    runtime: 'chromium (msw)',
    version,
    fakeMode: "the fake behind MSW's service worker (`setupWorker`, `@kantata-ox/fixtures/msw`)",
    stallUrl: `${location.origin}/stall`,
    async startFake(setup) {
      const fake = createFakeKantata(fakeOptionsOf(setup));
      worker.resetHandlers(...createKantataHandlers(fake));
      return {
        baseUrl: undefined,
        token: fake.token,
        fetch: undefined,
        close: async () => worker.resetHandlers(),
      };
    },
  };
}

const harnessWorlds = {
  proxy: {
    runtime: 'chromium (kantata-mock, same origin)',
    fakeMode: '`kantata-mock` through a same-origin proxy',
  },
  cors: {
    runtime: 'chromium (kantata-mock --cors)',
    fakeMode: '`kantata-mock --cors`, cross-origin',
  },
} as const;

async function runContract(mode: PageMode): Promise<RunReport> {
  const version = await chromiumVersion();
  const world =
    mode === 'msw'
      ? await mswWorld(version)
      : harnessWorld({ ...harnessWorlds[mode], version, harness: location.origin, route: mode });
  const report = await runCases(world, cases);
  console.log(report.line);
  return report;
}

(globalThis as { runContract?: typeof runContract }).runContract = runContract;
