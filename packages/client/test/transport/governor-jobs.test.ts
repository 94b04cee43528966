/**
 * The rate governor on whole jobs against the fake API, in virtual time (test/doubles/
 * virtual-time.ts): every client here has its default options apart from the clock and the
 * network it sends through. Durations are the virtual clock's, so a slow machine gives the
 * same figures as a fast one.
 */
import { createFakeKantata, type FakeKantata, type FakeKantataOptions } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { createKantataClient, type KantataClient } from '../../src/index.js';
import type { RateLimitEvent } from '../../src/transport/rate-limit-options.js';
import {
  fetchOverNetwork,
  type NetworkOptions,
  type VirtualClock,
  virtualClock,
} from '../doubles/virtual-time.js';

/** One request as the network saw it. */
interface Sent {
  sentAt: number;
  /** The order its answer came back in (from 1). */
  answered?: number;
  answeredAt?: number;
  status?: number;
}

/**
 * A fake, a client with default options over a network to it (told of 429s when `observe`),
 * and what went over the wire.
 */
function setup(
  fakeOptions: FakeKantataOptions,
  network: NetworkOptions,
  { clock = virtualClock(), observe = false }: { clock?: VirtualClock; observe?: boolean } = {},
) {
  const fake = createFakeKantata({ records: 10, ...fakeOptions });
  const wire: Sent[] = [];
  const events: { event: RateLimitEvent; at: number }[] = [];
  const toFake = fetchOverNetwork(fake.fetch, clock, network);
  const client = createKantataClient({
    token: fake.token,
    clock,
    fetch: async (input, init) => {
      const sent: Sent = { sentAt: clock.now() };
      wire.push(sent);
      const response = await toFake(input, init);
      sent.answered = wire.filter((s) => s.answered !== undefined).length + 1;
      sent.answeredAt = clock.now();
      sent.status = response.status;
      return response;
    },
    ...(observe ? { onRateLimit: (event) => events.push({ event, at: clock.now() }) } : {}),
  });
  /** Runs a job, returns how long it took in virtual time. */
  const time = async (job: (client: KantataClient, fake: FakeKantata) => Promise<void>) => {
    const start = clock.now();
    await clock.run(() => job(client, fake));
    return clock.now() - start;
  };
  return { fake, wire, events, time };
}

/** Valid organization membership inputs over the people of the fake. */
function memberships(fake: FakeKantata, count: number) {
  const organizations = [...fake.store.organizations.values()];
  const departments = organizations.filter((o) => o.type === 'Department').map((o) => o.id);
  const geographies = organizations.filter((o) => o.type === 'Geography').map((o) => o.id);
  const users = [...fake.store.users.keys()];
  return Array.from({ length: count }, (_, i) => ({
    member_id: Number(users[i % users.length]),
    member_type: 'User' as const,
    department_id: Number(departments[i % departments.length]),
    geography_id: Number(geographies[i % geographies.length]),
  }));
}

/** A 250-row sync: one `createMany`, default options. */
async function createMany250(client: KantataClient, fake: FakeKantata) {
  const result = await client.organizationMemberships.createMany(memberships(fake, 250));
  expect(result.created).toHaveLength(250);
}

/** 200 single creates, ten at a time. */
async function creates200(client: KantataClient, fake: FakeKantata) {
  const inputs = memberships(fake, 200);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) await client.organizationMemberships.create(inputs[next++]!);
  };
  await Promise.all(Array.from({ length: 10 }, worker));
}

const JOBS = { 'createMany of 250 rows': createMany250, '200 creates, ten at a time': creates200 };
const FIRST_REQUEST_429 = { faults: { nth: [1], kinds: ['429' as const] } };

describe('an isolated 429 on the first request of a new client (no rate limit)', () => {
  it.each(
    Object.keys(JOBS).flatMap((job) => [5, 100].map((roundTripMs) => [job, roundTripMs] as const)),
  )('%s, round trip %i ms: within 1.5x of the same job without it', async (job, roundTripMs) => {
    const run = JOBS[job as keyof typeof JOBS];
    const clean = setup({}, { roundTripMs });
    const cleanMs = await clean.time(run);
    const faulted = setup(FIRST_REQUEST_429, { roundTripMs });
    const faultedMs = await faulted.time(run);

    expect(faulted.fake.stats.faults['429']).toBe(1);
    expect(faulted.wire[0]?.status).toBe(429);
    expect(faultedMs).toBeLessThanOrEqual(1.5 * cleanMs);
  });
});

/**
 * What got through before a 429, as the guides define it: the requests answered other than
 * 429 (before the 429 came back) among those sent in the second before the 429's own one (or
 * since the first request, if later), per second of the time they span, at least the 429's
 * round trip.
 */
function gotThrough(wire: readonly Sent[], throttled: Sent): number {
  const from = Math.max(throttled.sentAt - 1000, wire[0]!.sentAt);
  const through = wire.filter(
    (s) =>
      s.sentAt >= from &&
      s.sentAt <= throttled.sentAt &&
      s.status !== 429 &&
      s.answered !== undefined &&
      s.answered < throttled.answered!,
  ).length;
  const span = Math.max(throttled.sentAt - from, throttled.answeredAt! - throttled.sentAt);
  return (through * 1000) / span;
}

describe('the pace reported after a 429', () => {
  it.each(Object.keys(JOBS))(
    'after a 429 on the first request (%s) is the rate the client was sending at',
    async (job) => {
      const { wire, events, time } = setup(
        FIRST_REQUEST_429,
        { roundTripMs: 20 },
        { observe: true },
      );
      await time(JOBS[job as keyof typeof JOBS]);
      const sentAtOnce = wire.filter((s) => s.sentAt === wire[0]!.sentAt).length;
      expect(events.map((e) => e.event.requestsPerSecond)).toEqual([(sentAtOnce * 1000) / 20]);
    },
  );

  it.each([[2], [11], [60], [150]])(
    'is not below the rate that got through, and costs little: 200 creates ten at a time, a 429 on request %i',
    async (nth) => {
      const cleanMs = await setup({}, { roundTripMs: 20 }).time(creates200);
      const { wire, events, time } = setup(
        { faults: { nth: [nth], kinds: ['429'] } },
        { roundTripMs: 20 },
        { observe: true },
      );
      // An isolated 429 anywhere in the job costs little.
      expect(await time(creates200)).toBeLessThanOrEqual(1.5 * cleanMs);
      const throttled = wire.find((s) => s.status === 429)!;
      const [first] = events;
      expect(events).toHaveLength(1);
      expect(first?.event.slowedDown).toBe(true);
      expect(throttled.sentAt).toBe(wire[nth - 1]!.sentAt);
      expect(first?.event.requestsPerSecond).toBeGreaterThanOrEqual(gotThrough(wire, throttled));
      // Ten in flight every 20 ms: 500 a second got through (fewer before the first answers).
      expect(first?.event.requestsPerSecond).toBeGreaterThanOrEqual(nth > 10 ? 500 : 50);
    },
  );

  it('after a second of steady traffic is what got through in that second', async () => {
    // One create at a time, 25 ms each: 40 a second; the 429 on request 60, 1.5 s in.
    const { wire, events, time } = setup(
      { faults: { nth: [60], kinds: ['429'] } },
      { roundTripMs: 25 },
      { observe: true },
    );
    await time(async (client, fake) => {
      for (const input of memberships(fake, 80)) await client.organizationMemberships.create(input);
    });
    const throttled = wire[59]!;
    expect(throttled.status).toBe(429);
    expect(events.map((e) => e.event.requestsPerSecond)).toEqual([gotThrough(wire, throttled)]);
    expect(gotThrough(wire, throttled)).toBe(40);
  });
});

/**
 * The jobs of BENCHMARKS.md section 8 in virtual time: the server's token bucket on the
 * virtual clock, the fake's own time as `kantata-mock` takes it (a page 65 ms, a bulk create
 * 40 ms, one request after another).
 */
describe('against a fake with a rate limit (10 a second, burst 5, 100 ms round trip)', () => {
  const RATE = 10;
  const BURST = 5;
  const ROUND_TRIP_MS = 100;
  /** The physical limit of a job of `requests`: the burst at once, then the rate. */
  const physicalMs = (requests: number) => ((requests - BURST) / RATE) * 1000 + ROUND_TRIP_MS;
  const limited = (fakeOptions: FakeKantataOptions, serverMs: NetworkOptions['serverMs']) => {
    const clock = virtualClock();
    const rateLimit = { requestsPerSecond: RATE, burst: BURST, now: clock.now };
    return setup(
      { ...fakeOptions, rateLimit },
      { roundTripMs: ROUND_TRIP_MS, serverMs },
      { clock },
    );
  };

  it('reads 50 pages, four ahead, within 1.10x of the physical limit', async () => {
    const { fake, wire, time } = limited({ generate: { organizationMemberships: 1000 } }, () => 65);
    const ms = await time(async (client) => {
      let read = 0;
      for await (const membership of client.organizationMemberships.listAll(
        {},
        { pageSize: 20, concurrency: 4 },
      )) {
        if (membership.id) read++;
      }
      expect(read).toBe(1000);
    });
    expect(ms).toBeLessThanOrEqual(1.1 * physicalMs(50));
    expect(fake.stats.rateLimited).toBeLessThanOrEqual(6);
    expect(wire.length - fake.stats.rateLimited).toBe(50);
  });

  it('imports 5,000 rows four requests at a time, then 50 updates, within 1.10x of the physical limit', async () => {
    const { fake, time } = limited({}, (method) => (method === 'POST' ? 40 : 5));
    const ms = await time(async (client) => {
      const inputs = memberships(fake, 5000);
      const result = await client.organizationMemberships.createMany(inputs, { concurrency: 4 });
      expect(result.created).toHaveLength(5000);
      for (const { object } of result.created.slice(0, 50)) {
        await client.organizationMemberships.update(object.id, {
          department_id: inputs[0]!.department_id,
        });
      }
    });
    expect(ms).toBeLessThanOrEqual(1.1 * physicalMs(100));
    expect(fake.stats.rateLimited).toBeLessThanOrEqual(6);
  });

  it('keeps a long job (600 requests, four at a time) within 1.10x, with under 3% answered 429', async () => {
    const { fake, wire, time } = limited({}, () => 20);
    const ms = await time(async (client) => {
      let next = 0;
      const worker = async () => {
        while (next++ < 600) await client.organizationMemberships.list({ per_page: 1 });
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    });
    expect(ms).toBeLessThanOrEqual(1.1 * physicalMs(600));
    expect(fake.stats.rateLimited / wire.length).toBeLessThan(0.03);
  });
});
