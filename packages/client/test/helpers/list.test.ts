import spec from '@kantata-ox/types/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/index.js';
import {
  clientFor,
  envelope,
  fakeApi,
  gate,
  json,
  om,
  organization,
  pagedList,
  rejection,
  settle,
  ugm,
} from './fake-api.js';

const OM = 'organization_memberships';
const UGM = 'user_group_memberships';

/** A named example of the bundled spec. */
function example(name: string): unknown {
  const examples = spec.components.examples as Record<string, { value: unknown }>;
  const found = examples[name];
  if (!found) throw new Error(`no example ${name}`);
  return found.value;
}

describe('list', () => {
  it('returns the items in results order, not map order', async () => {
    const body = envelope(OM, [om(903), om(901), om(902)]);
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const page = await client.organizationMemberships.list();
    expect(page.items.map((item) => item.id)).toEqual(['903', '901', '902']);
  });

  it('keeps count and meta as the API sent them', async () => {
    const api = fakeApi(() => json(example('OrganizationMembershipsPage')));
    const { client } = clientFor(api);
    const page = await client.organizationMemberships.list();
    expect(page.count).toBe(3);
    expect(page.meta).toEqual({ count: 3, page_count: 2, page_number: 1, page_size: 2 });
    expect(page.items.map((item) => item.id)).toEqual(['901', '902']);
  });

  it('sends GET to the list path with the filters in the query', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    await client.organizationMemberships.list({ member_type: 'User', department_id: 456 });
    expect(api.calls[0]).toMatchObject({ method: 'GET', path: '/organization_memberships' });
    expect(api.calls[0]?.rawQuery).toBe('member_type=User&department_id=456');
  });

  it('sends list parameters comma-joined', async () => {
    const api = fakeApi(() => json(envelope(UGM, [])));
    const { client } = clientFor(api);
    await client.userGroupMemberships.list({
      user_ids: [10, 11],
      group_ids: [20, 21],
      only: [1, 2, 3],
      include: ['user', 'workspace_group'],
    });
    expect(api.calls[0]?.rawQuery).toBe(
      'user_ids=10,11&group_ids=20,21&only=1,2,3&include=user,workspace_group',
    );
  });

  it('resolves the spec example includes onto each item', async () => {
    const api = fakeApi(() => json(example('OrganizationMembershipsWithOrganizations')));
    const { client } = clientFor(api);
    const { items } = await client.organizationMemberships.list({
      include: ['department', 'geography'],
    });
    expect(items.map((item) => [item.department?.name, item.geography?.name])).toEqual([
      ['Engineering', 'North America'],
      ['Platform', 'Canada'],
    ]);
  });

  it('sets an include to null when the side-loaded object is missing', async () => {
    const body = envelope(OM, [om(1, { department_id: '456' }), om(2)], {
      included: { organizations: [] },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const { items } = await client.organizationMemberships.list({ include: ['department'] });
    expect(items.map((item) => item.department)).toEqual([null, null]);
  });

  it('sets an include to null when the whole side-loaded map is absent', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(1, { geography_id: '123' })])));
    const { client } = clientFor(api);
    const { items } = await client.organizationMemberships.list({ include: ['geography'] });
    expect(items[0]?.geography).toBeNull();
  });

  it('resolves user group membership includes from integer foreign keys', async () => {
    const body = envelope(UGM, [ugm(5, { user_id: 10, workspace_group_id: 20 })], {
      included: {
        users: [{ id: '10', full_name: 'Ada' }],
        workspace_groups: [{ id: '20', name: 'Ops' }],
      },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const { items } = await client.userGroupMemberships.list({
      include: ['user', 'workspace_group'],
    });
    expect(items[0]?.user?.full_name).toBe('Ada');
    expect(items[0]?.workspace_group?.name).toBe('Ops');
  });

  it('adds no association that was not requested', async () => {
    const body = envelope(OM, [om(1, { department_id: '456' })], {
      included: { organizations: [organization(456, 'Department')] },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const { items } = await client.organizationMemberships.list();
    expect(items[0]).not.toHaveProperty('department');
  });

  it.each(['user', 'constructor', '__proto__', 'toString'])(
    'ignores the unknown include name %j at runtime',
    async (name) => {
      const body = envelope(OM, [om(1, { department_id: '456' })], {
        included: { organizations: [organization(456, 'Department')] },
      });
      const api = fakeApi(() => json(body));
      const { client } = clientFor(api);
      const include = [name, 'department'] as unknown as 'department'[];
      const { items } = await client.organizationMemberships.list({ include });
      const item = items[0] as Record<string, unknown>;
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
      expect(Object.keys(item)).not.toContain(name);
      expect(item.constructor).toBe(Object);
      expect((item.department as { name: string }).name).toBe('Department 456');
    },
  );

  it('passes a caller signal to the request', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const controller = new AbortController();
    await client.organizationMemberships.list({}, { signal: controller.signal });
    controller.abort();
    expect(api.calls[0]?.signal.aborted).toBe(true);
  });

  it('rejects at once with the reason when the signal has already aborted', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const reason = new Error('stop');
    const error = await rejection(
      client.organizationMemberships.list({}, { signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
    expect(api.calls).toHaveLength(0);
  });
});

describe('listAll', () => {
  async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of iterator) out.push(item);
    return out;
  }

  it('fetches every page until page_count, in order', async () => {
    const api = fakeApi(pagedList(OM, 450, (id) => om(id)));
    const { client } = clientFor(api);
    const items = await collect(client.organizationMemberships.listAll());
    expect(items).toHaveLength(450);
    expect(items.map((item) => Number(item.id))).toEqual(
      Array.from({ length: 450 }, (_, i) => i + 1),
    );
    expect(api.calls.map((c) => c.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('asks for the maximum page size, 200, by default', async () => {
    const api = fakeApi(pagedList(OM, 5, (id) => om(id)));
    const { client } = clientFor(api);
    await collect(client.organizationMemberships.listAll());
    expect(api.calls[0]?.query.get('per_page')).toBe('200');
  });

  it('uses pageSize as per_page', async () => {
    const api = fakeApi(pagedList(UGM, 25, (id) => ugm(id)));
    const { client } = clientFor(api);
    const items = await collect(client.userGroupMemberships.listAll({}, { pageSize: 10 }));
    expect(items).toHaveLength(25);
    expect(api.calls.map((c) => c.rawQuery)).toEqual([
      'page=1&per_page=10',
      'page=2&per_page=10',
      'page=3&per_page=10',
    ]);
  });

  it('keeps the filters and includes on every page', async () => {
    const api = fakeApi(pagedList(OM, 3, (id) => om(id)));
    const { client } = clientFor(api);
    await collect(
      client.organizationMemberships.listAll(
        { member_type: 'Workspace', include: ['department'] },
        { pageSize: 2 },
      ),
    );
    expect(api.calls.map((c) => c.rawQuery)).toEqual([
      'member_type=Workspace&include=department&page=1&per_page=2',
      'member_type=Workspace&include=department&page=2&per_page=2',
    ]);
  });

  it('stops at limit across pages without fetching further', async () => {
    const api = fakeApi(pagedList(OM, 1000, (id) => om(id)));
    const { client } = clientFor(api);
    const items = await collect(
      client.organizationMemberships.listAll({}, { pageSize: 10, limit: 25 }),
    );
    expect(items.map((item) => item.id).at(-1)).toBe('25');
    expect(items).toHaveLength(25);
    expect(api.calls).toHaveLength(3);
  });

  it('asks for no more than limit when it is below the page size', async () => {
    const api = fakeApi(pagedList(OM, 1000, (id) => om(id)));
    const { client } = clientFor(api);
    const items = await collect(client.organizationMemberships.listAll({}, { limit: 7 }));
    expect(items).toHaveLength(7);
    expect(api.calls.map((c) => c.query.get('per_page'))).toEqual(['7']);
  });

  it('stops fetching when the loop breaks early', async () => {
    const api = fakeApi(pagedList(OM, 1000, (id) => om(id)));
    const { client } = clientFor(api);
    let seen = 0;
    for await (const _item of client.organizationMemberships.listAll({}, { pageSize: 10 })) {
      if (++seen === 15) break;
    }
    await settle();
    expect(api.calls).toHaveLength(2);
  });

  it('does not fetch the next page before the current one is consumed', async () => {
    const api = fakeApi(pagedList(OM, 30, (id) => om(id)));
    const { client } = clientFor(api);
    const iterator = client.organizationMemberships.listAll({}, { pageSize: 10 });
    for (let i = 0; i < 10; i++) await iterator.next();
    await settle();
    expect(api.calls).toHaveLength(1);
    await iterator.next();
    expect(api.calls).toHaveLength(2);
  });

  it('fetches nothing until iteration starts', async () => {
    const api = fakeApi(pagedList(OM, 30, (id) => om(id)));
    const { client } = clientFor(api);
    client.organizationMemberships.listAll();
    await settle();
    expect(api.calls).toHaveLength(0);
  });

  it('ends on a short page even if page_count says more', async () => {
    const api = fakeApi(() =>
      json(envelope(OM, [om(1)], { count: 99, meta: { page_count: 50, page_size: 10 } })),
    );
    const { client } = clientFor(api);
    const items = await collect(client.organizationMemberships.listAll({}, { pageSize: 10 }));
    expect(items).toHaveLength(1);
    expect(api.calls).toHaveLength(1);
  });

  it('ends on an empty first page', async () => {
    const api = fakeApi(() => json(envelope(OM, [], { meta: { page_count: 0 } })));
    const { client } = clientFor(api);
    expect(await collect(client.organizationMemberships.listAll())).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it('stops when the signal aborts between pages', async () => {
    const held = gate();
    const api = fakeApi(async (request, call) => {
      if (call === 2) await held.promise;
      return pagedList(OM, 100, (id) => om(id))(request);
    });
    const { client } = clientFor(api);
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
    expect(api.calls).toHaveLength(2);
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: 201 }, 'pageSize'],
    [{ pageSize: 1.5 }, 'pageSize'],
    [{ limit: 0 }, 'limit'],
    [{ limit: -1 }, 'limit'],
    [{ limit: Number.NaN }, 'limit'],
  ])('refuses %j before any request', async (options, field) => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.listAll({}, options).next());
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe(field);
    expect(api.calls).toHaveLength(0);
  });

  it.each(['page', 'per_page', 'limit', 'offset'])(
    'refuses %s in the query, since it pages itself',
    async (name) => {
      const api = fakeApi(() => json(envelope(OM, [])));
      const { client } = clientFor(api);
      const query = { [name]: 2 } as Record<string, unknown>;
      const error = await rejection(client.organizationMemberships.listAll(query).next());
      expect(error).toBeInstanceOf(KantataInputError);
      expect((error as KantataInputError).field).toBe(name);
      expect(api.calls).toHaveLength(0);
    },
  );
});
