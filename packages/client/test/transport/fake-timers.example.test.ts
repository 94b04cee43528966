import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createKantataClient, KantataTimeoutError } from '../../src/index.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that never answers: it ends only when the attempt's signal aborts. */
const silent = (request: Request) =>
  new Promise<Response>((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

it('gives up after four attempts that each time out', async () => {
  const kantata = createKantataClient({ token: 'test-token', timeoutMs: 5_000, fetch: silent });
  const outcome = expect(kantata.organizationMemberships.list()).rejects.toThrow(
    KantataTimeoutError,
  );
  await vi.runAllTimersAsync(); // every timeout, and the backoff waits between the attempts
  await outcome;
});

it('waits as long as a 429 asks before it tries again', async () => {
  const answers = [
    new Response('{"errors":[]}', { status: 429, headers: { 'retry-after': '2' } }),
    Response.json({ count: 0, results: [], organization_memberships: {} }),
  ];
  const fetch = vi.fn(async () => answers.shift() ?? Response.error());
  const kantata = createKantataClient({ token: 'test-token', fetch });
  const page = kantata.organizationMemberships.list();
  await vi.advanceTimersByTimeAsync(1_999);
  expect(fetch).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1);
  await expect(page).resolves.toMatchObject({ count: 0, items: [] });
  expect(fetch).toHaveBeenCalledTimes(2);
});
