import { createFakeKantata } from '@kantata-ox/fixtures';
import type { paths } from '@kantata-ox/types';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import {
  countingFetch,
  exportByHand,
  importByHand,
  physicalLimitMs,
  refillMs,
} from '../lib/limits.js';

const BASE = 'https://api.mavenlink.com/api/v1';

describe('physicalLimitMs', () => {
  it('lets the burst go at once and the rest at the rate, plus one round trip', () => {
    expect(physicalLimitMs(50, { requestsPerSecond: 10, burst: 5 }, 100)).toBe(4_600);
    expect(physicalLimitMs(100, { requestsPerSecond: 10, burst: 5 }, 100)).toBe(9_600);
  });

  it('is one round trip when the burst covers every request', () => {
    expect(physicalLimitMs(3, { requestsPerSecond: 1, burst: 5 }, 100)).toBe(100);
  });
});

describe('refillMs', () => {
  it('is the time to earn a full bucket, plus a margin', () => {
    expect(refillMs({ requestsPerSecond: 10, burst: 5 })).toBe(700);
    expect(refillMs({ requestsPerSecond: 0.5, burst: 1 })).toBe(2_200);
  });
});

describe('countingFetch', () => {
  it('counts requests and 429s, and restarts the counts when taken', async () => {
    const statuses = [200, 429, 503];
    const wire = countingFetch(async () => new Response(null, { status: statuses.shift() }));
    for (let i = 0; i < 3; i++) await wire.fetch(BASE);
    expect(wire.take()).toEqual({ requests: 3, throttled: 1 });
    expect(wire.take()).toEqual({ requests: 0, throttled: 0 });
  });
});

describe('the hand-written loops', () => {
  it('export every object, 4 pages in flight, after sleeping on a 429', async () => {
    const fake = createFakeKantata({
      generate: { organizationMemberships: 95 },
      faults: { nth: [3], kinds: ['429'] },
    });
    const wire = countingFetch(fake.fetch);
    const bare = createClient<paths>({
      baseUrl: BASE,
      fetch: wire.fetch,
      headers: { authorization: `Bearer ${fake.token}` },
    });
    const started = performance.now();
    expect(await exportByHand(bare, 10, 4)).toBe(95);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(wire.take()).toEqual({ requests: 11, throttled: 1 });
  });

  it('import every input in chunks, then update the first objects created', async () => {
    const fake = createFakeKantata({ records: 5 });
    const inputs = fake.validInputs('organizationMemberships', 25);
    const bare = createClient<paths>({
      baseUrl: BASE,
      fetch: fake.fetch,
      headers: { authorization: `Bearer ${fake.token}` },
    });
    const updates = [{ department_id: inputs[3]!.department_id }];
    const outcome = await importByHand(bare, inputs, 10, 2, updates);
    expect(outcome.failed).toBe(0);
    expect(outcome.created).toHaveLength(25);
    // Chunks answered out of order still give the ids in input order.
    const first = fake.store.organizationMemberships.get(outcome.created[0]!);
    expect(first?.member_id).toBe(inputs[0]!.member_id);
    expect(first?.department_id).toBe(inputs[3]!.department_id);
    expect(fake.stats.requests).toBe(3 + 1);
  });

  it('count the inputs of a refused chunk as failed', async () => {
    const fake = createFakeKantata({ records: 5 });
    const inputs = fake.validInputs('organizationMemberships', 12);
    const bare = createClient<paths>({
      baseUrl: BASE,
      fetch: fake.fetch,
      headers: { authorization: 'Bearer wrong-token' },
    });
    expect((await importByHand(bare, inputs, 10, 1, [])).failed).toBe(12);
  });
});
