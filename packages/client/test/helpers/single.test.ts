import { describe, expect, it } from 'vitest';
import { KantataApiError, KantataInputError } from '../../src/index.js';
import {
  apiErrors,
  clientFor,
  envelope,
  fakeApi,
  json,
  om,
  organization,
  rejection,
  ugm,
} from './fake-api.js';

const OM = 'organization_memberships';
const UGM = 'user_group_memberships';

const NEW_OM = {
  geography_id: 123,
  department_id: 456,
  member_id: 111,
  member_type: 'User',
} as const;

describe('get', () => {
  it('fetches an organization membership by path', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(901)])));
    const { client } = clientFor(api);
    const item = await client.organizationMemberships.get(901);
    expect(item.id).toBe('901');
    expect(api.calls[0]).toMatchObject({
      method: 'GET',
      path: '/organization_memberships/901',
      rawQuery: '',
    });
  });

  it('accepts the id as a decimal string', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(901)])));
    const { client } = clientFor(api);
    await client.organizationMemberships.get('901');
    expect(api.calls[0]?.path).toBe('/organization_memberships/901');
  });

  it('sends include and resolves it', async () => {
    const body = envelope(OM, [om(901, { department_id: '456', geography_id: '123' })], {
      included: {
        organizations: [organization(456, 'Department'), organization(123, 'Geography')],
      },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const item = await client.organizationMemberships.get(901, {
      include: ['department', 'geography'],
    });
    expect(api.calls[0]?.rawQuery).toBe('include=department,geography');
    expect(item.department?.name).toBe('Department 456');
    expect(item.geography?.type).toBe('Geography');
  });

  it('turns a 404 into a KantataApiError', async () => {
    const api = fakeApi(() => apiErrors(404, [{ type: 'system', message: 'not found' }]));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.get(5));
    expect(error).toBeInstanceOf(KantataApiError);
    expect((error as KantataApiError).status).toBe(404);
    expect(api.calls).toHaveLength(1);
  });

  it('fails clearly when a 200 holds no object', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.get(5));
    expect(error).toBeInstanceOf(KantataApiError);
    expect((error as Error).message).toMatch(/holds no object/);
  });

  it('fetches a user group membership through only', async () => {
    const api = fakeApi(() => json(envelope(UGM, [ugm(77)])));
    const { client } = clientFor(api);
    const item = await client.userGroupMemberships.get(77);
    expect(item.id).toBe('77');
    expect(api.calls[0]).toMatchObject({ method: 'GET', path: '/user_group_memberships' });
    expect(api.calls[0]?.rawQuery).toBe('only=77');
  });

  it('sends include along with only for a user group membership', async () => {
    const body = envelope(UGM, [ugm(77, { user_id: '10' })], {
      included: { users: [{ id: '10', full_name: 'Ada' }] },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const item = await client.userGroupMemberships.get('77', { include: ['user'] });
    expect(api.calls[0]?.rawQuery).toBe('only=77&include=user');
    expect(item.user?.full_name).toBe('Ada');
  });

  it('gives a 404 KantataApiError when only finds no user group membership', async () => {
    const api = fakeApi(() => json(envelope(UGM, [])));
    const { client } = clientFor(api);
    const error = await rejection(client.userGroupMemberships.get(77));
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({ status: 404, method: 'GET' });
    expect((error as Error).message).toMatch(/77/);
  });

  it('does not return another object when only answers with the wrong id', async () => {
    const api = fakeApi(() => json(envelope(UGM, [ugm(78)])));
    const { client } = clientFor(api);
    const error = await rejection(client.userGroupMemberships.get(77));
    expect(error).toMatchObject({ status: 404 });
  });

  it.each([
    ['a string', '77'],
    ['an integer', 77],
  ])('accepts a user group membership whose id arrives as %s', async (_label, id) => {
    const body = envelope(UGM, [ugm(77)]);
    (body.results as { id: unknown }[])[0]!.id = id;
    (body[UGM] as Record<string, { id: unknown }>)['77']!.id = id;
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const item = await client.userGroupMemberships.get(77);
    expect(String(item.id)).toBe('77');
  });
});

describe('create', () => {
  it('posts the fields under the singular key and returns the created object', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(905, { member_id: '111' })])));
    const { client } = clientFor(api);
    const created = await client.organizationMemberships.create(NEW_OM);
    expect(created.id).toBe('905');
    expect(api.calls[0]).toMatchObject({
      method: 'POST',
      path: '/organization_memberships',
      body: { organization_membership: NEW_OM },
    });
    expect(api.calls[0]?.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('sends include and resolves it on the created object', async () => {
    const body = envelope(OM, [om(905, { department_id: '456' })], {
      included: { organizations: [organization(456, 'Department')] },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const created = await client.organizationMemberships.create(NEW_OM, {
      include: ['department'],
    });
    expect(api.calls[0]?.rawQuery).toBe('include=department');
    expect(created.department?.id).toBe('456');
  });

  it('creates a user group membership under its singular key', async () => {
    const api = fakeApi(() => json(envelope(UGM, [ugm(9)])));
    const { client } = clientFor(api);
    await client.userGroupMemberships.create({ user_id: 10, workspace_group_id: 20 });
    expect(api.calls[0]?.body).toEqual({
      user_group_membership: { user_id: 10, workspace_group_id: 20 },
    });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['missing member_type', { geography_id: 1, department_id: 2, member_id: 3 }],
    ['a null field', { ...NEW_OM, department_id: null }],
  ])('refuses %s before any request', async (_label, fields) => {
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    const create = client.organizationMemberships.create as (f: unknown) => Promise<unknown>;
    const error = await rejection(create(fields));
    expect(error).toBeInstanceOf(KantataInputError);
    expect(api.calls).toHaveLength(0);
  });
});

describe('update', () => {
  it('puts the fields under the singular key to the object path', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(901, { primary: true })])));
    const { client } = clientFor(api);
    const updated = await client.organizationMemberships.update(901, { primary: true });
    expect(updated.primary).toBe(true);
    expect(api.calls[0]).toMatchObject({
      method: 'PUT',
      path: '/organization_memberships/901',
      body: { organization_membership: { primary: true } },
    });
  });

  it('sends include and resolves it on the updated object', async () => {
    const body = envelope(OM, [om(901, { geography_id: '124' })], {
      included: { organizations: [organization(124, 'Geography')] },
    });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const updated = await client.organizationMemberships.update(
      '901',
      { geography_id: 124 },
      { include: ['geography'] },
    );
    expect(api.calls[0]?.rawQuery).toBe('include=geography');
    expect(updated.geography?.id).toBe('124');
  });

  it('refuses an empty change before any request', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(901)])));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.update(901, {}));
    expect(error).toBeInstanceOf(KantataInputError);
    expect(api.calls).toHaveLength(0);
  });

  it('does not exist for user group memberships at runtime', () => {
    const { client } = clientFor(fakeApi(() => json({})));
    expect('update' in client.userGroupMemberships).toBe(false);
    expect(Object.keys(client.userGroupMemberships).sort()).toEqual([
      'create',
      'createMany',
      'delete',
      'get',
      'list',
      'listAll',
    ]);
  });
});

describe('delete', () => {
  it('sends DELETE to the object path and resolves to undefined on 204', async () => {
    const api = fakeApi(() => new Response(null, { status: 204 }));
    const { client } = clientFor(api);
    await expect(client.organizationMemberships.delete(901)).resolves.toBeUndefined();
    expect(api.calls[0]).toMatchObject({
      method: 'DELETE',
      path: '/organization_memberships/901',
      body: undefined,
    });
  });

  it('deletes a user group membership by path', async () => {
    const api = fakeApi(() => new Response(null, { status: 204 }));
    const { client } = clientFor(api);
    await client.userGroupMemberships.delete('77');
    expect(api.calls[0]).toMatchObject({ method: 'DELETE', path: '/user_group_memberships/77' });
  });

  it('treats a 200 with an empty body as deleted', async () => {
    const api = fakeApi(() => new Response('', { status: 200 }));
    const { client } = clientFor(api);
    await expect(client.organizationMemberships.delete(901)).resolves.toBeUndefined();
  });

  it('throws a KantataApiError for a 404', async () => {
    const api = fakeApi(() => apiErrors(404, [{ type: 'system', message: 'not found' }]));
    const { client } = clientFor(api);
    const error = await rejection(client.userGroupMemberships.delete(77));
    expect(error).toMatchObject({ status: 404, method: 'DELETE' });
  });
});
