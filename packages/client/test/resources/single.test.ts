/** `get`, `create`, `update` and `delete`: one object by id, under the resource's keys. */
import { buildOrganization, buildUser } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import {
  KantataApiError,
  KantataInputError,
  KantataNotFoundError,
  KantataResponseError,
} from '../../src/errors/classes.js';
import {
  apiErrors,
  envelopeOf,
  groupMembership,
  json,
  membership,
  OM,
  UGM,
} from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

const NEW_OM = {
  geography_id: 123,
  department_id: 456,
  member_id: 111,
  member_type: 'User',
} as const;

describe('get', () => {
  it('fetches an organization membership by path', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(901)]));
    const item = await client.organizationMemberships.get(901);
    expect(item.id).toBe('901');
    expect(fetch.calls[0]).toMatchObject({
      method: 'GET',
      path: '/organization_memberships/901',
      rawQuery: '',
    });
  });

  it('accepts the id as a decimal string', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(901)]));
    await client.organizationMemberships.get('901');
    expect(fetch.calls[0]?.path).toBe('/organization_memberships/901');
  });

  it('sends include and resolves it', async () => {
    const department = buildOrganization({ id: '456', type: 'Department' });
    const geography = buildOrganization({ id: '123', type: 'Geography' });
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(901, { department_id: '456', geography_id: '123' })], {
        sideLoaded: { organizations: [department, geography] },
      }),
    );
    const item = await client.organizationMemberships.get(901, {
      include: ['department', 'geography'],
    });
    expect(fetch.calls[0]?.rawQuery).toBe('include=department,geography');
    expect(item.department).toEqual(department);
    expect(item.geography?.type).toBe('Geography');
  });

  it('turns a 404 into a KantataApiError', async () => {
    const { client, fetch } = createObservedClient(() =>
      apiErrors(404, [{ type: 'system', message: 'not found' }]),
    );
    const error = await rejection(client.organizationMemberships.get(5));
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).not.toBeInstanceOf(KantataNotFoundError);
    expect((error as KantataApiError).status).toBe(404);
    expect(fetch.calls).toHaveLength(1);
  });

  it('fails with a KantataResponseError when a 200 holds no object', async () => {
    const { client } = createObservedClient(() => envelopeOf(OM, []));
    const error = await rejection(client.organizationMemberships.get(5));
    expect(error).toBeInstanceOf(KantataResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect((error as Error).message).toMatch(/holds no object/);
  });

  it('fetches a user group membership through only', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(UGM, [groupMembership(77)]));
    const item = await client.userGroupMemberships.get(77);
    expect(item.id).toBe('77');
    expect(fetch.calls[0]).toMatchObject({ method: 'GET', path: '/user_group_memberships' });
    expect(fetch.calls[0]?.rawQuery).toBe('only=77');
  });

  it('sends include along with only for a user group membership', async () => {
    const user = buildUser({ id: '10' });
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(UGM, [groupMembership(77, { user_id: 10 })], { sideLoaded: { users: [user] } }),
    );
    const item = await client.userGroupMemberships.get('77', { include: ['user'] });
    expect(fetch.calls[0]?.rawQuery).toBe('only=77&include=user');
    expect(item.user).toEqual(user);
  });

  it('gives a 404 KantataNotFoundError when only finds no user group membership', async () => {
    const { client } = createObservedClient(() => envelopeOf(UGM, []));
    const error = await rejection(client.userGroupMemberships.get(77));
    expect(error).toBeInstanceOf(KantataNotFoundError);
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({
      name: 'KantataNotFoundError',
      status: 404,
      method: 'GET',
      path: '/user_group_memberships',
      attempts: 1,
    });
    expect((error as Error).message).toMatch(/No user_group_memberships with id 77/);
  });

  it('does not return another object when only answers with the wrong id', async () => {
    const { client } = createObservedClient(() => envelopeOf(UGM, [groupMembership(78)]));
    const error = await rejection(client.userGroupMemberships.get(77));
    expect(error).toMatchObject({ status: 404 });
  });

  it('finds the object by the id of its results entry, even without an id field', async () => {
    const { id: _id, ...withoutId } = groupMembership(77);
    const body = { results: [{ key: UGM, id: '77' }], [UGM]: { 77: withoutId } };
    const { client } = createObservedClient(() => json(body));
    expect(await client.userGroupMemberships.get(77)).toEqual(withoutId);
  });

  it.each([
    ['a string', '77'],
    ['an integer', 77],
  ])('accepts a user group membership whose id arrives as %s', async (_label, id) => {
    const body = {
      results: [{ key: UGM, id }],
      [UGM]: { 77: { ...groupMembership(77), id } },
    };
    const { client } = createObservedClient(() => json(body));
    const item = await client.userGroupMemberships.get(77);
    expect(String(item.id)).toBe('77');
  });
});

describe('create', () => {
  it('posts the fields under the singular key and returns the created object', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(905)]));
    const created = await client.organizationMemberships.create(NEW_OM);
    expect(created.id).toBe('905');
    expect(fetch.calls[0]).toMatchObject({
      method: 'POST',
      path: '/organization_memberships',
      body: { organization_membership: NEW_OM },
    });
    expect(fetch.calls[0]?.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('sends include and resolves it on the created object', async () => {
    const department = buildOrganization({ id: '456' });
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(905, { department_id: '456' })], {
        sideLoaded: { organizations: [department] },
      }),
    );
    const created = await client.organizationMemberships.create(NEW_OM, {
      include: ['department'],
    });
    expect(fetch.calls[0]?.rawQuery).toBe('include=department');
    expect(created.department?.id).toBe('456');
  });

  it('creates a user group membership under its singular key', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(UGM, [groupMembership(9)]));
    await client.userGroupMemberships.create({ user_id: 10, workspace_group_id: 20 });
    expect(fetch.calls[0]?.body).toEqual({
      user_group_membership: { user_id: 10, workspace_group_id: 20 },
    });
  });

  it('fails with a KantataResponseError when the answer holds no object', async () => {
    const { client } = createObservedClient(() => envelopeOf(OM, []));
    const error = await rejection(client.organizationMemberships.create(NEW_OM));
    expect(error).toBeInstanceOf(KantataResponseError);
    expect((error as Error).message).toBe(
      'POST /organization_memberships failed with 200: the response holds no object',
    );
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['missing member_type', { geography_id: 1, department_id: 2, member_id: 3 }],
    ['a null field', { ...NEW_OM, department_id: null }],
  ])('refuses %s before any request', async (_label, fields) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(1)]));
    const create = client.organizationMemberships.create as (f: unknown) => Promise<unknown>;
    const error = await rejection(create(fields));
    expect(error).toBeInstanceOf(KantataInputError);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe('update', () => {
  it('puts the fields under the singular key to the object path', async () => {
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(901, { primary: true })]),
    );
    const updated = await client.organizationMemberships.update(901, { primary: true });
    expect(updated.primary).toBe(true);
    expect(fetch.calls[0]).toMatchObject({
      method: 'PUT',
      path: '/organization_memberships/901',
      body: { organization_membership: { primary: true } },
    });
  });

  it('sends include and resolves it on the updated object', async () => {
    const geography = buildOrganization({ id: '124', type: 'Geography' });
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(901, { geography_id: '124' })], {
        sideLoaded: { organizations: [geography] },
      }),
    );
    const updated = await client.organizationMemberships.update(
      '901',
      { geography_id: 124 },
      { include: ['geography'] },
    );
    expect(fetch.calls[0]?.rawQuery).toBe('include=geography');
    expect(updated.geography?.id).toBe('124');
  });

  it('refuses an empty change before any request', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(901)]));
    const error = await rejection(client.organizationMemberships.update(901, {}));
    expect(error).toBeInstanceOf(KantataInputError);
    expect(fetch.calls).toHaveLength(0);
  });

  it('does not exist for user group memberships at runtime', () => {
    const { client } = createObservedClient(() => json({}));
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
    const { client, fetch } = createObservedClient(() => new Response(null, { status: 204 }));
    await expect(client.organizationMemberships.delete(901)).resolves.toBeUndefined();
    expect(fetch.calls[0]).toMatchObject({
      method: 'DELETE',
      path: '/organization_memberships/901',
      body: undefined,
    });
  });

  it('deletes a user group membership by path', async () => {
    const { client, fetch } = createObservedClient(() => new Response(null, { status: 204 }));
    await client.userGroupMemberships.delete('77');
    expect(fetch.calls[0]).toMatchObject({ method: 'DELETE', path: '/user_group_memberships/77' });
  });

  it('treats a 200 with an empty body as deleted', async () => {
    const { client } = createObservedClient(() => new Response('', { status: 200 }));
    await expect(client.organizationMemberships.delete(901)).resolves.toBeUndefined();
  });

  it('throws a KantataApiError for a 404', async () => {
    const { client } = createObservedClient(() =>
      apiErrors(404, [{ type: 'system', message: 'not found' }]),
    );
    const error = await rejection(client.userGroupMemberships.delete(77));
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({ status: 404, method: 'DELETE' });
  });
});
