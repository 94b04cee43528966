/**
 * Chaos: the client against the real mock HTTP server with seeded faults on about 20% of
 * requests (429 with Retry-After, 503, dropped connections, latency spikes), plus a proxy
 * that loses the answer of some POSTs the server already processed. listAll must yield
 * every object exactly once; createMany must account for every input exactly once and
 * never create anything twice. The counts are printed.
 */
import { createKantataClient, type RetryEvent } from '@kantata-ox/client';
import { createFakeKantata, type FaultOptions } from '@kantata-ox/fixtures';
import { type MockServer, startMockServer } from '@kantata-ox/fixtures/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChaosProxy } from '../support/chaos-proxy.js';
import { formatTable, tallyCreate, tallyList } from '../support/chaos-reconcile.js';

const FAULTS: FaultOptions = {
  seed: 20_240_601,
  rate: 0.2,
  kinds: ['429', '503', 'drop', 'latency'],
  spikeMs: 150,
  latencyMs: [0, 3],
};
// The fake's 429s (faults here) carry `Retry-After` only when told to.
const RETRY_AFTER_SECONDS = 1;
const RETRY = { maxRetries: 8, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 2_000 };

function clientFor(baseUrl: string, token: string, events: RetryEvent[]) {
  return createKantataClient({
    token,
    baseUrl,
    retry: RETRY,
    timeoutMs: 5_000,
    onRetry: (event) => events.push(event),
  });
}

function retryRows(events: readonly RetryEvent[]): [string, number][] {
  const byReason = new Map<string, number>();
  for (const event of events) byReason.set(event.reason, (byReason.get(event.reason) ?? 0) + 1);
  return [
    ['retries (onRetry)', events.length],
    ...[...byReason].sort().map(([reason, n]): [string, number] => [`  retries: ${reason}`, n]),
  ];
}

function faultRows(faults: Record<string, number>): [string, number][] {
  const total = Object.values(faults).reduce((a, b) => a + b, 0);
  return [
    ['faults injected', total],
    ...Object.entries(faults).map(([kind, n]): [string, number] => [`  faults: ${kind}`, n]),
  ];
}

describe('listAll over 5,000 objects under faults', () => {
  let mock: MockServer;
  beforeAll(async () => {
    const fake = createFakeKantata({
      seed: 11,
      generate: { organizationMemberships: 5_000 },
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
    mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  });
  afterAll(() => mock.close());

  it('yields every object exactly once', async () => {
    const { fake } = mock;
    fake.setFaults(FAULTS);
    const events: RetryEvent[] = [];
    const client = clientFor(mock.url, fake.token, events);

    const started = performance.now();
    const ids: string[] = [];
    for await (const item of client.organizationMemberships.listAll()) ids.push(item.id);
    const seconds = (performance.now() - started) / 1000;

    const stored = [...fake.store.organizationMemberships.keys()].map(String);
    const tally = tallyList(ids, stored);
    const stats = fake.stats;
    console.log(
      formatTable('chaos: listAll over 5,000 organization memberships', [
        ['requests (server)', stats.requests],
        ...faultRows(stats.faults),
        ...retryRows(events),
        ['objects stored', tally.expected],
        ['objects yielded', tally.yielded],
        ['duplicates', tally.duplicates],
        ['losses', tally.losses],
        ['unknown ids', tally.unknown],
        ['seconds', seconds.toFixed(1)],
      ]),
    );

    expect(tally).toMatchObject({
      expected: 5_000,
      yielded: 5_000,
      duplicates: 0,
      losses: 0,
      unknown: 0,
    });
    // The run must really have been chaotic, or it proves nothing.
    const injected = Object.values(stats.faults).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(0);
    expect(stats.faults['429'] + stats.faults['503'] + stats.faults.drop).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
  });
});

/** One createMany of 1,000 inputs against a fresh fake behind a fresh chaos proxy. */
async function createManyRound(round: number) {
  const fake = createFakeKantata({
    seed: 100 + round,
    generate: { users: 1_000, departments: 3, geographies: 3 },
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
  const mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  const proxy = await startChaosProxy({
    upstream: mock.origin,
    dropProcessedPostRate: 0.1,
    seed: 500 + round,
  });
  try {
    const { store } = fake;
    const departments = [...store.organizations.values()].filter((o) => o.type === 'Department');
    const geographies = [...store.organizations.values()].filter((o) => o.type === 'Geography');
    // One user per input, so each stored object can be traced back to its input.
    const inputs = [...store.users.keys()].map((id, i) => ({
      member_id: Number(id),
      member_type: 'User' as const,
      department_id: Number(departments[i % departments.length]?.id),
      geography_id: Number(geographies[i % geographies.length]?.id),
    }));
    expect(inputs).toHaveLength(1_000);
    expect(store.organizationMemberships.size).toBe(0);

    fake.setFaults({ ...FAULTS, seed: (FAULTS.seed ?? 0) + round });
    const events: RetryEvent[] = [];
    const client = clientFor(`${proxy.origin}/api/v1`, fake.token, events);
    const result = await client.organizationMemberships.createMany(inputs, { concurrency: 4 });

    const storedByMember = new Map<number, number[]>();
    for (const record of store.organizationMemberships.values()) {
      const ids = storedByMember.get(record.member_id) ?? [];
      ids.push(record.id);
      storedByMember.set(record.member_id, ids);
    }
    const storedOf = (i: number) => storedByMember.get(inputs[i]?.member_id ?? -1) ?? [];
    const createdByIndex = new Map(result.created.map((c) => [c.index, c.object]));
    const tally = tallyCreate(
      inputs.length,
      result,
      (i) => storedOf(i).length,
      (i) => {
        const object = createdByIndex.get(i);
        const stored = storedOf(i);
        return object !== undefined && stored.length === 1 && String(stored[0]) === object.id;
      },
    );
    const failures = result.failed.map((f) => (f.error as Error).name);
    return {
      tally,
      stored: store.organizationMemberships.size,
      stats: fake.stats,
      proxy: { ...proxy.stats },
      events,
      failures,
    };
  } finally {
    await proxy.close();
    await mock.close();
  }
}

describe('createMany of 1,000 inputs under faults', () => {
  const ROUNDS = 5;

  it('creates each input exactly once or reports it failed: no duplicate, no silent loss', async () => {
    const started = performance.now();
    const rounds: Awaited<ReturnType<typeof createManyRound>>[] = [];
    for (let round = 1; round <= ROUNDS; round++) rounds.push(await createManyRound(round));
    const seconds = (performance.now() - started) / 1000;

    const sum = (pick: (r: (typeof rounds)[number]) => number) =>
      rounds.reduce((total, r) => total + pick(r), 0);
    const faults: Record<string, number> = {};
    for (const r of rounds) {
      for (const [kind, n] of Object.entries(r.stats.faults))
        faults[kind] = (faults[kind] ?? 0) + n;
    }
    faults['lost after processing'] = sum((r) => r.proxy.droppedAfterProcessing);
    const failureKinds = new Map<string, number>();
    for (const name of rounds.flatMap((r) => r.failures)) {
      failureKinds.set(name, (failureKinds.get(name) ?? 0) + 1);
    }
    const totals = {
      inputs: sum((r) => r.tally.inputs),
      created: sum((r) => r.tally.created),
      failed: sum((r) => r.tally.failed),
      ambiguous: sum((r) => r.tally.ambiguous),
      duplicates: sum((r) => r.tally.duplicates),
      losses: sum((r) => r.tally.losses),
      doubleReported: sum((r) => r.tally.doubleReported),
      mismatched: sum((r) => r.tally.mismatched),
      stored: sum((r) => r.stored),
    };
    console.log(
      formatTable(
        `chaos: createMany of 1,000 organization memberships, ${ROUNDS} rounds (chunks of 100)`,
        [
          ['requests (proxy)', sum((r) => r.proxy.requests)],
          ['requests (server)', sum((r) => r.stats.requests)],
          ...faultRows(faults),
          ...retryRows(rounds.flatMap((r) => r.events)),
          ['inputs', totals.inputs],
          ['created', totals.created],
          ['failed', totals.failed],
          ...[...failureKinds].map(([name, n]): [string, number] => [`  failed: ${name}`, n]),
          ['failed but created server-side (ambiguous)', totals.ambiguous],
          ['duplicates', totals.duplicates],
          ['losses', totals.losses],
          ['reported twice', totals.doubleReported],
          ['created but mismatched', totals.mismatched],
          ['objects stored', totals.stored],
          ['seconds', seconds.toFixed(1)],
        ],
      ),
    );

    for (const { tally, stored, proxy } of rounds) {
      expect(tally.duplicates).toBe(0);
      expect(tally.losses).toBe(0);
      expect(tally.doubleReported).toBe(0);
      expect(tally.mismatched).toBe(0);
      expect(tally.created + tally.failed).toBe(1_000);
      // Every stored object belongs to an input reported created, or to an ambiguous one.
      expect(stored).toBe(tally.created + tally.ambiguous);
      // A POST whose answer was lost after processing must not be re-sent: its whole chunk
      // is reported failed (ambiguous), never created twice.
      expect(tally.ambiguous).toBe(proxy.droppedAfterProcessing * 100);
    }
    // The runs must really have been chaotic, or they prove nothing.
    expect(faults['429']).toBeGreaterThan(0);
    expect((faults['503'] ?? 0) + (faults.drop ?? 0)).toBeGreaterThan(0);
    expect(faults['lost after processing']).toBeGreaterThan(0);
  });
});
