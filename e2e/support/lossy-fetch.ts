/**
 * A fetch in front of an in-process fake that loses the answer of chosen POSTs after the fake
 * processed them: the objects exist, and the client sees a connection reset, as Node's fetch
 * reports one. It is the chaos proxy's fault without sockets, for property tests that run
 * hundreds of jobs.
 */

/** Counters of a {@link losingAnswers} fetch. */
export interface LossyStats {
  posts: number;
  /** POSTs the fake answered whose answer was then lost. */
  lost: number;
}

/**
 * Wraps `fetch`: the POST numbered `n` (from 1) loses its answer when `lose(n)` is true and
 * the fake answered it with a success.
 *
 * @example
 * const lossy = losingAnswers(fake.fetch, (n) => n % 3 === 0);
 * createKantataClient({ token: fake.token, fetch: lossy.fetch });
 */
export function losingAnswers(
  fetch: typeof globalThis.fetch,
  lose: (n: number) => boolean,
): { fetch: typeof globalThis.fetch; stats: LossyStats } {
  const stats: LossyStats = { posts: 0, lost: 0 };
  const lossy = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    if (method !== 'POST') return fetch(input, init);
    stats.posts += 1;
    const n = stats.posts;
    const response = await fetch(input, init);
    if (!response.ok || !lose(n)) return response;
    await response.arrayBuffer();
    stats.lost += 1;
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    throw new TypeError('fetch failed', { cause });
  };
  return { fetch: lossy as typeof globalThis.fetch, stats };
}
