/**
 * Following redirects by hand, so the bearer token never goes to another origin.
 *
 * Why by hand: with `redirect: 'follow'`, Node's fetch (undici) decides itself which
 * headers survive a redirect. We send every request with `redirect: 'manual'` and follow up
 * to `MAX_REDIRECTS` hops ourselves: same-origin hops keep `Authorization`; once a hop
 * leaves the original origin (scheme, host or port differ) `Authorization` is dropped for
 * the rest of the chain. 303 (and 301/302 after a POST) turn into a GET without a body, as
 * fetch does; 307/308 resend the method and body.
 *
 * Browsers: there `redirect: 'manual'` yields an `opaqueredirect` response whose target is
 * hidden. We then let the platform follow (`redirect: 'follow'`) — browsers already strip
 * `Authorization` on cross-origin redirects per the Fetch spec — and remember that for the
 * transport's lifetime. The request that met the opaque redirect is re-sent only when its
 * method is idempotent; a POST fails with `KantataNetworkError` (code ERR_OPAQUE_REDIRECT)
 * rather than risk doing its work twice.
 */

import { KantataNetworkError } from '../errors/classes.js';
import { discardBody, raceAbort } from './abort.js';
import { isIdempotent } from './retry.js';

/** The longest redirect chain followed (browsers allow 20; an API needs far fewer). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers describing a body; dropped when a redirect turns the request into a bodiless GET.
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/** A fetch function as the transport calls it. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Sends one HTTP request described by a URL and an init (see fetch.ts `senderFor`: the
 * platform's fetch gets them as they are, an injected fetch gets a Request built from them).
 */
export type Sender = (url: string, init: RequestInit) => Promise<Response>;

/** Per-transport state: whether the platform hides redirects (see module comment). */
export interface RedirectState {
  platformFollows: boolean;
}

/** One attempt, as the transport hands it over. */
export interface Hop {
  send: Sender;
  method: string;
  url: string;
  /** With Authorization and Accept already set. */
  headers: Headers;
  /** In memory, so that a 307/308 can send it again; null when there is none. */
  body: string | ArrayBuffer | null;
  /** What a caller's own Request carried besides (credentials, mode, cache...). */
  attributes: RequestInit | undefined;
  /** The attempt's signal (the caller's, and the timer's). */
  signal: AbortSignal;
  state: RedirectState;
  /** For error messages. */
  context: { method: string; path: string; attempts: number };
  secrets: readonly string[];
}

/**
 * Sends one attempt, following redirects as described above.
 *
 * @example
 * const response = await followRedirects({ send, method: 'GET', url, headers, body: null, ... });
 */
export async function followRedirects(input: Hop): Promise<Response> {
  const { signal, state, attributes } = input;
  const fail = (code: string, detail: string): KantataNetworkError =>
    new KantataNetworkError({ ...input.context, code, detail }, input.secrets);
  const href = input.url;
  const send = (
    url: string,
    hop: Pick<RequestInit, 'method' | 'headers' | 'body' | 'redirect'>,
  ): Promise<Response> =>
    raceAbort(
      input.send(
        url,
        attributes === undefined ? { ...hop, signal } : { ...attributes, ...hop, signal },
      ),
      signal,
    );
  // The request as the caller made it: its first hop, and every send the platform follows.
  const asMade = { method: input.method, headers: input.headers, body: input.body };
  const platformFollows = (): Promise<Response> => send(href, { ...asMade, redirect: 'follow' });

  if (state.platformFollows) return platformFollows();

  // Parsed only when a redirect needs it: most responses are not redirects.
  let url: URL | undefined;
  let origin: string | undefined;
  let method = input.method;
  let headers = input.headers;
  let body = input.body;
  let response = await send(href, { ...asMade, redirect: 'manual' });

  for (let hop = 0; ; hop++) {
    if (response.type === 'opaqueredirect') {
      state.platformFollows = true;
      if (!isIdempotent(method)) {
        throw fail(
          'ERR_OPAQUE_REDIRECT',
          'redirected, and this platform hides redirect targets; not re-sending a non-idempotent request',
        );
      }
      return platformFollows();
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    discardBody(response);
    if (hop >= MAX_REDIRECTS) {
      throw fail('ERR_TOO_MANY_REDIRECTS', `too many redirects (more than ${MAX_REDIRECTS})`);
    }

    url ??= new URL(href);
    origin ??= url.origin;
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw fail('ERR_INVALID_REDIRECT', 'redirected to an invalid location');
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw fail('ERR_INVALID_REDIRECT', 'redirected to a non-http(s) location');
    }

    headers = new Headers(headers);
    // Once the chain has left the original origin, the token stays off for good.
    if (next.origin !== origin) headers.delete('authorization');
    const status = response.status;
    if (
      (status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((status === 301 || status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = null;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    // Any other hop (307/308, or 301/302 of a PUT) resends the method and the same bytes.
    url = next;
    response = await send(next.href, { method, headers, body, redirect: 'manual' });
  }
}

/**
 * The attributes of a caller's `request` that a request rebuilt from a URL and an init must
 * keep (credentials, cache mode... matter in browsers). `navigate` cannot be set by script.
 */
export function attributesOf(request: Request): RequestInit {
  return {
    cache: request.cache,
    credentials: request.credentials,
    integrity: request.integrity,
    keepalive: request.keepalive,
    mode: request.mode === 'navigate' ? 'same-origin' : request.mode,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
  };
}
