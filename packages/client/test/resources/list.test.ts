/** `list`: one page, in `results` order, with the includes resolved onto each item. */
import { buildOrganization, buildUser, buildWorkspaceGroup } from '@kantata-ox/fixtures';
import spec from '@kantata-ox/types/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { envelopeOf, groupMembership, json, membership, OM, UGM } from '../doubles/answers.js';
import { gate, rejection, settle } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

/** A named example of the bundled spec. */
function example(name: string): unknown {
  const examples = spec.components.examples as Record<string, { value: unknown }>;
  const found = examples[name];
  if (!found) throw new Error(`no example ${name}`);
  return found.value;
}

const noMemberships = () => envelopeOf(OM, []);

describe('list', () => {
  it('returns the items in results order, not map order', async () => {
    // Integer-like keys iterate in numeric order: the map reads 901, 902, 903.
    const { client } = createObservedClient(() =>
      envelopeOf(OM, [membership(903), membership(901), membership(902)]),
    );
    const page = await client.organizationMemberships.list();
    expect(page.items.map((item) => item.id)).toEqual(['903', '901', '902']);
  });

  it('keeps count and meta as the API sent them', async () => {
    const { client } = createObservedClient(() => json(example('OrganizationMembershipsPage')));
    const page = await client.organizationMemberships.list();
    expect(page.count).toBe(3);
    expect(page.meta).toEqual({ count: 3, page_count: 2, page_number: 1, page_size: 2 });
    expect(page.items.map((item) => item.id)).toEqual(['901', '902']);
  });

  it('sends GET to the list path with the filters in the query', async () => {
    const { client, fetch } = createObservedClient(noMemberships);
    await client.organizationMemberships.list({ member_type: 'User', department_id: 456 });
    expect(fetch.calls[0]).toMatchObject({ method: 'GET', path: '/organization_memberships' });
    expect(fetch.calls[0]?.rawQuery).toBe('member_type=User&department_id=456');
  });

  it('sends list parameters comma-joined', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(UGM, []));
    await client.userGroupMemberships.list({
      user_ids: [10, 11],
      group_ids: [20, 21],
      only: [1, 2, 3],
      include: ['user', 'workspace_group'],
    });
    expect(fetch.calls[0]?.rawQuery).toBe(
      'user_ids=10,11&group_ids=20,21&only=1,2,3&include=user,workspace_group',
    );
  });

  it('resolves the spec example includes onto each item', async () => {
    const { client } = createObservedClient(() =>
      json(example('OrganizationMembershipsWithOrganizations')),
    );
    const { items } = await client.organizationMemberships.list({
      include: ['department', 'geography'],
    });
    expect(items.map((item) => [item.department?.name, item.geography?.name])).toEqual([
      ['Engineering', 'North America'],
      ['Platform', 'Canada'],
    ]);
  });

  it('sets an include to null when the side-loaded object is missing', async () => {
    const { client } = createObservedClient(() =>
      envelopeOf(OM, [membership(1, { department_id: '456' }), membership(2)], {
        sideLoaded: { organizations: [] },
      }),
    );
    const { items } = await client.organizationMemberships.list({ include: ['department'] });
    expect(items.map((item) => item.department)).toEqual([null, null]);
  });

  it('sets an include to null when the whole side-loaded map is absent', async () => {
    const { client } = createObservedClient(() =>
      envelopeOf(OM, [membership(1, { geography_id: '123' })]),
    );
    const { items } = await client.organizationMemberships.list({ include: ['geography'] });
    expect(items[0]?.geography).toBeNull();
  });

  it('resolves user group membership includes from integer foreign keys', async () => {
    const user = buildUser({ id: '10' });
    const group = buildWorkspaceGroup({ id: '20' });
    const { client } = createObservedClient(() =>
      envelopeOf(UGM, [groupMembership(5, { user_id: 10, workspace_group_id: 20 })], {
        sideLoaded: { users: [user], workspace_groups: [group] },
      }),
    );
    const { items } = await client.userGroupMemberships.list({
      include: ['user', 'workspace_group'],
    });
    expect(items[0]?.user).toEqual(user);
    expect(items[0]?.workspace_group).toEqual(group);
  });

  it('adds no association that was not requested', async () => {
    const { client } = createObservedClient(() =>
      envelopeOf(OM, [membership(1, { department_id: '456' })], {
        sideLoaded: { organizations: [buildOrganization({ id: '456' })] },
      }),
    );
    const { items } = await client.organizationMemberships.list();
    expect(items[0]).not.toHaveProperty('department');
  });

  it('passes a caller signal to the request', async () => {
    const held = gate();
    const { client, fetch } = createObservedClient(async () => {
      await held.promise;
      return noMemberships();
    });
    const controller = new AbortController();
    const listed = rejection(
      client.organizationMemberships.list({}, { signal: controller.signal }),
    );
    await settle();
    controller.abort();
    await listed;
    expect(fetch.calls[0]?.signal.aborted).toBe(true);
  });

  it('rejects at once with the reason when the signal has already aborted', async () => {
    const { client, fetch } = createObservedClient(noMemberships);
    const reason = new Error('stop');
    const error = await rejection(
      client.organizationMemberships.list({}, { signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
    expect(fetch.calls).toHaveLength(0);
  });

  it("rejects with the caller's abort reason even when it is a TypeError", async () => {
    const reason = new TypeError('navigation cancelled');
    const { client } = createObservedClient(noMemberships);
    await expect(
      client.organizationMemberships.list({}, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });
});
