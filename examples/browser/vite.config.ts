/**
 * The modes of the example (see the browser guide, site/guide/browsers.md):
 *
 * - `msw` (`pnpm dev`): the fake API in the page's service worker; only this mode loads msw.
 * - `mock` (`pnpm dev:mock`, `.env.mock`): straight to `kantata-mock --cors` on another origin.
 * - the others (`pnpm dev:proxy`, `vite build`): the page calls its own origin's `/api/v1`. With
 *   `KANTATA_PROXY_TARGET` set, the proxy of `vite` and `vite preview` plays your backend there:
 *   it holds `KANTATA_TOKEN` (never sent to the page) and adds it to each request.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, loadEnv, type Plugin, type ProxyOptions } from 'vite';

export default defineConfig(({ mode }) => {
  // '' loads every variable, not only VITE_ ones: this runs in Node, never in the page.
  const env = loadEnv(mode, import.meta.dirname, '');
  refuseTokenInPage(env.VITE_KANTATA_TOKEN, env.VITE_KANTATA_BASE_URL);
  const proxy = backendProxy(env.KANTATA_PROXY_TARGET, env.KANTATA_TOKEN);
  return {
    plugins: [mockWorkerOnlyInMswMode()],
    server: { proxy },
    preview: { proxy },
    // The msw mode's bundle holds the fake and its spec: large, and never shipped.
    build: mode === 'msw' ? { chunkSizeWarningLimit: 4000 } : {},
  };
});

/** A token compiled into the page may only be a local fake's: the API must be loopback. */
function refuseTokenInPage(token: string | undefined, baseUrl: string | undefined): void {
  if (!token) return;
  const host = URL.canParse(baseUrl ?? '') ? new URL(baseUrl ?? '').hostname : '';
  if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) {
    throw new Error(
      `VITE_KANTATA_TOKEN is set for ${baseUrl ?? 'the default API'}: it would be readable by ` +
        'anyone who opens the page. Keep the token in a backend that proxies /api/v1.',
    );
  }
}

/** `/api` forwarded to `target` (an origin) with the token added, as your backend would. */
function backendProxy(
  target: string | undefined,
  token: string | undefined,
): Record<string, ProxyOptions> | undefined {
  if (!target) return undefined;
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  return { '/api': { target, changeOrigin: true, headers } };
}

/** `public/` holds msw's worker for the msw mode; any other build leaves it out. */
function mockWorkerOnlyInMswMode(): Plugin {
  return {
    name: 'mock-worker-only-in-msw-mode',
    apply: (_config, { command, mode }) => command === 'build' && mode !== 'msw',
    writeBundle(options) {
      if (options.dir) rmSync(join(options.dir, 'mockServiceWorker.js'), { force: true });
    },
  };
}
