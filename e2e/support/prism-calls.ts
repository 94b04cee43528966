/**
 * Every helper of the client, called once with the options a real caller would use, so that
 * Prism sees each request shape the client can send.
 */
import type { KantataClient } from '@kantata-ox/client';

/** Ids the calls refer to: made up for `prism mock`, read from the fake for `prism proxy`. */
export interface World {
  departmentId: number;
  geographyId: number;
  /** Users; the first ones hold memberships to read, the last ones are free for creates. */
  userIds: number[];
  workspaceGroupIds: number[];
  /** An organization membership to get and update. */
  organizationMembershipId: number;
  /** Another one, to delete. */
  doomedOrganizationMembershipId: number;
  /** A user group membership to get. */
  userGroupMembershipId: number;
  /** Another one, to delete. */
  doomedUserGroupMembershipId: number;
}

/** One helper call. */
export interface HelperCall {
  name: string;
  run(client: KantataClient, world: World): Promise<unknown>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const at = (ids: readonly number[], index: number): number => {
  const id = ids.at(index);
  if (id === undefined) throw new Error(`the world has no id at ${index}`);
  return id;
};

/** The calls, in an order where each write leaves the next one valid. */
export const helperCalls: readonly HelperCall[] = [
  {
    name: 'organizationMemberships.list (filters, include, only, paging)',
    run: (client, w) =>
      client.organizationMemberships.list({
        created_after: '2020-01-01T00:00:00Z',
        updated_before: '2030-01-01T00:00:00+00:00',
        department_id: w.departmentId,
        member_type: 'User',
        primary: true,
        include: ['department', 'geography'],
        only: [w.organizationMembershipId, w.doomedOrganizationMembershipId],
        page: 1,
        per_page: 50,
      }),
  },
  {
    name: 'organizationMemberships.listAll (limit, pageSize)',
    run: (client) =>
      collect(
        client.organizationMemberships.listAll(
          { member_type: 'User', include: ['department'] },
          { limit: 3, pageSize: 2 },
        ),
      ),
  },
  {
    name: 'organizationMemberships.get (include)',
    run: (client, w) =>
      client.organizationMemberships.get(w.organizationMembershipId, {
        include: ['department', 'geography'],
      }),
  },
  {
    name: 'organizationMemberships.create (include)',
    run: (client, w) =>
      client.organizationMemberships.create(
        {
          member_id: at(w.userIds, -1),
          member_type: 'User',
          department_id: w.departmentId,
          geography_id: w.geographyId,
        },
        { include: ['department'] },
      ),
  },
  {
    name: 'organizationMemberships.createMany (3 inputs)',
    run: (client, w) =>
      client.organizationMemberships.createMany(
        [-2, -3, -4].map((index) => ({
          member_id: at(w.userIds, index),
          member_type: 'User' as const,
          department_id: w.departmentId,
          geography_id: w.geographyId,
        })),
      ),
  },
  {
    name: 'organizationMemberships.update (include)',
    run: (client, w) =>
      client.organizationMemberships.update(
        w.organizationMembershipId,
        { department_id: w.departmentId, primary: true },
        { include: ['department'] },
      ),
  },
  {
    name: 'organizationMemberships.delete',
    run: (client, w) => client.organizationMemberships.delete(w.doomedOrganizationMembershipId),
  },
  {
    name: 'userGroupMemberships.list (user_ids, group_ids, order, include)',
    run: (client, w) =>
      client.userGroupMemberships.list({
        user_ids: w.userIds.slice(0, 3),
        group_ids: w.workspaceGroupIds,
        order: 'created_at:asc',
        include: ['user', 'workspace_group'],
        per_page: 200,
      }),
  },
  {
    name: 'userGroupMemberships.listAll (limit, pageSize)',
    run: (client) =>
      collect(
        client.userGroupMemberships.listAll({ include: ['user'] }, { limit: 3, pageSize: 2 }),
      ),
  },
  {
    name: 'userGroupMemberships.get (through only)',
    run: (client, w) =>
      client.userGroupMemberships.get(w.userGroupMembershipId, { include: ['workspace_group'] }),
  },
  {
    name: 'userGroupMemberships.create (include)',
    run: (client, w) =>
      client.userGroupMemberships.create(
        { user_id: at(w.userIds, -1), workspace_group_id: at(w.workspaceGroupIds, 0) },
        { include: ['user'] },
      ),
  },
  {
    name: 'userGroupMemberships.createMany (3 inputs)',
    run: (client, w) =>
      client.userGroupMemberships.createMany(
        [-2, -3, -4].map((index) => ({
          user_id: at(w.userIds, index),
          workspace_group_id: at(w.workspaceGroupIds, -1),
        })),
      ),
  },
  {
    name: 'userGroupMemberships.delete',
    run: (client, w) => client.userGroupMemberships.delete(w.doomedUserGroupMembershipId),
  },
];
