/**
 * The transport and the rate governor: every request of one client waits at one governor, a
 * governed 429 is retried on its own budget, and `onRateLimit` tells of each 429. Time is the
 * test clock's (a stepping one where the pace matters); nothing here waits for real.
 */
import { describe, expect, it } from 'vitest';
import type { KantataInputError } from '../../src/errors/classes.js';
import type { RateLimitEvent } from '../../src/transport/rate-limit-options.js';
import { bulkCreate, membership, OM, reply } from '../doubles/answers.js';
import { NOW, testClock } from '../doubles/clock.js';
import { API, createObservedClient, createObservedTransport } from '../doubles/observed.js';
import { virtualClock } from '../doubles/virtual-time.js';

const get = () => new Request(`${API}/users.json`);
const post = () => new Request(`${API}/posts.json`, { method: 'POST', body: '{"a":1}' });

describe('governed 429s', () => {
  it('are retried without using the fault budget', async () => {
    const { transport, fetch } = createObservedTransport([reply(429), reply(429), reply(200)], {
      retry: { maxRetries: 0 },
    });
    const response = await transport(get());
    expect(response.status).toBe(200);
    expect(fetch.calls).toHaveLength(3);
  });

  it('leave the whole fault budget to the faults after them', async () => {
    const { transport, fetch } = createObservedTransport(
      [reply(429), reply(429), reply(503), reply(503), reply(200)],
      { retry: { maxRetries: 2 } },
    );
    expect((await transport(get())).status).toBe(200);
    expect(fetch.calls).toHaveLength(5);
  });

  it('stop at rateLimit.maxRetries and return the 429', async () => {
    const events: RateLimitEvent[] = [];
    const { transport, fetch } = createObservedTransport([reply(429)], {
      rateLimit: { maxRetries: 2 },
      onRateLimit: (event) => events.push(event),
    });
    const response = await transport(post());
    expect(response.status).toBe(429);
    expect(fetch.calls).toHaveLength(3);
    expect(events.map((e) => e.retryInMs === undefined)).toEqual([false, false, true]);
  });

  it('use the fault budget again when rateLimit is false', async () => {
    const { transport, fetch } = createObservedTransport([reply(429)], {
      rateLimit: false,
      retry: { maxRetries: 1 },
    });
    expect((await transport(get())).status).toBe(429);
    expect(fetch.calls).toHaveLength(2);
  });

  it('wait as long as Retry-After asks, and not longer', async () => {
    const { transport, clock } = createObservedTransport([
      reply(429, { 'retry-after': '1' }),
      reply(200),
    ]);
    await transport(get());
    expect(clock.sleeps).toEqual([1000]);
  });

  it('are returned at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const { transport, fetch } = createObservedTransport([reply(429, { 'retry-after': '120' })]);
    expect((await transport(get())).status).toBe(429);
    expect(fetch.calls).toHaveLength(1);
  });

  it('back off when the rate does not adapt and the 429 names no wait', async () => {
    const { transport, clock } = createObservedTransport([reply(429), reply(200)], {
      rateLimit: { adaptive: false },
    });
    await transport(get());
    // The first backoff of `retry` (250 ms ceiling, jitter 0.5).
    expect(clock.sleeps).toEqual([125]);
  });

  it('tell onRateLimit the attempt, the new pace and the wait', async () => {
    const events: RateLimitEvent[] = [];
    const clock = virtualClock();
    const { transport } = createObservedTransport(
      async (request, call) => {
        await clock.sleep(100); // the round trip
        return (call === 1 ? reply(429) : reply(201))(request, call);
      },
      { clock, onRateLimit: (event) => events.push(event) },
    );
    await clock.run(() => transport(post()));
    // The first answer was the 429: one request in a 100 ms round trip is 10 a second, and
    // the retry's slot, 100 ms after the first request, has come.
    expect(events).toEqual([
      {
        attempt: 1,
        method: 'POST',
        path: '/api/v1/posts.json',
        slowedDown: true,
        requestsPerSecond: 10,
        retryInMs: 0,
      },
    ]);
  });

  it('survive an onRateLimit hook that throws', async () => {
    const { transport } = createObservedTransport([reply(429), reply(200)], {
      onRateLimit: () => {
        throw new Error('logging broke');
      },
    });
    expect((await transport(get())).status).toBe(200);
  });
});

describe('one governor per client', () => {
  it('paces every later request of the client after a 429', async () => {
    const clock = virtualClock();
    const sentAt: number[] = [];
    const { transport } = createObservedTransport(
      async (request, call) => {
        sentAt.push(clock.now() - NOW);
        await clock.sleep(100); // the round trip
        return call === 1 ? reply(429)(request, call) : new Response('{}');
      },
      { clock },
    );
    await clock.run(async () => {
      await transport(get());
      await Promise.all([transport(get()), transport(get()), transport(get())]);
    });
    // 10 a second after the 429 (one request in its 100 ms round trip): the retry goes at
    // 100 ms. It got through, so the pace doubles every round trip from when it was sent:
    // the three sent together at 200 ms go one pace apart (20 a second, then faster).
    const rateAt = (ms: number) => 10 * 2 ** ((ms - 100) / 100);
    const third = 250 + 1000 / rateAt(250);
    expect(sentAt.slice(0, 4)).toEqual([0, 100, 200, 250]);
    expect(sentAt[4]).toBeCloseTo(third, 3);
  });

  it('keeps to maxRequestsPerSecond from the first request', async () => {
    const clock = testClock({ stepping: true });
    const { transport } = createObservedTransport([reply(200)], {
      clock,
      rateLimit: { maxRequestsPerSecond: 4 },
    });
    for (let i = 0; i < 3; i++) await transport(get());
    expect(clock.sleeps).toEqual([250, 250]);
    expect(clock.now()).toBe(NOW + 500);
  });

  it("paces createMany's chunks in flight like any other request", async () => {
    const { client, fetch, clock } = createObservedClient(
      bulkCreate(OM, 'organization_membership', (id) => membership(id)),
      { rateLimit: { maxRequestsPerSecond: 2 } },
    );
    const inputs = Array.from({ length: 400 }, (_, i) => ({
      geography_id: 1,
      department_id: 2,
      member_id: i + 1,
      member_type: 'User' as const,
    }));
    const result = await client.organizationMemberships.createMany(inputs, { concurrency: 4 });
    expect(result.failed).toEqual([]);
    expect(fetch.calls).toHaveLength(4);
    // Four chunks at once, each in its slot half a second after the one before.
    expect(clock.sleeps).toEqual([500, 1000, 1500]);
  });
});

describe('the rateLimit option', () => {
  it.each([
    [{ maxRequestsPerSecond: 0 }, 'rateLimit.maxRequestsPerSecond'],
    [{ maxRequestsPerSecond: Number.POSITIVE_INFINITY }, 'rateLimit.maxRequestsPerSecond'],
    [{ adaptive: 'yes' }, 'rateLimit.adaptive'],
    [{ maxRetries: 1.5 }, 'rateLimit.maxRetries'],
    [{ maxRetries: -1 }, 'rateLimit.maxRetries'],
    [true, 'rateLimit'],
  ])('refuses %o, naming %s', (rateLimit, field) => {
    expect(() => createObservedTransport([reply(200)], { rateLimit: rateLimit as never })).toThrow(
      expect.objectContaining({ name: 'KantataInputError', field }) as KantataInputError,
    );
  });
});
