/**
 * How createMany reads back, all from the resource table: which filters, which include, how
 * new objects are told from old ones, and when reading back is impossible.
 */
import { resources } from '@kantata-ox/types/resources';
import { describe, expect, it } from 'vitest';
import { planReadBack } from '../../src/bulk/read-back.js';
import type { KantataUnknownOutcomeError } from '../../src/errors/classes.js';
import {
  bulkCreate,
  envelopeOf,
  groupMembership,
  networkFailure,
  UGM,
} from '../doubles/answers.js';
import { NOW } from '../doubles/clock.js';
import { createObservedClient, createObservedClientOver } from '../doubles/observed.js';
import { shapeOf } from '../doubles/shapes.js';

const OM = resources.organizationMemberships;
const omBody = OM.operations.create.body;

describe('planReadBack', () => {
  it('finds organization memberships by the filters on create fields and created_after', () => {
    const plan = planReadBack(OM, omBody);
    if (typeof plan === 'string') throw new Error(plan);
    expect(plan.keyFilters).toEqual([
      { name: 'department_id', field: 'department_id', op: 'eq' },
      { name: 'geography_id', field: 'geography_id', op: 'eq' },
      { name: 'member_id', field: 'member_id', op: 'eq' },
      { name: 'member_type', field: 'member_type', op: 'eq' },
      { name: 'primary', field: 'primary', op: 'eq' },
    ]);
    expect(plan.createdAfter).toBe('created_after');
    expect(plan.createdField).toBe('created_at');
    // department_id and geography_id are shown only with their include.
    expect(plan.include).toEqual({ name: 'include', values: ['geography', 'department'] });
    expect(plan.perPage).toBe('per_page');
  });

  it('finds user group memberships by user_ids and group_ids, with no time filter', () => {
    const ugm = resources.userGroupMemberships;
    const plan = planReadBack(ugm, ugm.operations.create.body);
    if (typeof plan === 'string') throw new Error(plan);
    expect(plan.keyFilters).toEqual([
      { name: 'user_ids', field: 'user_id', op: 'in' },
      { name: 'group_ids', field: 'workspace_group_id', op: 'in' },
    ]);
    expect(plan.createdAfter).toBeUndefined();
    expect(plan.include).toBeUndefined();
  });

  it('says why a resource cannot be read back', () => {
    expect(planReadBack({ ...OM, timestamps: {} }, omBody)).toMatch(/no creation timestamp/);
    expect(planReadBack(shapeOf(OM, ['create']), omBody)).toMatch(/no list/);
    const filterless = shapeOf(OM, ['list', 'create'], {
      listWithout: Object.keys(OM.operations.list.parameters).filter((name) =>
        Boolean(OM.operations.list.parameters[name as 'member_id'].filter),
      ),
    });
    expect(planReadBack(filterless, omBody)).toMatch(/filters by no create field/);
  });
});

describe('createMany reading back', () => {
  it('leaves a lost answer unknown for a resource that cannot be read back', async () => {
    const noTimestamp = { ...shapeOf(OM, ['list', 'create']), timestamps: {} };
    const { client, fetch } = createObservedClientOver({ memberships: noTimestamp }, () =>
      networkFailure('ECONNRESET'),
    );
    type Untyped = (inputs: unknown[]) => Promise<{ failed: { reason: string; error: Error }[] }>;
    const { createMany } = (client as unknown as { memberships: { createMany: Untyped } })
      .memberships;
    const result = await createMany([
      { member_id: 1, member_type: 'User', department_id: 10, geography_id: 20 },
    ]);
    expect(fetch.calls).toHaveLength(1);
    expect(result.failed[0]?.reason).toBe('unknown');
    const error = result.failed[0]?.error as KantataUnknownOutcomeError;
    expect(String((error.readBackCause as Error).message)).toMatch(/no creation timestamp/);
  });

  it('without a time filter, ignores objects created before the request less the skew', async () => {
    const old = new Date(NOW - 61_000).toISOString();
    const recent = new Date(NOW - 59_000).toISOString();
    const create = bulkCreate(UGM, 'user_group_membership', (id, f) =>
      groupMembership(id, { user_id: f.user_id as number, workspace_group_id: 30 }),
    );
    const { client, fetch } = createObservedClient((request, call) => {
      if (call === 1) return networkFailure('ECONNRESET');
      if (request.method === 'GET') {
        return envelopeOf(UGM, [
          groupMembership(7, { user_id: 1, workspace_group_id: 30, created_at: old }),
          groupMembership(8, { user_id: 2, workspace_group_id: 30, created_at: recent }),
        ]);
      }
      return create(request);
    });
    const result = await client.userGroupMemberships.createMany([
      { user_id: 1, workspace_group_id: 30 },
      { user_id: 2, workspace_group_id: 30 },
    ]);
    expect(result.created.map((c) => [c.index, c.object.id, c.confirmed])).toEqual([
      [0, '1000', false],
      [1, '8', true],
    ]);
    // A probe (whose answer states no time: the client's clock stands in from then on), a
    // read-back, six during the wait for the server timeout, then the absent input sent again.
    expect(fetch.calls.map((c) => c.method)).toEqual([
      'POST',
      ...Array.from({ length: 8 }, () => 'GET'),
      'POST',
    ]);
    expect(fetch.calls[1]?.query.get('per_page')).toBe('1');
    expect(fetch.calls.at(-1)?.body).toEqual({
      user_group_memberships: [{ user_id: 1, workspace_group_id: 30 }],
    });
  });

  it('honours clockSkewMs', async () => {
    const { client, fetch } = createObservedClient((request) =>
      request.method === 'POST' ? networkFailure('ECONNRESET') : envelopeOf(UGM, []),
    );
    await client.organizationMemberships.createMany(
      [{ member_id: 1, member_type: 'User', department_id: 10, geography_id: 20 }],
      { clockSkewMs: 5_000, maxResends: 0 },
    );
    // No answer states the server's time here: the client's clock stands in for it.
    expect(fetch.calls[2]?.query.get('created_after')).toBe(new Date(NOW - 5_000).toISOString());
  });
});
