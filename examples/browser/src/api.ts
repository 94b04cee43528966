/**
 * Where the page sends its requests, and which token it sends.
 *
 * A page never holds a personal Kantata token: everything in its bundle, `VITE_` variables
 * included, is readable by anyone who opens it. In production the page calls its own origin,
 * `/api/v1`, where your backend checks the user's session, adds the account's token and
 * forwards to Kantata (`vite.config.ts` plays that backend in development). The token the page
 * sends there is a placeholder that the backend replaces: it opens nothing.
 *
 * Against a local fake only, the `mock` mode (`.env.mock`) points the page at `kantata-mock`
 * with the fake's own test token; `vite.config.ts` refuses a token in a production build.
 */
import { createKantataClient, type KantataClientOptions } from '@kantata-ox/client';

/** The two options that decide where requests go. */
export type ApiSettings = Pick<KantataClientOptions, 'baseUrl' | 'token'>;

/** A placeholder the backend proxy replaces with the real token. */
export const PROXY_TOKEN = 'replaced-by-the-backend';

/** The settings of this build: a local fake's (mode `mock`), else your backend on this origin. */
export function apiSettings(): ApiSettings {
  const { VITE_KANTATA_BASE_URL: baseUrl, VITE_KANTATA_TOKEN: token } = import.meta.env;
  if (baseUrl && token) return { baseUrl, token };
  return { baseUrl: `${location.origin}/api/v1`, token: PROXY_TOKEN };
}

/** What the page asked for: calls by method, and the retries the client made of them. */
export interface Traffic {
  calls: Record<string, number>;
  retries: number;
}

/**
 * The page's client, with the defaults of the platform (its `fetch`), counting what it sends
 * to show it (an app would not need to).
 *
 * @example
 * const { kantata, traffic } = connect(apiSettings());
 */
export function connect(settings: ApiSettings) {
  const traffic: Traffic = { calls: {}, retries: 0 };
  const kantata = createKantataClient({
    ...settings,
    onRetry: () => {
      traffic.retries += 1;
    },
  });
  kantata.use({
    onRequest({ request }) {
      traffic.calls[request.method] = (traffic.calls[request.method] ?? 0) + 1;
    },
  });
  return { kantata, traffic };
}
