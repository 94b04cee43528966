/**
 * `createMany`: chunks of the spec's bulk limit, bounded concurrency, and exactly one outcome
 * per input (created, or failed with its reason), without sending anything twice.
 */
import { describe, expect, it } from 'vitest';
import {
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNotSentError,
  KantataResponseError,
  KantataUnknownOutcomeError,
} from '../../src/errors/classes.js';
import {
  apiErrors,
  bulkCreate,
  envelopeOf,
  groupMembership,
  json,
  membership,
  OM,
  UGM,
} from '../doubles/answers.js';
import { gate, rejection, settle } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

type OmFields = {
  geography_id: number;
  department_id: number;
  member_id: number;
  member_type: 'User' | 'Workspace';
};

function omInputs(n: number): OmFields[] {
  return Array.from({ length: n }, (_, i) => ({
    geography_id: 1,
    department_id: 2,
    member_id: i + 1,
    member_type: 'User',
  }));
}

const createOms = bulkCreate(OM, 'organization_membership', (id, f) =>
  membership(id, { member_id: String(f.member_id) }),
);

/** Every index from 0 to n-1 exactly once across created and failed. */
function indices(result: { created: { index: number }[]; failed: { index: number }[] }) {
  return [...result.created, ...result.failed].map((r) => r.index).sort((a, b) => a - b);
}

describe('createMany', () => {
  it('splits 250 inputs into chunks of 100, 100 and 50 under the bulk key', async () => {
    const { client, fetch } = createObservedClient(createOms);
    await client.organizationMemberships.createMany(omInputs(250));
    expect(fetch.calls).toHaveLength(3);
    expect(
      fetch.calls.every((c) => c.method === 'POST' && c.path === '/organization_memberships'),
    ).toBe(true);
    const chunks = fetch.calls.map(
      (c) => (c.body as { organization_memberships: OmFields[] }).organization_memberships,
    );
    expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    expect(chunks.flat().map((f) => f.member_id)).toEqual(omInputs(250).map((f) => f.member_id));
  });

  it('reports each created object with the index of its input, in input order', async () => {
    const { client } = createObservedClient(createOms);
    const result = await client.organizationMemberships.createMany(omInputs(250));
    expect(result.failed).toEqual([]);
    expect(result.created).toHaveLength(250);
    result.created.forEach((created, i) => {
      expect(created.index).toBe(i);
      expect(created.object.member_id).toBe(String(i + 1));
    });
  });

  it('sends user group memberships under their bulk key', async () => {
    const { client, fetch } = createObservedClient(
      bulkCreate(UGM, 'user_group_membership', (id, f) =>
        groupMembership(id, { user_id: f.user_id as number }),
      ),
    );
    const inputs = [
      { user_id: 1, workspace_group_id: 9 },
      { user_id: 2, workspace_group_id: 9 },
    ];
    const result = await client.userGroupMemberships.createMany(inputs);
    expect(fetch.calls[0]?.body).toEqual({ user_group_memberships: inputs });
    expect(result.created.map((c) => c.object.user_id)).toEqual([1, 2]);
  });

  it('sends nothing for no inputs', async () => {
    const { client, fetch } = createObservedClient(createOms);
    expect(await client.organizationMemberships.createMany([])).toEqual({
      created: [],
      failed: [],
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it('fails a chunk refused with 403 as rejected, with the API error, and keeps the others', async () => {
    const { client, fetch } = createObservedClient((request, call) =>
      call === 2
        ? apiErrors(403, [{ type: 'system', message: 'You must be an account administrator' }])
        : createOms(request),
    );
    const inputs = omInputs(250);
    const result = await client.organizationMemberships.createMany(inputs);
    expect(result.created.map((c) => c.index)).toEqual([
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 50 }, (_, i) => 200 + i),
    ]);
    expect(result.created.every((c) => c.confirmed === false)).toBe(true);
    expect(result.failed.map((f) => f.index)).toEqual(
      Array.from({ length: 100 }, (_, i) => 100 + i),
    );
    const [first] = result.failed;
    expect(first?.reason).toBe('rejected');
    expect(first?.input).toBe(inputs[100]);
    expect(first?.error).toBeInstanceOf(KantataApiError);
    expect(first?.error).toMatchObject({ status: 403 });
    // Nothing was read back: a refusal for a stated reason created nothing.
    expect(fetch.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']);
    expect(indices(result)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('without reading back, leaves the inputs of a chunk answered with too few objects unknown', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(1)]));
    const result = await client.organizationMemberships.createMany(omInputs(3), {
      readBack: false,
    });
    expect(result.created).toEqual([]);
    expect(result.failed.map((f) => [f.index, f.reason])).toEqual([
      [0, 'unknown'],
      [1, 'unknown'],
      [2, 'unknown'],
    ]);
    const error = result.failed[0]?.error;
    expect(error).toBeInstanceOf(KantataUnknownOutcomeError);
    expect(error?.message).toMatch(/answered with 1 objects/);
    expect((error as KantataUnknownOutcomeError).readBackCause).toBeInstanceOf(KantataError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('leaves the inputs unknown when the body is unusable and reading back fails too', async () => {
    const { client } = createObservedClient(() => json({ count: 1 }));
    const result = await client.organizationMemberships.createMany(omInputs(2));
    expect(result.failed.map((f) => f.reason)).toEqual(['unknown', 'unknown']);
    expect(result.failed.map((f) => f.error.message)).toEqual([
      expect.stringMatching(/no `results` array.*reading back did not decide.*no `results` array/),
      expect.stringMatching(/no `results` array/),
    ]);
    const error = result.failed[0]?.error as KantataUnknownOutcomeError;
    expect(error.cause).toBeInstanceOf(KantataResponseError);
    expect(error.readBackCause).toBeInstanceOf(KantataResponseError);
  });

  it('never sends a chunk again when it cannot read back (a 503 leaves it unknown)', async () => {
    const { client, fetch } = createObservedClient((request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : createOms(request),
    );
    const result = await client.organizationMemberships.createMany(omInputs(150), {
      readBack: false,
    });
    expect(fetch.calls).toHaveLength(2);
    expect(result.failed.map((f) => f.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(result.failed.every((f) => f.reason === 'unknown')).toBe(true);
    expect(result.created.map((c) => c.index)[0]).toBe(100);
  });

  it('retries a chunk answered with 429 and creates it once', async () => {
    const { client, fetch, clock } = createObservedClient((request, call) =>
      call === 1 ? json({ errors: [] }, 429, { 'retry-after': '1' }) : createOms(request),
    );
    const result = await client.organizationMemberships.createMany(omInputs(10));
    expect(fetch.calls).toHaveLength(2);
    expect(clock.sleeps).toContain(1000);
    expect(result.created).toHaveLength(10);
    expect(result.failed).toEqual([]);
  });

  it('keeps one chunk in flight by default', async () => {
    const held = gate();
    const { client, fetch } = createObservedClient(async (request) => {
      await held.promise;
      return createOms(request);
    });
    const run = client.organizationMemberships.createMany(omInputs(500));
    await settle();
    expect(fetch.inFlight).toBe(1);
    held.open();
    await run;
    expect(fetch.maxInFlight).toBe(1);
    expect(fetch.calls).toHaveLength(5);
  });

  it('keeps up to concurrency chunks in flight', async () => {
    const held = gate();
    const { client, fetch } = createObservedClient(async (request) => {
      await held.promise;
      return createOms(request);
    });
    const run = client.organizationMemberships.createMany(omInputs(1000), { concurrency: 4 });
    await settle();
    expect(fetch.inFlight).toBe(4);
    held.open();
    const result = await run;
    expect(fetch.maxInFlight).toBe(4);
    expect(fetch.calls).toHaveLength(10);
    expect(indices(result)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('keeps input order in created when chunks finish out of order', async () => {
    const { client } = createObservedClient(async (request, call) => {
      // The first chunk answers last.
      if (call === 1) await settle(5);
      return createOms(request);
    });
    const result = await client.organizationMemberships.createMany(omInputs(300), {
      concurrency: 3,
    });
    expect(result.created.map((c) => c.index)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(result.created[0]?.object.member_id).toBe('1');
  });

  it('refuses an invalid input before any request', async () => {
    const { client, fetch } = createObservedClient(createOms);
    const inputs: unknown[] = omInputs(150);
    inputs[120] = { geography_id: 1, department_id: 2, member_type: 'User' };
    const error = await rejection(client.organizationMemberships.createMany(inputs as OmFields[]));
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe('inputs[120]');
    expect((error as Error).message).toMatch(/member_id/);
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses a hole in the inputs before any request', async () => {
    const { client, fetch } = createObservedClient(createOms);
    const inputs = omInputs(3);
    delete inputs[1];
    const error = await rejection(client.organizationMemberships.createMany(inputs));
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe('inputs[1]');
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([
    ['concurrency', { concurrency: 0 }],
    ['concurrency', { concurrency: -1 }],
    ['concurrency', { concurrency: 1.5 }],
    ['concurrency', { concurrency: 65 }],
    ['maxResends', { maxResends: -1 }],
    ['maxResends', { maxResends: 11 }],
    ['serverTimeoutMs', { serverTimeoutMs: Number.NaN }],
    ['clockSkewMs', { clockSkewMs: -5 }],
    ['readBack', { readBack: 'yes' }],
    ['onProgress', { onProgress: 'log' }],
  ])('refuses a bad %s (%o) before any request', async (field, options) => {
    const { client, fetch } = createObservedClient(createOms);
    const error = await rejection(
      client.organizationMemberships.createMany(omInputs(1), options as never),
    );
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe(field);
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses something that is not an array', async () => {
    const { client, fetch } = createObservedClient(createOms);
    const createMany = client.organizationMemberships.createMany as (x: unknown) => unknown;
    expect(await rejection(Promise.resolve().then(() => createMany({ length: 1 })))).toBeInstanceOf(
      KantataInputError,
    );
    expect(fetch.calls).toHaveLength(0);
  });

  it('stops sending chunks when aborted mid-way: the chunk in flight unknown, the rest not sent', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { client, fetch } = createObservedClient((request, call) => {
      if (call === 2) controller.abort(reason);
      return createOms(request);
    });
    const result = await client.organizationMemberships.createMany(omInputs(400), {
      signal: controller.signal,
    });
    expect(fetch.calls).toHaveLength(2);
    expect(result.created.map((c) => c.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(result.failed).toHaveLength(300);
    const unknown = result.failed.filter((f) => f.reason === 'unknown');
    expect(unknown.map((f) => f.index)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    expect(unknown.every((f) => f.error.cause === reason)).toBe(true);
    const notSent = result.failed.filter((f) => f.reason === 'not_sent');
    expect(notSent.map((f) => f.index)).toEqual(Array.from({ length: 200 }, (_, i) => 200 + i));
    expect(notSent.every((f) => f.error instanceof KantataNotSentError)).toBe(true);
    expect(notSent.every((f) => f.error.cause === reason)).toBe(true);
    expect(indices(result)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });

  it('sends nothing when the signal has already aborted', async () => {
    const { client, fetch } = createObservedClient(createOms);
    const result = await client.organizationMemberships.createMany(omInputs(150), {
      signal: AbortSignal.abort(),
    });
    expect(fetch.calls).toHaveLength(0);
    expect(result.failed).toHaveLength(150);
    expect(result.failed.every((f) => f.reason === 'not_sent')).toBe(true);
    expect(result.failed[0]?.error.cause).toMatchObject({ name: 'AbortError' });
  });

  it('counts a middleware that throws undefined as a failed request, never as created', async () => {
    const { client } = createObservedClient(createOms);
    client.use({
      onRequest: () => {
        throw undefined;
      },
    });
    const result = await client.organizationMemberships.createMany(omInputs(2), {
      readBack: false,
    });
    expect(result.created).toEqual([]);
    expect(result.failed.map((f) => f.reason)).toEqual(['unknown', 'unknown']);
    expect(result.failed[0]?.error.message).toMatch(/threw undefined/);
  });
});
