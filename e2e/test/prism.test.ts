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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismServer, startPrism } from '../support/prism.js';
import { type HelperCall, helperCalls, type World } from '../support/prism-calls.js';
import {
  type Exchange,
  type ExchangeRecorder,
  recordExchanges,
} from '../support/prism-exchanges.js';

const spec = createRequire(import.meta.url).resolve('@kantata-ox/types/openapi.json');
const TOKEN = 'prism-contract-token';
const cases = helperCalls.map((call) => [call.name, call] as const);

/** The exchanges a call produced that Prism did not accept. */
const flagged = (exchanges: readonly Exchange[]) =>
  exchanges.filter((exchange) => exchange.violations.length > 0 || exchange.status >= 400);

/** Runs a helper call; returns what it sent and its error, if any. */
async function drive(
  recorder: ExchangeRecorder,
  client: KantataClient,
  call: HelperCall,
  world: World,
): Promise<{ sent: Exchange[]; error: unknown }> {
  const from = recorder.exchanges.length;
  const error = await call.run(client, world).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { sent: recorder.exchanges.slice(from), error };
}

describe('prism mock: every request the helpers send is on-spec', () => {
  let prism: PrismServer | undefined;
  let recorder: ExchangeRecorder;
  let client: KantataClient;
  // Prism answers from the spec's examples whatever the ids, so any ids will do.
  const world: World = {
    departmentId: 2,
    geographyId: 3,
    userIds: [11, 12, 13, 14, 15, 16],
    workspaceGroupIds: [21, 22],
    organizationMembershipId: 901,
    doomedOrganizationMembershipId: 902,
    userGroupMembershipId: 701,
    doomedUserGroupMembershipId: 702,
  };

  beforeAll(async () => {
    prism = await startPrism(['mock', spec, '--errors']);
    recorder = recordExchanges();
    client = createKantataClient({
      token: TOKEN,
      baseUrl: prism.url,
      fetch: recorder.fetch,
      retry: false,
    });
  });

  afterAll(async () => {
    await prism?.close();
  });

  it.each(cases)('%s: every request accepted', async (_name, call) => {
    const { sent } = await drive(recorder, client, call, world);
    expect(sent.length).toBeGreaterThan(0);
    // Only acceptance is asserted: Prism's example data need not match the ids asked for.
    expect(flagged(sent)).toEqual([]);
  });

  it('sent all 8 operations', () => {
    const operations = new Set(
      recorder.exchanges.map(
        (e) => `${e.method} ${new URL(e.url).pathname.replace(/\/\d+$/, '/{id}')}`,
      ),
    );
    expect([...operations].sort()).toEqual([
      'DELETE /organization_memberships/{id}',
      'DELETE /user_group_memberships/{id}',
      'GET /organization_memberships',
      'GET /organization_memberships/{id}',
      'GET /user_group_memberships',
      'POST /organization_memberships',
      'POST /user_group_memberships',
      'PUT /organization_memberships/{id}',
    ]);
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
  let fake: FakeKantata;
  let recorder: ExchangeRecorder;
  let client: KantataClient;
  let world: World;

  beforeAll(async () => {
    fake = createFakeKantata({ seed: 7, token: TOKEN, records: 8 });
    world = worldOf(fake);
    mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
    prism = await startPrism(['proxy', spec, mock.url, '--errors']);
    recorder = recordExchanges();
    client = createKantataClient({
      token: TOKEN,
      baseUrl: prism.url,
      fetch: recorder.fetch,
      retry: false,
    });
  });

  afterAll(async () => {
    await prism?.close();
    await mock?.close();
  });

  it.each(cases)('%s: accepted, answered on-spec, succeeded', async (_name, call) => {
    const { sent, error } = await drive(recorder, client, call, world);
    expect(sent.length).toBeGreaterThan(0);
    expect(flagged(sent)).toEqual([]);
    // Against the stateful fake the calls are meaningful, so they must also succeed.
    expect(error).toBeUndefined();
  });

  it('the writes reached the fake', () => {
    expect(fake.store.organizationMemberships.has(world.doomedOrganizationMembershipId)).toBe(
      false,
    );
    expect(fake.store.userGroupMemberships.has(world.doomedUserGroupMembershipId)).toBe(false);
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

/** Ids from the fake's seeded data; the last users hold no memberships yet, for creates. */
function worldOf(fake: FakeKantata): World {
  const store = fake.store;
  const organizations = [...store.organizations.values()];
  const department = organizations.find((o) => o.type === 'Department');
  const geography = organizations.find((o) => o.type === 'Geography');
  const memberships = [...store.organizationMemberships.keys()];
  const groupMemberships = [...store.userGroupMemberships.keys()];
  const [om, doomedOm] = memberships;
  const [ugm, doomedUgm] = groupMemberships;
  if (!department || !geography || !om || !doomedOm || !ugm || !doomedUgm) {
    throw new Error('the fake was seeded with too little data');
  }
  return {
    departmentId: Number(department.id),
    geographyId: Number(geography.id),
    userIds: [...store.users.keys()].map(Number),
    workspaceGroupIds: [...store.workspaceGroups.keys()].map(Number),
    organizationMembershipId: om,
    doomedOrganizationMembershipId: doomedOm,
    userGroupMembershipId: ugm,
    doomedUserGroupMembershipId: doomedUgm,
  };
}
