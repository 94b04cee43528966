/**
 * Validation of the API base URL.
 *
 * Why: every request carries the bearer token, so the base URL decides where the token goes.
 * Plain http would send it in clear text, and credentials embedded in a URL leak into logs.
 */
import { KantataInputError } from '../errors/classes.js';

/**
 * Checks a base URL and returns it normalised: absolute, without a trailing slash.
 *
 * Rules: an `https:` URL, or `http:` only for a loopback host (`localhost`, `127.0.0.0/8`,
 * `[::1]`) or with `allowInsecure` (the client's `allowInsecureBaseUrl`); no
 * `user:password@`; no query or fragment (paths are appended to it). A relative URL
 * (`/api/v1`, behind a dev server's proxy) is resolved against the page's location where
 * there is one (`globalThis.location`: a page, a worker), and refused where there is none.
 * Throws `KantataInputError` otherwise.
 *
 * @example
 * assertSafeBaseUrl('https://api.mavenlink.com/api/v1/'); // 'https://api.mavenlink.com/api/v1'
 * assertSafeBaseUrl('http://localhost:4010'); // 'http://localhost:4010'
 * assertSafeBaseUrl('/api/v1'); // in a page of https://app.example.com: 'https://app.example.com/api/v1'
 * assertSafeBaseUrl('http://api.example.com'); // throws (insecure)
 */
export function assertSafeBaseUrl(baseUrl: string, allowInsecure = false): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new KantataInputError('baseUrl', 'must be a non-empty URL');
  }
  let url: URL;
  try {
    // Relative to the page where there is one (`new URL(x, undefined)` takes absolute URLs only).
    url = new URL(baseUrl, pageLocation());
  } catch {
    throw new KantataInputError(
      'baseUrl',
      'must be an absolute http(s) URL (relative only in a page)',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KantataInputError('baseUrl', 'must use https (or http on a loopback host)');
  }
  // Checked before anything is echoed: never repeat a URL that holds credentials.
  if (url.username !== '' || url.password !== '') {
    throw new KantataInputError('baseUrl', 'must not contain credentials');
  }
  if (url.protocol === 'http:' && !allowInsecure && !isLoopback(url.hostname)) {
    throw new KantataInputError(
      'baseUrl',
      `http is only allowed for loopback hosts (got ${url.host}); use https, or allowInsecureBaseUrl: true for a dev host on your network`,
    );
  }
  // Checked on the text: the parsed URL drops an empty query (`/v1?`) and fragment (`/v1#`).
  if (baseUrl.includes('?') || baseUrl.includes('#')) {
    throw new KantataInputError('baseUrl', 'must not contain a query or fragment');
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The page's (or worker's) address, or undefined where there is none: Node, Bun, and Deno
 * without `--location` (where reading `location` throws).
 */
function pageLocation(): string | undefined {
  try {
    const href = (globalThis as { location?: { href?: unknown } }).location?.href;
    return typeof href === 'string' ? href : undefined;
  } catch {
    return undefined;
  }
}

/** `localhost`, any `127.x.y.z` (the URL parser already normalised forms like `127.1`), `[::1]`. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
