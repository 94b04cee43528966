/**
 * Three ways to run the page (see README.md):
 *
 * - `msw` mode (`pnpm dev`): a fake API in the page's service worker; only this mode loads msw.
 * - `mock` mode (`.env.mock`): straight to `kantata-mock --cors`, another origin.
 * - production (`vite build`): the page calls its own origin's `/api/v1`. In development and
 *   `vite preview`, with `KANTATA_PROXY_TARGET` set, Vite's proxy stands in for your backend
 *   there: it holds `KANTATA_TOKEN` (never sent to the page) and adds it to each request.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, loadEnv, type Plugin, type ProxyOptions } from 'vite';

export default defineConfig(({ mode }) => {
  // '' loads every variable, not only VITE_ ones: this runs in Node, never in the page.
  const env = loadEnv(mode, import.meta.dirname, '');
  if (mode === 'production' && env.VITE_KANTATA_TOKEN) {
    throw new Error(
      'VITE_KANTATA_TOKEN is set for a production build: it would be readable by anyone who ' +
        'opens the page. Keep the token in a backend that proxies /api/v1.',
    );
  }
  const proxy = backendProxy(env.KANTATA_PROXY_TARGET, env.KANTATA_TOKEN);
  return {
    plugins: [noMockWorkerInProduction()],
    server: { proxy },
    preview: { proxy },
  };
});

/** `/api` forwarded to `target` (an origin) with the token added, as your backend would. */
function backendProxy(
  target: string | undefined,
  token: string | undefined,
): Record<string, ProxyOptions> | undefined {
  if (!target) return undefined;
  return {
    '/api': {
      target,
      changeOrigin: true,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    },
  };
}

/** `public/` holds msw's worker in development; a production build leaves it out. */
function noMockWorkerInProduction(): Plugin {
  return {
    name: 'no-mock-worker-in-production',
    apply: (_config, { command, mode }) => command === 'build' && mode === 'production',
    writeBundle(options) {
      if (options.dir) rmSync(join(options.dir, 'mockServiceWorker.js'), { force: true });
    },
  };
}
