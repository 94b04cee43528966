/**
 * The shared/exclusive gate that keeps reading back apart from the job's POSTs, and
 * createMany's progress reports.
 */
import { describe, expect, it } from 'vitest';
import { createGate } from '../../src/bulk/exclusive.js';
import type { CreateManyProgress } from '../../src/bulk/types.js';
import { bulkCreate, membership, OM } from '../doubles/answers.js';
import { gate as held, settle } from '../doubles/async.js';
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
      { done: 1, total: 3, created: 0, failed: 1 },
      { done: 3, total: 3, created: 2, failed: 1 },
    ]);
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
    await expect(run).rejects.toBe(boom);
    expect(fetch.calls).toHaveLength(3);
  });
});
