/** `listAll`: every page in order, none twice, reading ahead when asked, stopping when asked. */
import { describe, expect, it } from 'vitest';
import { KantataApiError, KantataInputError } from '../../src/errors/classes.js';
import {
  envelopeOf,
  groupMembership,
  hang,
  json,
  membership,
  OM,
  pagedList,
  UGM,
} from '../doubles/answers.js';
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

  it('stops fetching when the loop breaks early (one page at a time)', async () => {
    const { client, fetch } = createObservedClient(memberships(1000));
    let seen = 0;
    for await (const _item of client.organizationMemberships.listAll(
      {},
      { pageSize: 10, concurrency: 1 },
    )) {
      if (++seen === 15) break;
    }
    await settle();
    expect(fetch.calls).toHaveLength(2);
  });

  it('with concurrency 1, does not fetch the next page before the current one is consumed', async () => {
    const { client, fetch } = createObservedClient(memberships(30));
    const iterator = client.organizationMemberships.listAll({}, { pageSize: 10, concurrency: 1 });
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

  it('stops when the signal aborts between pages (one page at a time)', async () => {
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
        { pageSize: 10, concurrency: 1, signal: controller.signal },
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
    [{ concurrency: 0 }, 'concurrency'],
    [{ concurrency: 17 }, 'concurrency'],
    [{ concurrency: 2.5 }, 'concurrency'],
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

describe('listAll reading ahead (concurrency)', () => {
  /** Pages of `pageSize` 10 answered only when `release(page)` is called, in any order. */
  function heldPages(total: number) {
    const pages = memberships(total);
    const gates = new Map<number, ReturnType<typeof gate>>();
    const gateOf = (page: number) => {
      if (!gates.has(page)) gates.set(page, gate());
      return gates.get(page)!;
    };
    const answer = async (request: Parameters<typeof pages>[0]) => {
      const page = Number(request.query.get('page'));
      await gateOf(page).promise;
      return pages(request);
    };
    return { answer, release: (page: number) => gateOf(page).open() };
  }

  it('fetches the following pages in parallel once the first gives the page count', async () => {
    const { answer, release } = heldPages(100);
    const { client, fetch } = createObservedClient(answer);
    const items = collect(
      client.organizationMemberships.listAll({}, { pageSize: 10, concurrency: 4 }),
    );
    release(1);
    await settle();
    // Page 1 alone, then 2..5 at once: four in flight.
    expect(fetch.calls.map((c) => c.query.get('page'))).toEqual(['1', '2', '3', '4', '5']);
    for (let page = 2; page <= 10; page++) release(page);
    expect(await items).toHaveLength(100);
    expect(fetch.maxInFlight).toBe(4);
    expect(fetch.calls).toHaveLength(10);
  });

  it('reads 4 pages ahead by default', async () => {
    const { answer, release } = heldPages(100);
    const { client, fetch } = createObservedClient(answer);
    const items = collect(client.organizationMemberships.listAll({}, { pageSize: 10 }));
    release(1);
    await settle();
    expect(fetch.inFlight).toBe(4);
    for (let page = 2; page <= 10; page++) release(page);
    expect(await items).toHaveLength(100);
  });

  it('yields in order when later pages answer first', async () => {
    const { answer, release } = heldPages(50);
    const { client } = createObservedClient(answer);
    const items = collect(
      client.organizationMemberships.listAll({}, { pageSize: 10, concurrency: 4 }),
    );
    release(1);
    await settle();
    for (const page of [5, 3, 4, 2]) {
      release(page);
      await settle();
    }
    expect((await items).map((item) => Number(item.id))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('never yields an object twice when the pages shift under it', async () => {
    // An object created meanwhile near the start shifts the rest on by one: page 2 then starts
    // with page 1's last.
    const pages = memberships(30);
    const { client } = createObservedClient((request) => {
      const page = Number(request.query.get('page'));
      if (page !== 2) return pages(request);
      const ids = Array.from({ length: 10 }, (_, i) => 10 + i);
      return envelopeOf(
        OM,
        ids.map((id) => membership(id)),
        { count: 29, page: 2, perPage: 10 },
      );
    });
    const ids = (
      await collect(client.organizationMemberships.listAll({}, { pageSize: 10, concurrency: 3 }))
    ).map((item) => Number(item.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(8, 12)).toEqual([9, 10, 11, 12]);
  });

  it('aborts the pages in flight when the loop breaks early', async () => {
    const { client, fetch } = createObservedClient(async (request, call) =>
      call === 1 ? memberships(1000)(request) : hang(request, call),
    );
    for await (const _item of client.organizationMemberships.listAll(
      {},
      { pageSize: 10, concurrency: 4 },
    )) {
      break;
    }
    await settle();
    expect(fetch.calls).toHaveLength(4);
    expect(fetch.calls.slice(1).map((c) => c.signal.aborted)).toEqual([true, true, true]);
    expect(fetch.inFlight).toBe(0);
  });

  it('asks for no page past limit or page_count', async () => {
    const limited = createObservedClient(memberships(1000));
    await collect(
      limited.client.organizationMemberships.listAll(
        {},
        { pageSize: 10, limit: 25, concurrency: 8 },
      ),
    );
    expect(limited.fetch.calls).toHaveLength(3);

    const counted = createObservedClient(memberships(45));
    const items = await collect(
      counted.client.organizationMemberships.listAll({}, { pageSize: 10, concurrency: 8 }),
    );
    expect(items).toHaveLength(45);
    expect(counted.fetch.calls).toHaveLength(5);
  });

  it('throws a failed page after yielding every object before it', async () => {
    const pages = memberships(50);
    const { client } = createObservedClient((request) =>
      request.query.get('page') === '3' ? json({ errors: [] }, 500) : pages(request),
    );
    const seen: string[] = [];
    const run = (async () => {
      for await (const item of client.organizationMemberships.listAll(
        {},
        { pageSize: 10, concurrency: 4 },
      )) {
        seen.push(item.id);
      }
    })();
    expect(await rejection(run)).toBeInstanceOf(KantataApiError);
    expect(seen).toHaveLength(20);
  });

  it("aborts every page in flight with the caller's signal", async () => {
    const { client, fetch } = createObservedClient(async (request, call) =>
      call === 1 ? memberships(1000)(request) : hang(request, call),
    );
    const controller = new AbortController();
    const reason = new Error('enough');
    const run = collect(
      client.organizationMemberships.listAll(
        {},
        { pageSize: 10, concurrency: 3, signal: controller.signal },
      ),
    );
    await settle();
    controller.abort(reason);
    expect(await rejection(run)).toBe(reason);
    expect(fetch.calls.slice(1).map((c) => c.signal.aborted)).toEqual([true, true, true]);
  });
});
