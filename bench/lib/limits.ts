/**
 * What the "At the limits" section measures with: the physical limit of a job against the
 * server's token bucket, a fetch that counts what the server answered, and the hand-written
 * openapi-fetch loops the client is compared with (they sleep 1 s on a 429, and never give
 * up on one).
 */
import type { OrganizationMembershipCreateFields, paths } from '@kantata-ox/types';
import type createClient from 'openapi-fetch';

/** A server's rate limit: the bucket refills `requestsPerSecond` and holds `burst`. */
export interface BucketLimit {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/**
 * The shortest wall time of `requests` requests against a bucket full at the start: the
 * first `burst` go at once, the others as the bucket refills, and the last answer takes one
 * round trip of `latencyMs`.
 *
 * @example
 * physicalLimitMs(50, { requestsPerSecond: 10, burst: 5 }, 100); // 4600
 */
export function physicalLimitMs(requests: number, limit: BucketLimit, latencyMs: number): number {
  return (Math.max(0, requests - limit.burst) / limit.requestsPerSecond) * 1000 + latencyMs;
}

/**
 * How long to stay quiet before a run so that the bucket is full again (with a margin of
 * 200 ms for timers).
 *
 * @example
 * refillMs({ requestsPerSecond: 10, burst: 5 }); // 700
 */
export function refillMs(limit: BucketLimit): number {
  return Math.ceil((limit.burst / limit.requestsPerSecond) * 1000) + 200;
}

/** Requests sent and 429s answered, as seen on the wire. */
export interface WireCounts {
  requests: number;
  throttled: number;
}

/**
 * A `fetch` that counts every request and every 429 it receives; every side of the
 * section sends through one, so the counts are taken the same way for all of them.
 *
 * @example
 * const wire = countingFetch();
 * await wire.fetch(url); wire.take(); // { requests: 1, throttled: 0 }, and the counts restart
 */
export function countingFetch(inner: typeof fetch = fetch): {
  fetch: typeof fetch;
  take(): WireCounts;
} {
  let counts: WireCounts = { requests: 0, throttled: 0 };
  const counted = async (input: Request | string | URL, init?: RequestInit) => {
    counts.requests++;
    const response = await inner(input, init);
    if (response.status === 429) counts.throttled++;
    return response;
  };
  return {
    fetch: counted as typeof fetch,
    take() {
      const taken = counts;
      counts = { requests: 0, throttled: 0 };
      return taken;
    },
  };
}

type Bare = ReturnType<typeof createClient<paths>>;
type Inputs = readonly OrganizationMembershipCreateFields[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `call` again after 1 s for as long as it is answered 429: the loop a careful
 * hand-written job has when the API documents no `Retry-After`.
 */
async function untilNot429<T extends { response: Response }>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    const result = await call();
    if (result.response.status !== 429) return result;
    await sleep(1000);
  }
}

/** `concurrency` workers taking numbered jobs `from`…`to` in turn. */
async function inParallel(
  from: number,
  to: number,
  concurrency: number,
  job: (n: number) => Promise<void>,
): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next <= to) await job(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * The export by hand: page 1, then the other pages `concurrency` at a time (the page count
 * comes with page 1); resolves to the number of objects read.
 */
export async function exportByHand(bare: Bare, perPage: number, concurrency: number) {
  const page = async (n: number) => {
    const { data } = await untilNot429(() =>
      bare.GET('/organization_memberships', { params: { query: { page: n, per_page: perPage } } }),
    );
    if (!data) throw new Error(`page ${n}: no data`);
    return data;
  };
  const first = await page(1);
  let objects = first.results.length;
  await inParallel(2, first.meta.page_count, concurrency, async (n) => {
    // Not `objects += (await page(n))…`: that reads `objects` before the await.
    const data = await page(n);
    objects += data.results.length;
  });
  return objects;
}

/** What an import did: the ids it created (in input order) and the inputs that failed. */
export interface ImportOutcome {
  created: string[];
  failed: number;
}

/**
 * The import by hand: `inputs` in bulk requests of `chunk`, `concurrency` at a time, then
 * one update per entry of `updates` (of the objects created first), one after another.
 */
export async function importByHand(
  bare: Bare,
  inputs: Inputs,
  chunk: number,
  concurrency: number,
  updates: readonly { department_id: number }[],
): Promise<ImportOutcome> {
  const createdByChunk: string[][] = [];
  let failed = 0;
  await inParallel(0, Math.ceil(inputs.length / chunk) - 1, concurrency, async (n) => {
    const slice = inputs.slice(n * chunk, (n + 1) * chunk);
    const { data } = await untilNot429(() =>
      bare.POST('/organization_memberships', { body: { organization_memberships: [...slice] } }),
    );
    if (data) createdByChunk[n] = data.results.map((ref) => ref.id);
    else failed += slice.length;
  });
  const created = createdByChunk.flat();
  for (const [i, fields] of updates.entries()) {
    const id = Number(created[i]);
    const { data } = await untilNot429(() =>
      bare.PUT('/organization_memberships/{id}', {
        params: { path: { id } },
        body: { organization_membership: fields },
      }),
    );
    if (!data) failed++;
  }
  return { created, failed };
}
