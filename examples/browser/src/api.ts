/**
 * Where the page sends its requests, and with which token.
 *
 * A page never holds a personal Kantata token: everything in its bundle, `VITE_` variables
 * included, is readable by anyone who opens it. In production the page calls its own origin,
 * `/api/v1`, where your backend checks the user's session, adds the account's token and
 * forwards to Kantata (in development `vite.config.ts` plays that backend). The token the page
 * sends there is a placeholder that the backend replaces: it opens nothing.
 *
 * The `mock` mode (`.env.mock`) points the page at `kantata-mock` on another origin, with the
 * fake's own test token; `vite.config.ts` refuses a token in a production build.
 */
import type { KantataClientOptions } from '@kantata-ox/client';

/** The two options that decide where requests go. */
export type ApiSettings = Pick<KantataClientOptions, 'baseUrl' | 'token'>;

export function apiSettings(): ApiSettings {
  const { VITE_KANTATA_BASE_URL: baseUrl, VITE_KANTATA_TOKEN: token } = import.meta.env;
  if (baseUrl && token) return { baseUrl, token };
  // Resolved against the page's address: https://your.app/api/v1.
  return { baseUrl: '/api/v1', token: 'replaced-by-the-backend' };
}
