/**
 * Exactly-once without trusting clocks: a read-back is bounded by the server's own time (the
 * `Date` of its answers), so it finds what a lost or refused request created whatever the
 * client's clock says. First with every default (the fake's clock in 2024, the client's real
 * clock today), then with the client's clock an hour either side of the server's.
 */
import { type BulkMode, createFakeKantata, teamData } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { createServerTime, serverTimeAtSend } from '../../src/transport/server-time.js';
import { NOW, testClock } from '../doubles/clock.js';
import { fakeApi, PEOPLE } from '../doubles/fake-api.js';
import { createObservedClient } from '../doubles/observed.js';

const om = (member: number, department = 10) => ({
  member_id: member,
  member_type: 'User' as const,
  department_id: department,
  geography_id: 20,
});
const HOUR = 3_600_000;
/** PEOPLE with 250 users, for one membership each. */
const CROWD = teamData({ users: 250, geographies: 1, workspaceGroups: 1 });

describe.each<BulkMode>(['atomic', 'partial'])(
  'read-back on defaults (%s bulk mode)',
  (bulkMode) => {
    it('a processed chunk of a 250-row job whose answer was lost is stored once', async () => {
      // The fake loses the answer of the first chunk after storing it.
      const fake = createFakeKantata({
        data: CROWD,
        bulkMode,
        faults: { nth: [1], kinds: ['lose'] },
      });
      const kantata = createKantataClient({ token: fake.token, fetch: fake.fetch });
      const inputs = Array.from({ length: 250 }, (_, i) => om(i + 1, i % 2 ? 10 : 11));
      const result = await kantata.organizationMemberships.createMany(inputs);
      expect(result.failed).toEqual([]);
      expect(result.created.filter((c) => c.confirmed)).toHaveLength(100);
      expect(fake.store.organizationMemberships.size).toBe(250);
    });

    it('one good and one bad row: one row stored, one created, one invalid', async () => {
      const fake = createFakeKantata({ data: PEOPLE, bulkMode });
      const kantata = createKantataClient({ token: fake.token, fetch: fake.fetch });
      const result = await kantata.organizationMemberships.createMany([om(1), om(2, 99)]);
      expect(result.created.map((c) => c.index)).toEqual([0]);
      expect(result.failed.map((f) => [f.index, f.reason])).toEqual([[1, 'invalid']]);
      expect(fake.store.organizationMemberships.size).toBe(1);
    });
  },
);

describe.each([
  ['an hour ahead of', HOUR],
  ['an hour behind', -HOUR],
])("read-back with the client's clock %s the server's", (_, offset) => {
  it.each<BulkMode>(['atomic', 'partial'])('finds a lost answer at once (%s)', async (bulkMode) => {
    // The server's clock reads NOW; the client's NOW ± 1 h.
    const api = fakeApi({
      data: PEOPLE,
      bulkMode,
      clockStart: new Date(NOW).toISOString(),
      lose: [2],
    });
    const clock = testClock({ now: NOW + offset, stepping: true });
    const { client, fetch } = createObservedClient(api.answer, { clock });
    const result = await client.organizationMemberships.createMany(
      Array.from({ length: 150 }, (_, i) => om((i % 9) + 1)),
    );
    expect(result.failed).toEqual([]);
    expect(result.created.filter((c) => c.confirmed)).toHaveLength(50);
    expect(api.fake.store.organizationMemberships.size).toBe(150);
    // No wait, and nothing sent again.
    expect(clock.sleeps).toEqual([]);
    expect(fetch.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    // Bounded by the answer before the lost request: the server's time then, less 60 s.
    const readBack = fetch.calls.find((c) => c.method === 'GET');
    expect(readBack?.query.get('created_after')).toBe(new Date(NOW + 1_000 - 60_000).toISOString());
  });
});

describe('the server time a request was sent at', () => {
  it('is the latest Date seen before it, when there was one', () => {
    const time = createServerTime();
    time.saw('Mon, 01 Jan 2024 00:00:05 GMT', NOW);
    time.saw('Mon, 01 Jan 2024 00:00:03 GMT', NOW + 10); // overtaken: never moves it back
    const before = time.latest();
    expect(before?.server).toBe(Date.UTC(2024, 0, 1, 0, 0, 5));
    time.saw('Mon, 01 Jan 2024 00:01:00 GMT', NOW + 60_000);
    expect(serverTimeAtSend({ local: NOW + 20, before }, time.first())).toBe(
      Date.UTC(2024, 0, 1, 0, 0, 5),
    );
  });

  it('without one, is the first Date since less the time that passed since sending', () => {
    const time = createServerTime();
    expect(time.answered()).toBe(false);
    time.saw(null, NOW);
    expect(time.answered()).toBe(true);
    expect(serverTimeAtSend({ local: NOW, before: undefined }, time.first())).toBeUndefined();
    time.saw('Mon, 01 Jan 2024 00:00:10 GMT', NOW + 4_000);
    time.saw('Mon, 01 Jan 2024 00:09:00 GMT', NOW + 5_000);
    expect(serverTimeAtSend({ local: NOW, before: undefined }, time.first())).toBe(
      Date.UTC(2024, 0, 1, 0, 0, 6),
    );
  });

  it('ignores what is not an HTTP-date', () => {
    const time = createServerTime();
    for (const bad of ['', 'yesterday', '1', '2024-01-01T00:00:00Z']) time.saw(bad, NOW);
    expect(time.first()).toBeUndefined();
    expect(time.answered()).toBe(true);
  });
});
