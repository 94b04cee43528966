/**
 * createMany after a lost answer: the inputs are read back, found ones are created
 * (confirmed), and the rest are sent again only once the server can no longer be working on
 * the request; never when reading back is impossible.
 */
import { describe, expect, it } from 'vitest';
import {
  KantataNetworkError,
  KantataNotSentError,
  KantataUnknownOutcomeError,
} from '../../src/errors/classes.js';
import { apiErrors, envelopeOf, json, membership, networkFailure, OM } from '../doubles/answers.js';
import { testClock } from '../doubles/clock.js';
import { fakeApi, PEOPLE } from '../doubles/fake-api.js';
import { createObservedClient } from '../doubles/observed.js';

const om = (member: number) => ({
  member_id: member,
  member_type: 'User' as const,
  department_id: 10,
  geography_id: 20,
});
const inputs = [1, 2, 3].map(om);
const methods = (calls: { method: string }[]) => calls.map((c) => c.method);
/** The sleeps of one wait for the server timeout (180 s): a read-back after each. */
const RECHECKS = [5_000, 10_000, 20_000, 40_000, 80_000, 25_000];
/** The one-object list that learns the server's time when no answer stated it yet. */
const isProbe = (call: { method: string; query: URLSearchParams }) =>
  call.method === 'GET' && call.query.get('per_page') === '1';

describe('createMany after a lost answer', () => {
  it('confirms what the server created by reading back, and sends nothing again', async () => {
    const api = fakeApi({ data: PEOPLE, lose: [1] });
    const { client, fetch, clock } = createObservedClient(api.answer);
    const result = await client.organizationMemberships.createMany(inputs);
    expect(result.failed).toEqual([]);
    expect(result.created.map((c) => [c.index, c.object.member_id, c.confirmed])).toEqual([
      [0, '1', true],
      [1, '2', true],
      [2, '3', true],
    ]);
    // Found at once: no wait for the server's timeout. No answer had told the server's time
    // yet, so one list of one object learns it before reading back.
    expect(methods(fetch.calls)).toEqual(['POST', 'GET', 'GET']);
    expect(isProbe(fetch.calls[1] as (typeof fetch.calls)[number])).toBe(true);
    expect(clock.sleeps).toEqual([]);
    expect(api.fake.store.organizationMemberships.size).toBe(3);
  });

  it('sends again what is absent only after the server timeout, read back once more', async () => {
    // The connection drops before the fake sees the request: nothing was created.
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    const { client, fetch, clock } = createObservedClient(api.answer, {
      clock: testClock({ stepping: true }),
    });
    const result = await client.organizationMemberships.createMany(inputs);
    // Probe, read back, then read back after each recheck of the 180 s wait; then sent again.
    expect(methods(fetch.calls)).toEqual([
      'POST',
      'GET',
      'GET',
      ...RECHECKS.map(() => 'GET'),
      'POST',
    ]);
    expect(clock.sleeps).toEqual(RECHECKS);
    expect(result.created.map((c) => [c.index, c.confirmed])).toEqual([
      [0, false],
      [1, false],
      [2, false],
    ]);
    expect(api.fake.store.organizationMemberships.size).toBe(3);
  });

  it('waits serverTimeoutMs when given', async () => {
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    const { client, clock } = createObservedClient(api.answer);
    await client.organizationMemberships.createMany(inputs, { serverTimeoutMs: 2_500 });
    expect(clock.sleeps).toEqual([2_500]);
  });

  it('reads back after a 503 and after a 2xx with too few objects', async () => {
    for (const wrong of [
      () => apiErrors(503, [{ type: 'system', message: 'busy' }]),
      () => envelopeOf(OM, [membership(1)]),
    ]) {
      const api = fakeApi({ data: PEOPLE, fates: { 1: wrong } });
      const { client, fetch } = createObservedClient(api.answer);
      const result = await client.organizationMemberships.createMany(inputs);
      const readBacks = fetch.calls.filter((c) => c.method === 'GET' && !isProbe(c));
      expect(readBacks).toHaveLength(1 + RECHECKS.length);
      expect(methods(fetch.calls).at(-1)).toBe('POST');
      expect(result.created).toHaveLength(3);
    }
  });

  it('creates what was half created once: found ones confirmed, the rest sent again', async () => {
    const api = fakeApi({ data: PEOPLE, lose: [1] });
    const { client, fetch } = createObservedClient(async (request, call) => {
      // The first request creates users 1 and 3 only, and its answer is lost.
      if (call === 1) {
        const body = request.body as { organization_memberships: unknown[] };
        const half = {
          organization_memberships: [
            body.organization_memberships[0],
            body.organization_memberships[2],
          ],
        };
        await Promise.resolve(api.answer({ ...request, text: JSON.stringify(half) }, call)).catch(
          () => undefined,
        );
        networkFailure('ECONNRESET');
      }
      return api.answer(request, call);
    });
    const result = await client.organizationMemberships.createMany(inputs);
    expect(result.created.map((c) => [c.index, c.object.member_id, c.confirmed])).toEqual([
      [0, '1', true],
      [1, '2', false],
      [2, '3', true],
    ]);
    const resent = fetch.calls.filter((c) => c.method === 'POST')[1]?.body;
    expect(resent).toEqual({ organization_memberships: [om(2)] });
    expect(api.fake.store.organizationMemberships.size).toBe(3);
  });

  it('ties duplicate inputs one to one to the objects found', async () => {
    const api = fakeApi({ data: PEOPLE, lose: [1] });
    const { client } = createObservedClient(api.answer);
    const result = await client.organizationMemberships.createMany([om(1), om(1), om(2)]);
    const ids = result.created.map((c) => c.object.id);
    expect(new Set(ids).size).toBe(3);
    expect(result.created.every((c) => c.confirmed)).toBe(true);
    expect(api.fake.store.organizationMemberships.size).toBe(3);
  });

  it('never ties an object another request of the job was answered with', async () => {
    // Two chunks of the same input: the first answered, the second lost before the fake.
    const api = fakeApi({ data: PEOPLE, fates: { 2: () => networkFailure('ECONNRESET') } });
    const { client } = createObservedClient(api.answer);
    const same = Array.from({ length: 101 }, () => om(1));
    const result = await client.organizationMemberships.createMany(same);
    expect(result.failed).toEqual([]);
    expect(new Set(result.created.map((c) => c.object.id)).size).toBe(101);
    expect(result.created[100]?.confirmed).toBe(false);
    expect(api.fake.store.organizationMemberships.size).toBe(101);
  });

  it('gives up after maxResends lost answers: what is surely absent is not_sent', async () => {
    const drop = () => networkFailure('ECONNRESET');
    const api = fakeApi({ data: PEOPLE, fates: { 1: drop, 2: drop } });
    const { client, fetch } = createObservedClient(api.answer);
    const result = await client.organizationMemberships.createMany(inputs, { maxResends: 1 });
    expect(methods(fetch.calls).filter((m) => m === 'POST')).toHaveLength(2);
    expect(result.failed.map((f) => f.reason)).toEqual(['not_sent', 'not_sent', 'not_sent']);
    const error = result.failed[0]?.error;
    expect(error).toBeInstanceOf(KantataNotSentError);
    expect(error?.message).toMatch(/2 answers were lost/);
    expect(error?.cause).toBeInstanceOf(KantataNetworkError);
  });

  it('leaves inputs unknown when reading back fails, and sends nothing again', async () => {
    const { client, fetch } = createObservedClient((request) =>
      request.method === 'POST' ? networkFailure('ECONNRESET') : json({ errors: [] }, 500),
    );
    const result = await client.organizationMemberships.createMany(inputs);
    expect(methods(fetch.calls).filter((m) => m === 'POST')).toHaveLength(1);
    expect(result.failed.map((f) => f.reason)).toEqual(['unknown', 'unknown', 'unknown']);
    const error = result.failed[0]?.error as KantataUnknownOutcomeError;
    expect(error).toBeInstanceOf(KantataUnknownOutcomeError);
    expect(error.cause).toBeInstanceOf(KantataNetworkError);
    expect(error.readBackCause).toMatchObject({ status: 500 });
  });

  it('leaves inputs unknown when aborted while waiting for the server timeout', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    const { client, fetch } = createObservedClient(api.answer, {
      clock: {
        now: () => 0,
        sleep: () => {
          controller.abort(reason);
          return Promise.reject(reason);
        },
      },
    });
    const result = await client.organizationMemberships.createMany(inputs, {
      signal: controller.signal,
    });
    expect(methods(fetch.calls)).toEqual(['POST', 'GET', 'GET']);
    expect(result.failed.map((f) => f.reason)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(result.failed[0]?.error).toMatchObject({ readBackCause: reason });
  });

  it('sends nothing that waited for a read-back when the job was aborted meanwhile', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    const { client, fetch } = createObservedClient((request, call) => {
      // The read-back of the first chunk runs while the third waits for it at the gate.
      if (request.method === 'GET') controller.abort(reason);
      return api.answer(request, call);
    });
    const many = Array.from({ length: 201 }, (_, i) => om((i % 9) + 1));
    const result = await client.organizationMemberships.createMany(many, {
      concurrency: 2,
      signal: controller.signal,
    });
    expect(methods(fetch.calls)).toEqual(['POST', 'POST', 'GET']);
    const reasons = (from: number, to: number) =>
      new Set(result.failed.filter((f) => f.index >= from && f.index < to).map((f) => f.reason));
    expect(reasons(0, 100)).toEqual(new Set(['unknown']));
    expect(result.created.map((c) => c.index)).toEqual(
      Array.from({ length: 100 }, (_, i) => 100 + i),
    );
    expect(reasons(200, 201)).toEqual(new Set(['not_sent']));
  });
});

describe('createMany, a read-back slower than the server timeout', () => {
  it('reads back once more, started after the timeout, before sending anything again', async () => {
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    let now = 0;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
    let reads = 0;
    const { client, fetch } = createObservedClient(
      async (request, call) => {
        const answer = await api.answer(request, call);
        if (request.method === 'GET' && request.query.get('per_page') !== '1' && ++reads === 1) {
          // The first read-back lists nothing and takes 200 s; meanwhile the server finishes
          // the request whose answer was lost.
          await api.fake.fetch('/organization_memberships', {
            method: 'POST',
            headers: {
              authorization: `Bearer ${api.fake.token}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ organization_memberships: inputs }),
          });
          now += 200_000;
        }
        return answer;
      },
      { clock },
    );
    const result = await client.organizationMemberships.createMany(inputs);
    expect(result.created.map((c) => c.confirmed)).toEqual([true, true, true]);
    expect(fetch.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(api.fake.store.organizationMemberships.size).toBe(3);
  });
});
