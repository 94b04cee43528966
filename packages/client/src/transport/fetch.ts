/** How an attempt is handed to fetch: the injected one, or the platform's. */
import { KantataInputError } from '../errors/classes.js';
import type { FetchLike, Sender } from './redirects.js';

/**
 * The `Sender` of one request. An injected fetch gets a Request (the `FetchLike` contract),
 * with any extension init (e.g. an undici `dispatcher`) as its second argument. The
 * platform's fetch, looked up now (it may be installed or mocked after import), gets the URL
 * and init as they are: given a Request with a body, undici copies it into a new Request
 * through a TransformStream, about 100 µs per POST on loopback.
 *
 * @example
 * const send = senderFor(options.fetch, extensionInit(init));
 * const response = await send(url, { method: 'GET', headers, redirect: 'manual' });
 */
export function senderFor(
  custom: FetchLike | undefined,
  extension: RequestInit | undefined,
): Sender {
  if (custom !== undefined) return (url, init) => custom(new Request(url, init), extension);
  const platformFetch = globalThis.fetch;
  if (typeof platformFetch !== 'function') {
    throw new KantataInputError('fetch', 'no fetch implementation is available');
  }
  // Always called with the global as `this` (browsers throw "Illegal invocation" otherwise):
  // the platform's fetch itself, bound, unless an extension init has to be merged in.
  if (extension === undefined) return platformFetch.bind(globalThis);
  return (url, init) => platformFetch.call(globalThis, url, { ...init, ...extension });
}
