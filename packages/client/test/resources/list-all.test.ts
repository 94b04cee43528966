/** `listAll`: every page in order, one page in memory at a time, stopping when asked. */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/core/errors.js';
import { envelopeOf, groupMembership, membership, OM, pagedList, UGM } from '../doubles/answers.js';
import { gate, rejection, settle } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

const memberships = (total: number) => pagedList(OM, total, (id) => membership(id));

describe('listAll', () => {
  it('fetches every page until page_count, in order', async () => {
    const { client, fetch } = createObservedClient(memberships(450));
    const items = await collect(client.organizationMemberships.listAll());
    expect(items).toHaveLength(450);
    expect(items.map((item) => Number(item.id))).toEqual(
      Array.from({ length: 450 }, (_, i) => i + 1),
    );
    expect(fetch.calls.map((c) => c.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('asks for the maximum page size, 200, by default', async () => {
    const { client, fetch } = createObservedClient(memberships(5));
    await collect(client.organizationMemberships.listAll());
    expect(fetch.calls[0]?.query.get('per_page')).toBe('200');
  });

  it('uses pageSize as per_page', async () => {
    const { client, fetch } = createObservedClient(pagedList(UGM, 25, (id) => groupMembership(id)));
    const items = await collect(client.userGroupMemberships.listAll({}, { pageSize: 10 }));
    expect(items).toHaveLength(25);
    expect(fetch.calls.map((c) => c.rawQuery)).toEqual([
      'page=1&per_page=10',
      'page=2&per_page=10',
      'page=3&per_page=10',
    ]);
  });

  it('keeps the filters and includes on every page', async () => {
    const { client, fetch } = createObservedClient(memberships(3));
    await collect(
      client.organizationMemberships.listAll(
        { member_type: 'Workspace', include: ['department'] },
        { pageSize: 2 },
      ),
    );
    expect(fetch.calls.map((c) => c.rawQuery)).toEqual([
      'member_type=Workspace&include=department&page=1&per_page=2',
      'member_type=Workspace&include=department&page=2&per_page=2',
    ]);
  });

  it('stops at limit across pages without fetching further', async () => {
    const { client, fetch } = createObservedClient(memberships(1000));
    const items = await collect(
      client.organizationMemberships.listAll({}, { pageSize: 10, limit: 25 }),
    );
    expect(items.map((item) => item.id).at(-1)).toBe('25');
    expect(items).toHaveLength(25);
    expect(fetch.calls).toHaveLength(3);
  });

  it('asks for no more than limit when it is below the page size', async () => {
    const { client, fetch } = createObservedClient(memberships(1000));
    const items = await collect(client.organizationMemberships.listAll({}, { limit: 7 }));
    expect(items).toHaveLength(7);
    expect(fetch.calls.map((c) => c.query.get('per_page'))).toEqual(['7']);
  });

  it('stops fetching when the loop breaks early', async () => {
    const { client, fetch } = createObservedClient(memberships(1000));
    let seen = 0;
    for await (const _item of client.organizationMemberships.listAll({}, { pageSize: 10 })) {
      if (++seen === 15) break;
    }
    await settle();
    expect(fetch.calls).toHaveLength(2);
  });

  it('does not fetch the next page before the current one is consumed', async () => {
    const { client, fetch } = createObservedClient(memberships(30));
    const iterator = client.organizationMemberships.listAll({}, { pageSize: 10 });
    for (let i = 0; i < 10; i++) await iterator.next();
    await settle();
    expect(fetch.calls).toHaveLength(1);
    await iterator.next();
    expect(fetch.calls).toHaveLength(2);
  });

  it('fetches nothing until iteration starts', async () => {
    const { client, fetch } = createObservedClient(memberships(30));
    client.organizationMemberships.listAll();
    await settle();
    expect(fetch.calls).toHaveLength(0);
  });

  it('ends on a short page even if page_count says more', async () => {
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(1)], { count: 99, perPage: 10 }),
    );
    const items = await collect(client.organizationMemberships.listAll({}, { pageSize: 10 }));
    expect(items).toHaveLength(1);
    expect(fetch.calls).toHaveLength(1);
  });

  it('ends on an empty first page', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
    expect(await collect(client.organizationMemberships.listAll())).toEqual([]);
    expect(fetch.calls).toHaveLength(1);
  });

  it('stops when the signal aborts between pages', async () => {
    const held = gate();
    const pages = memberships(100);
    const { client, fetch } = createObservedClient(async (request, call) => {
      if (call === 2) await held.promise;
      return pages(request);
    });
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: string[] = [];
    const run = (async () => {
      for await (const item of client.organizationMemberships.listAll(
        {},
        { pageSize: 10, signal: controller.signal },
      )) {
        seen.push(item.id);
      }
    })();
    await settle();
    controller.abort(reason);
    held.open();
    expect(await rejection(run)).toBe(reason);
    expect(seen).toHaveLength(10);
    expect(fetch.calls).toHaveLength(2);
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: 201 }, 'pageSize'],
    [{ pageSize: 1.5 }, 'pageSize'],
    [{ limit: 0 }, 'limit'],
    [{ limit: -1 }, 'limit'],
    [{ limit: Number.NaN }, 'limit'],
  ])('refuses %j before any request', async (options, field) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
    const error = await rejection(client.organizationMemberships.listAll({}, options).next());
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe(field);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each(['page', 'per_page', 'limit', 'offset'])(
    'refuses %s in the query, since it pages itself',
    async (name) => {
      const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
      const query = { [name]: 2 } as Record<string, unknown>;
      const error = await rejection(client.organizationMemberships.listAll(query).next());
      expect(error).toBeInstanceOf(KantataInputError);
      expect((error as KantataInputError).field).toBe(name);
      expect(fetch.calls).toHaveLength(0);
    },
  );
});
