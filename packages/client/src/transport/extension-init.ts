/**
 * The non-standard members of a fetch init (e.g. undici's `dispatcher`, which openapi-fetch
 * passes as `requestInitExt`): the Request already carries every standard one, so only these
 * are forwarded to fetch.
 */

const STANDARD_INIT_KEYS = new Set([
  'body',
  'cache',
  'credentials',
  'duplex',
  'headers',
  'integrity',
  'keepalive',
  'method',
  'mode',
  'priority',
  'redirect',
  'referrer',
  'referrerPolicy',
  'signal',
  'window',
]);

/**
 * The members of `init` that are not standard RequestInit members, or `undefined` if none.
 *
 * @example
 * extensionInit({ dispatcher, headers: { a: '1' } }); // { dispatcher }
 */
export function extensionInit(init: RequestInit | undefined): RequestInit | undefined {
  if (init === undefined || init === null) return undefined;
  const entries = Object.entries(init).filter(([key]) => !STANDARD_INIT_KEYS.has(key));
  return entries.length > 0 ? (Object.fromEntries(entries) as RequestInit) : undefined;
}
