import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { KantataApiError, KantataInputError } from '../../src/index.js';
import {
  apiErrors,
  clientFor,
  envelope,
  fakeApi,
  json,
  om,
  rejection,
  TOKEN,
  text,
  ugm,
} from './fake-api.js';

const OM = 'organization_memberships';
const UGM = 'user_group_memberships';

/** Every way an error is commonly turned into text. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    String(e.stack),
    JSON.stringify(e),
    inspect(e),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
}

function expectNoToken(error: unknown, token = TOKEN): void {
  expect(error).toBeInstanceOf(Error);
  for (const rendering of renderings(error)) expect(rendering).not.toContain(token);
}

describe('the token never appears in an error from a helper', () => {
  it('is sent as a bearer token on every helper request', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    await client.organizationMemberships.get(1);
    expect(api.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('is masked when a 401 body echoes it', async () => {
    const api = fakeApi(() =>
      apiErrors(401, [{ type: 'oauth', message: `token ${TOKEN} is revoked`, field: TOKEN }], {
        'x-request-id': TOKEN,
      }),
    );
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toMatchObject({ status: 401 });
    expectNoToken(error);
    expect((error as KantataApiError).body).not.toContain(TOKEN);
  });

  it('is masked when a 200 HTML page echoes it', async () => {
    const api = fakeApi(() => text(`<p>Signed in with ${TOKEN}</p>`));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expectNoToken(error);
  });

  it('is masked when malformed JSON starts with it', async () => {
    const api = fakeApi(() => text(`${TOKEN} {`, 200, 'application/json'));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/not valid JSON/);
    expectNoToken(error);
  });

  it('is masked when an unusable envelope names it', async () => {
    const api = fakeApi(() =>
      json({ ...envelope(OM, []), results: [{ key: OM, id: TOKEN }] }, 200, {
        'x-request-id': TOKEN,
      }),
    );
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/which is missing/);
    expectNoToken(error);
  });

  it('is masked whole, never cut, when a long token is echoed in a long body', async () => {
    const token = `long_${'x'.repeat(30)}_${'y'.repeat(60)}`;
    const api = fakeApi(() =>
      json({ ...envelope(OM, []), results: [{ key: OM, id: token.repeat(20) }] }, 200),
    );
    const { client } = clientFor(api, { token });
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/\[REDACTED\]/);
    for (const rendering of renderings(error)) expect(rendering).not.toContain(token.slice(0, 30));
  });

  it('is masked when it came from a token function', async () => {
    const token = 'fn_token_0a1b2c3d';
    const api = fakeApi(() =>
      apiErrors(403, [{ type: 'system', message: `no access for ${token}` }]),
    );
    const { client } = clientFor(api, { token: async () => token });
    const error = await rejection(client.userGroupMemberships.list());
    expect(error).toMatchObject({ status: 403 });
    expectNoToken(error, token);
  });

  it('is masked in createMany failures', async () => {
    const api = fakeApi(() => apiErrors(422, [{ type: 'validation', message: TOKEN }]));
    const { client } = clientFor(api);
    const result = await client.userGroupMemberships.createMany([
      { user_id: 1, workspace_group_id: 2 },
    ]);
    expectNoToken(result.failed[0]?.error);
  });

  it('is not in the client object', () => {
    const { client } = clientFor(fakeApi(() => json({})));
    expect(inspect(client, { depth: 6, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });
});

describe('hostile response keys', () => {
  afterEach(() => {
    // Guard the rest of the suite if a test ever polluted the prototype.
    for (const key of ['polluted', 'id', 'name']) {
      delete (Object.prototype as Record<string, unknown>)[key];
    }
  });

  const hostile = (key: string, extra = ''): string =>
    `{"count":1,"meta":{"count":1,"page_count":1,"page_number":1,"page_size":1},` +
    `"results":[{"key":"${OM}","id":"1"}],` +
    `"${OM}":{"${key}":{"polluted":true},"1":{"id":"1","member_id":"9","${key}":{"polluted":true}${extra}}},` +
    `"organizations":{"${key}":{"polluted":true},"456":{"id":"456","name":"Eng","${key}":{"polluted":true}}},` +
    `"${key}":{"polluted":true}}`;

  it.each(['__proto__', 'constructor', 'prototype'])(
    'pollutes nothing with a %s key',
    async (key) => {
      const body = hostile(key, ',"department_id":"456"');
      const api = fakeApi(() => text(body, 200, 'application/json'));
      const { client } = clientFor(api);
      const { items } = await client.organizationMemberships.list({ include: ['department'] });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      const item = items[0];
      expect(item?.id).toBe('1');
      expect(item?.member_id).toBe('9');
      expect(item?.department?.name).toBe('Eng');
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    },
  );

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'does not resolve a result whose id is %s to something inherited',
    async (id) => {
      const api = fakeApi(() => json({ ...envelope(OM, [om(1)]), results: [{ key: OM, id }] }));
      const { client } = clientFor(api);
      const error = await rejection(client.organizationMemberships.list());
      expect(error).toBeInstanceOf(KantataApiError);
      expect((error as Error).message).toMatch(/which is missing/);
    },
  );

  it.each(['__proto__', 'constructor'])(
    'does not read a result whose key is %s from the prototype',
    async (key) => {
      const api = fakeApi(() =>
        json({ ...envelope(OM, [om(1)]), results: [{ key, id: 'prototype' }] }),
      );
      const { client } = clientFor(api);
      const error = await rejection(client.organizationMemberships.list());
      expect((error as Error).message).toMatch(/which is missing/);
    },
  );

  it('resolves an include whose foreign key is __proto__ to null', async () => {
    const api = fakeApi(() =>
      json(envelope(UGM, [ugm(1, { user_id: '__proto__' })], { included: { users: [] } })),
    );
    const { client } = clientFor(api);
    const { items } = await client.userGroupMemberships.list({ include: ['user'] });
    expect(items[0]?.user).toBeNull();
  });
});

describe('ids', () => {
  const bad: [string, unknown][] = [
    ['..', '..'],
    ['.', '.'],
    ['empty', ''],
    ['1/2', '1/2'],
    ['../1', '../1'],
    ['%2e%2e', '%2e%2e'],
    ['1?x=1', '1?x=1'],
    ['-1', -1],
    ['"-1"', '-1'],
    ['0', 0],
    ['1.5', 1.5],
    ['"1e3"', '1e3'],
    ['" 1"', ' 1'],
    ['"01"', '01'],
    ['2^53', 2 ** 53],
    ['"9007199254740993"', '9007199254740993'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 1 }],
    ['a bigint', 1n],
  ];

  type Call = (client: ReturnType<typeof clientFor>['client'], id: unknown) => Promise<unknown>;
  const calls: [string, Call][] = [
    ['organizationMemberships.get', (c, id) => c.organizationMemberships.get(id as number)],
    [
      'organizationMemberships.update',
      (c, id) => c.organizationMemberships.update(id as number, { primary: true }),
    ],
    ['organizationMemberships.delete', (c, id) => c.organizationMemberships.delete(id as number)],
    ['userGroupMemberships.get', (c, id) => c.userGroupMemberships.get(id as number)],
    ['userGroupMemberships.delete', (c, id) => c.userGroupMemberships.delete(id as number)],
  ];

  for (const [name, call] of calls) {
    it.each(bad)(`${name} refuses %s before any request`, async (_label, id) => {
      const api = fakeApi(() => json(envelope(OM, [om(1)])));
      const { client } = clientFor(api);
      const error = await rejection(call(client, id));
      expect(error).toBeInstanceOf(KantataInputError);
      expect((error as KantataInputError).field).toBe('id');
      expect(api.calls).toHaveLength(0);
    });
  }
});

describe('query bounds', () => {
  it.each([
    [{ per_page: 0 }, 'per_page'],
    [{ per_page: 201 }, 'per_page'],
    [{ per_page: 2.5 }, 'per_page'],
    [{ per_page: '20' }, 'per_page'],
    [{ page: 0 }, 'page'],
    [{ limit: 0 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ only: [0] }, 'only'],
    [{ only: 5 }, 'only'],
    [{ department_id: -3 }, 'department_id'],
  ])('list refuses %j before any request', async (query, field) => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const list = client.organizationMemberships.list as (q: unknown) => Promise<unknown>;
    const error = await rejection(list(query));
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe(field);
    expect(api.calls).toHaveLength(0);
  });

  it.each([1, 200])('list accepts per_page %i', async (perPage) => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    await client.organizationMemberships.list({ per_page: perPage });
    expect(api.calls[0]?.rawQuery).toBe(`per_page=${perPage}`);
  });

  it.each([
    [{ user_ids: [0] }, 'user_ids'],
    [{ group_ids: [1, -2] }, 'group_ids'],
    [{ per_page: 500 }, 'per_page'],
  ])('user group membership list refuses %j', async (query, field) => {
    const api = fakeApi(() => json(envelope(UGM, [])));
    const { client } = clientFor(api);
    const error = await rejection(client.userGroupMemberships.list(query));
    expect((error as KantataInputError).field).toBe(field);
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a query that is not an object', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const list = client.organizationMemberships.list as (q: unknown) => Promise<unknown>;
    expect(await rejection(Promise.resolve().then(() => list('member_type=User')))).toBeInstanceOf(
      KantataInputError,
    );
    expect(api.calls).toHaveLength(0);
  });
});
