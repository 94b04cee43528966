/**
 * The shared/exclusive gate that keeps reading back apart from the job's POSTs, and
 * createMany's progress reports.
 */
import { describe, expect, it } from 'vitest';
import { createGate } from '../../src/bulk/gate.js';
import type { CreateManyProgress } from '../../src/bulk/types.js';
import { KantataProgressError } from '../../src/errors/classes.js';
import { bulkCreate, membership, networkFailure, OM } from '../doubles/answers.js';
import { gate as held, settle } from '../doubles/async.js';
import { NOW, testClock } from '../doubles/clock.js';
import { fakeApi, PEOPLE } from '../doubles/fake-api.js';
import { createObservedClient } from '../doubles/observed.js';

describe('createGate', () => {
  it('runs shared work together, and exclusive work alone once the shared work is done', async () => {
    const gate = createGate();
    const log: string[] = [];
    const a = held();
    const b = held();
    const first = gate.shared(async () => {
      log.push('a start');
      await a.promise;
      log.push('a end');
    });
    const second = gate.shared(async () => {
      log.push('b start');
      await b.promise;
      log.push('b end');
    });
    const alone = gate.exclusive(async () => {
      log.push('x');
    });
    // Queued behind the exclusive run: it does not starve.
    const late = gate.shared(async () => {
      log.push('c');
    });
    await settle();
    expect(log).toEqual(['a start', 'b start']);
    a.open();
    await settle();
    expect(log).toEqual(['a start', 'b start', 'a end']);
    b.open();
    await Promise.all([first, second, alone, late]);
    expect(log).toEqual(['a start', 'b start', 'a end', 'b end', 'x', 'c']);
  });

  it('passes on results and errors, and frees the gate after an error', async () => {
    const gate = createGate();
    await expect(gate.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(gate.shared(async () => 7)).resolves.toBe(7);
    await expect(gate.exclusive(async () => 8)).resolves.toBe(8);
  });
});

const om = (member: number, department = 10) => ({
  member_id: member,
  member_type: 'User' as const,
  department_id: department,
  geography_id: 20,
});

describe('createMany progress', () => {
  it('reports after each step, ending with every input done', async () => {
    const api = fakeApi({ data: PEOPLE });
    const { client } = createObservedClient(api.answer);
    const seen: CreateManyProgress[] = [];
    const inputs = [om(1), om(2, 99), om(3)];
    await client.organizationMemberships.createMany(inputs, { onProgress: (p) => seen.push(p) });
    // The culprit first, then the two others once sent again.
    expect(seen).toEqual([
      { done: 1, total: 3, created: 0, failed: 1, waiting: 0, nextCheckAt: undefined },
      { done: 3, total: 3, created: 2, failed: 1, waiting: 0, nextCheckAt: undefined },
    ]);
  });

  it('reports the inputs waiting out a lost answer, and when each read-back is', async () => {
    // The connection drops before the fake sees the request: nothing is found until resent.
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    const { client } = createObservedClient(api.answer, { clock: testClock({ stepping: true }) });
    const seen: CreateManyProgress[] = [];
    await client.organizationMemberships.createMany([om(1), om(2)], {
      onProgress: (p) => seen.push(p),
    });
    const waits = seen.filter((p) => p.waiting > 0);
    expect(waits.map((p) => [p.waiting, (p.nextCheckAt ?? 0) - NOW])).toEqual([
      [2, 5_000],
      [2, 15_000],
      [2, 35_000],
      [2, 75_000],
      [2, 155_000],
      [2, 180_000],
    ]);
    expect(seen.at(-1)).toEqual({
      done: 2,
      total: 2,
      created: 2,
      failed: 0,
      waiting: 0,
      nextCheckAt: undefined,
    });
  });

  it('confirms at once an object that appears during the wait, and sends nothing again', async () => {
    const api = fakeApi({ data: PEOPLE, fates: { 1: () => networkFailure('ECONNRESET') } });
    let lateCreated = false;
    const clock = testClock({ stepping: true });
    const { client, fetch } = createObservedClient(
      async (request, call) => {
        // 20 s after the failure, the request the client gave up on is processed after all.
        if (!lateCreated && clock.now() - NOW >= 20_000) {
          lateCreated = true;
          await api.fake.fetch('/organization_memberships', {
            method: 'POST',
            headers: {
              authorization: `Bearer ${api.fake.token}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ organization_memberships: [om(1)] }),
          });
        }
        return api.answer(request, call);
      },
      { clock },
    );
    const seen: CreateManyProgress[] = [];
    const result = await client.organizationMemberships.createMany([om(1)], {
      onProgress: (p) => seen.push(p),
    });
    expect(result.created.map((c) => c.confirmed)).toEqual([true]);
    expect(fetch.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    // Found at the read-back 35 s after the failure, not after the whole 180 s.
    expect(clock.now() - NOW).toBe(35_000);
    expect(api.fake.store.organizationMemberships.size).toBe(1);
  });

  it('counts chunk by chunk', async () => {
    const { client } = createObservedClient(
      bulkCreate(OM, 'organization_membership', (id) => membership(id)),
    );
    const seen: number[] = [];
    const inputs = Array.from({ length: 250 }, (_, i) => om(i + 1));
    await client.organizationMemberships.createMany(inputs, {
      onProgress: (p) => seen.push(p.done),
    });
    expect(seen).toEqual([100, 200, 250]);
  });

  it('settles every input before throwing what onProgress threw', async () => {
    const { client, fetch } = createObservedClient(
      bulkCreate(OM, 'organization_membership', (id) => membership(id)),
    );
    const boom = new Error('progress bar broke');
    const inputs = Array.from({ length: 250 }, (_, i) => om(i + 1));
    const run = client.organizationMemberships.createMany(inputs, {
      onProgress: () => {
        throw boom;
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KantataProgressError);
    expect((error as KantataProgressError).cause).toBe(boom);
    // The job's result rides on the error: every input, as the call would have returned it.
    const { result } = error as KantataProgressError;
    expect(result.created.map((c) => c.index)).toEqual(inputs.map((_, i) => i));
    expect(result.failed).toEqual([]);
    expect(fetch.calls).toHaveLength(3);
  });

  it('carries the result even when onProgress throws undefined', async () => {
    const { client } = createObservedClient(
      bulkCreate(OM, 'organization_membership', (id) => membership(id)),
    );
    const run = client.organizationMemberships.createMany([om(1)], {
      onProgress: () => {
        throw undefined;
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KantataProgressError);
    expect((error as KantataProgressError).result.created).toHaveLength(1);
  });
});
