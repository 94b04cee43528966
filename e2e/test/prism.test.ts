/**
 * Contract with a third-party mock: Stoplight Prism, driven by nothing but the bundled spec.
 *
 * - `prism mock --errors` validates every request the client's helpers send; any request
 *   it flags as off-spec (an `sl-violations` header or a problem+json error) fails a test.
 * - `prism proxy --errors` in front of the fake from `@kantata-ox/fixtures/server` validates
 *   both the requests and the fake's responses, so a fake that drifts from the spec fails.
 * Each part also proves that Prism does flag a deliberate violation, so neither can pass
 * vacuously.
 */
import { createRequire } from 'node:module';
import { createKantataClient, type KantataClient } from '@kantata-ox/client';
import { createFakeKantata, type FakeKantata } from '@kantata-ox/fixtures';
import { type MockServer, startMockServer } from '@kantata-ox/fixtures/server';
import { type LoopbackServer, startLoopbackServer } from '@kantata-ox/testkit/loopback';
import { type ResourceFacts, resources } from '@kantata-ox/types/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFreshObjects } from '../support/fake-world.js';
import { type PrismServer, startPrism } from '../support/prism.js';
import { type HelperCall, helperCalls } from '../support/prism-calls.js';
import {
  type Exchange,
  type ExchangeRecorder,
  recordExchanges,
} from '../support/prism-exchanges.js';

const spec = createRequire(import.meta.url).resolve('@kantata-ox/types/openapi.json');
const TOKEN = 'prism-contract-token';
/** Records of every resource the calls draw on (get and update the first, delete the second). */
const RECORDS = 4;

/** A seeded fake with fresh objects for creates: the ids and values the calls use. */
function world(seed: number): FakeKantata {
  const fake = createFakeKantata({ seed, token: TOKEN, records: RECORDS });
  addFreshObjects(fake);
  return fake;
}
const casesOf = (fake: FakeKantata) => helperCalls(fake).map((call) => [call.name, call] as const);

/** Every operation of the spec, as `METHOD /path/{id}`. */
const everyOperation = (Object.values(resources) as ResourceFacts[])
  .flatMap((r) => Object.values(r.operations).map((op) => `${op.method} ${op.path}`))
  .sort();

/** A client of `baseUrl` without retries (each request once), recording every exchange. */
function recordedClient(baseUrl: string): { recorder: ExchangeRecorder; client: KantataClient } {
  const recorder = recordExchanges();
  const client = createKantataClient({
    token: TOKEN,
    baseUrl,
    fetch: recorder.fetch,
    retry: false,
  });
  return { recorder, client };
}

/** The exchanges a call produced that Prism did not accept. */
const flagged = (exchanges: readonly Exchange[]) =>
  exchanges.filter((exchange) => exchange.violations.length > 0 || exchange.status >= 400);

/** Runs a helper call; returns what it sent and its error, if any. */
async function drive(
  recorder: ExchangeRecorder,
  client: KantataClient,
  call: HelperCall,
): Promise<{ sent: Exchange[]; error: unknown; result: unknown }> {
  const from = recorder.exchanges.length;
  let result: unknown;
  const error = await call.run(client).then(
    (value) => {
      result = value;
    },
    (reason: unknown) => reason,
  );
  return { sent: recorder.exchanges.slice(from), error, result };
}

describe('prism mock: every request the helpers send is on-spec', () => {
  let prism: PrismServer | undefined;
  let recorder: ExchangeRecorder;
  let client: KantataClient;
  // Prism answers from the spec's examples whatever the ids: a throwaway fake lends its values.
  const cases = casesOf(world(3));

  beforeAll(async () => {
    prism = await startPrism(['mock', spec, '--errors']);
    ({ recorder, client } = recordedClient(prism.url));
  });

  afterAll(async () => {
    await prism?.close();
  });

  it.each(cases)('%s: every request accepted', async (_name, call) => {
    const { sent } = await drive(recorder, client, call);
    expect(sent.length).toBeGreaterThan(0);
    // Only acceptance is asserted: Prism's example data need not match the ids asked for.
    expect(flagged(sent)).toEqual([]);
  });

  it('sent every operation of the spec', () => {
    const operations = new Set(
      recorder.exchanges.map(
        (e) => `${e.method} ${new URL(e.url).pathname.replace(/\/\d+$/, '/{id}')}`,
      ),
    );
    expect([...operations].sort()).toEqual(everyOperation);
  });

  it('rejects a query the spec forbids (per_page above 200), sent through client.raw', async () => {
    const from = recorder.exchanges.length;
    await client.raw.GET('/organization_memberships', { params: { query: { per_page: 500 } } });
    const [exchange] = recorder.exchanges.slice(from);
    expect(exchange?.status).toBe(422);
    expect(exchange?.violations).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'per_page'] }),
    );
  });

  it('rejects a body without a required field, sent through client.raw', async () => {
    const from = recorder.exchanges.length;
    await client.raw.POST('/organization_memberships', {
      // Deliberately off-spec: geography_id, department_id and member_type are required.
      body: { organization_membership: { member_id: 1 } } as never,
    });
    const [exchange] = recorder.exchanges.slice(from);
    expect(exchange?.status).toBe(422);
    expect(exchange?.violations.map((v) => v.message).join('\n')).toMatch(/geography_id/);
  });
});

describe('prism proxy: the fake answers on-spec to every helper', () => {
  let mock: MockServer | undefined;
  let prism: PrismServer | undefined;
  const fake = world(7);
  const cases = casesOf(fake);
  // The second record of each resource with a delete is the one the calls delete.
  const doomed = (Object.values(resources) as ResourceFacts[])
    .filter((r) => r.operations.delete)
    .map((r) => [r.objectsKey, [...fake.store.table(r.objectsKey).keys()][1]] as const);
  let recorder: ExchangeRecorder;
  let client: KantataClient;

  beforeAll(async () => {
    mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
    prism = await startPrism(['proxy', spec, mock.url, '--errors']);
    ({ recorder, client } = recordedClient(prism.url));
  });

  afterAll(async () => {
    await prism?.close();
    await mock?.close();
  });

  it.each(cases)('%s: accepted, answered on-spec, succeeded', async (_name, call) => {
    const { sent, error, result } = await drive(recorder, client, call);
    expect(sent.length).toBeGreaterThan(0);
    expect(flagged(sent)).toEqual([]);
    // Against the stateful fake the calls are meaningful, so they must also succeed, and a
    // list whose filters were taken from a record must find it.
    expect(error).toBeUndefined();
    if (call.finds !== undefined) {
      const items = (result as { items: { id: string }[] }).items;
      expect(items.map((item) => item.id)).toContain(call.finds);
    }
  });

  it('the writes reached the fake', () => {
    expect(doomed.length).toBeGreaterThan(0);
    for (const [key, id] of doomed) {
      expect(fake.store.table(key).has(id ?? 0), `${key} ${id} deleted`).toBe(false);
    }
  });

  describe('in front of an upstream that breaks the spec', () => {
    let broken: LoopbackServer | undefined;
    let brokenPrism: PrismServer | undefined;

    beforeAll(async () => {
      // An envelope without `results`: the one list field every reader relies on.
      broken = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            count: 0,
            meta: { count: 0, page_count: 0, page_number: 1, page_size: 20 },
            organization_memberships: {},
          }),
        );
      });
      brokenPrism = await startPrism(['proxy', spec, `${broken.origin}/api/v1`, '--errors']);
    });

    afterAll(async () => {
      await brokenPrism?.close();
      await broken?.close();
    });

    it('flags the response as a violation', async () => {
      const broke = recordExchanges();
      const brokenClient = createKantataClient({
        token: TOKEN,
        baseUrl: brokenPrism?.url ?? '',
        fetch: broke.fetch,
        retry: false,
      });
      await expect(brokenClient.organizationMemberships.list()).rejects.toThrow();
      expect(flagged(broke.exchanges)).toHaveLength(1);
      expect(broke.exchanges[0]?.violations).toContainEqual(
        expect.objectContaining({ location: ['response', 'body'], code: 'required' }),
      );
    });
  });
});
